package portal

import (
	"context"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/mail"
)

// A fresh link on request, from the page a bad link leads to: the person types the address
// our messages reach; when it is a contact of the customer (of the old link when there is one,
// else of any customer), that address receives a new link. The answer never says which.
const (
	resendWindow     = 15 * time.Minute
	maxResendsPerIP  = 10               // requests per address per window
	resendQuietSpell = 10 * time.Minute // one new link per customer and email per spell
	maxResendTargets = 5                // customers served by one request without an old link
)

// ResendLink sends a new link to email when it is a known contact. token is the old link's
// (may be empty or unknown), ip the client's address. Only ErrTooManyTries and real failures
// are errors: an unknown email is not.
func (s *Service) ResendLink(ctx context.Context, email, token, ip string) error {
	email, ok := locale.Email(email)
	if !ok {
		return errs.Invalid("email", "common.email_invalid")
	}
	email = strings.ToLower(email)
	now := s.opts.Now()
	return s.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Raw(`SELECT count(*) FROM portal_failures WHERE key = ? AND failed_at > ?`, "resend:"+ip,
			now.Add(-resendWindow)).Scan(&n).Error; err != nil {
			return err
		}
		if n >= maxResendsPerIP {
			return ErrTooManyTries.RetryIn(resendWindow)
		}
		if err := tx.Exec(`INSERT INTO portal_failures (key, failed_at) VALUES (?, ?)`, "resend:"+ip, now).Error; err != nil {
			return err
		}
		type target struct{ OrganizationID, CustomerID uuid.UUID }
		var targets []target
		if token != "" {
			// The old link's customer, when the address is one of its contacts or the link's own.
			if err := tx.Raw(`SELECT l.organization_id, l.customer_id FROM portal_links l
				JOIN ledger_customers c ON c.organization_id = l.organization_id AND c.id = l.customer_id AND c.archived_at IS NULL
				WHERE l.token_hash = ? AND (lower(l.contact_email) = ? OR EXISTS (SELECT 1 FROM ledger_contacts k
					WHERE k.organization_id = l.organization_id AND k.customer_id = l.customer_id AND lower(k.email) = ?))`,
				hashToken(token), email, email).Scan(&targets).Error; err != nil {
				return err
			}
		}
		if len(targets) == 0 {
			if err := tx.Raw(`SELECT DISTINCT k.organization_id, k.customer_id FROM ledger_contacts k
				JOIN ledger_customers c ON c.organization_id = k.organization_id AND c.id = k.customer_id AND c.archived_at IS NULL
				WHERE lower(k.email) = ? ORDER BY k.organization_id, k.customer_id LIMIT ?`, email, maxResendTargets).
				Scan(&targets).Error; err != nil {
				return err
			}
		}
		for _, t := range targets {
			var recent int64
			if err := tx.Raw(`SELECT count(*) FROM portal_links WHERE organization_id = ? AND customer_id = ?
				AND contact_email = ? AND source = 'resend' AND created_at > ?`, t.OrganizationID, t.CustomerID, email,
				now.Add(-resendQuietSpell)).Scan(&recent).Error; err != nil {
				return err
			}
			if recent > 0 {
				continue
			}
			if err := s.resendTo(ctx, tx, t.OrganizationID, t.CustomerID, email); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) resendTo(ctx context.Context, tx *gorm.DB, org, customer uuid.UUID, email string) error {
	l, token, err := s.newLink(tx, org, customer, email, "resend", nil, nil)
	if err != nil {
		return err
	}
	var who struct {
		OrgName, Language string
		ContactEmail      *string
	}
	if err := tx.Raw(`SELECT o.name AS org_name, c.language, ps.contact_email FROM ledger_customers c
		JOIN organization_profiles o ON o.id = c.organization_id
		LEFT JOIN portal_settings ps ON ps.organization_id = c.organization_id
		WHERE c.organization_id = ? AND c.id = ?`, org, customer).Scan(&who).Error; err != nil {
		return err
	}
	lang := who.Language
	url := s.URL(token)
	valid := locale.DateShort(l.ExpiresAt, lang)
	text := strings.Join([]string{Text(lang, "mail_hello"), "", Text(lang, "mail_body", who.OrgName), "", url, "",
		Text(lang, "mail_valid", valid), "", Text(lang, "mail_ignore"), "", who.OrgName}, "\n")
	esc := html.EscapeString
	body := fmt.Sprintf(`<!doctype html><html lang="%s"><body style="margin:0;padding:24px;background:#f6f7f9;font-family:Arial,Helvetica,sans-serif;color:#1f2328;line-height:1.5">`+
		`<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">`+
		`<p>%s</p><p>%s</p><p style="margin:24px 0"><a href="%s" style="display:inline-block;background:#1864ab;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">%s</a></p>`+
		`<p style="font-size:14px;color:#57606a">%s</p><p style="font-size:14px;color:#57606a">%s</p><p>%s</p></div></body></html>`,
		lang, esc(Text(lang, "mail_hello")), esc(Text(lang, "mail_body", who.OrgName)), esc(url), esc(Text(lang, "mail_button")),
		esc(Text(lang, "mail_valid", valid)), esc(Text(lang, "mail_ignore")), esc(who.OrgName))
	msg := mail.Message{To: []string{email}, Subject: Text(lang, "mail_subject", who.OrgName), Text: text, HTML: body}
	if who.ContactEmail != nil && *who.ContactEmail != "" {
		msg.ReplyTo = *who.ContactEmail
	}
	if s.opts.Jobs != nil {
		if err := s.opts.Jobs.Enqueue(ctx, tx, mail.SendArgs{Message: msg}); err != nil {
			return err
		}
	}
	return record(tx, system(org), "portal_link_resent", &customer, nil, ledger.JSON{"link_id": l.ID, "contact": email,
		"expires_at": l.ExpiresAt})
}
