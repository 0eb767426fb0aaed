package portal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// tokenBytes: 256 random bits, far above the 128 the page needs against guessing.
const tokenBytes = 32

// Link is a personal link to the debtor page, as stored (never the token itself).
type Link struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	ContactEmail   string
	Source         string
	ActionID       *uuid.UUID
	CreatedBy      *uuid.UUID
	CreatedAt      time.Time
	ExpiresAt      time.Time
	RevokedAt      *time.Time
	FirstVisitedAt *time.Time
	LastVisitedAt  *time.Time
	VisitCount     int
}

// TableName keeps GORM on the migration's table.
func (Link) TableName() string { return "portal_links" }

// Access is what a valid token opens: one customer of one organisation, for one contact.
type Access struct {
	LinkID         uuid.UUID
	OrganizationID uuid.UUID
	CustomerID     uuid.UUID
	ContactEmail   string
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func newToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Links issues the personal links to the debtor page. It stands apart from the Service, which
// embeds it, so that the dunning engine (which the Service uses for disputes and promises) can
// issue the link each reminder carries, and the payments domain can address the page.
type Links struct {
	baseURL string
	now     func() time.Time
}

// NewLinks issues links to pages under baseURL (RELANCE_BASE_URL); now is the clock (nil: time.Now).
func NewLinks(baseURL string, now func() time.Time) *Links {
	if now == nil {
		now = time.Now
	}
	return &Links{baseURL: baseURL, now: now}
}

// URL is the page address of a token.
func (s *Links) URL(token string) string {
	return strings.TrimRight(s.baseURL, "/") + "/p/" + token
}

// newLink stores a link for a customer and returns its token (shown once, never stored).
func (s *Links) newLink(tx *gorm.DB, org, customer uuid.UUID, email, source string, action, by *uuid.UUID) (Link, string, error) {
	var days int
	if err := tx.Raw(`SELECT coalesce((SELECT link_lifetime_days FROM portal_settings WHERE organization_id = ?), 90)`, org).
		Scan(&days).Error; err != nil {
		return Link{}, "", err
	}
	token, err := newToken()
	if err != nil {
		return Link{}, "", err
	}
	now := s.now()
	l := Link{ID: newID(), OrganizationID: org, CustomerID: customer, ContactEmail: strings.ToLower(strings.TrimSpace(email)),
		Source: source, ActionID: action, CreatedBy: by, CreatedAt: now, ExpiresAt: now.AddDate(0, 0, days)}
	err = tx.Exec(`INSERT INTO portal_links (id, organization_id, customer_id, contact_email, token_hash, source, action_id,
		created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, l.ID, org, customer, l.ContactEmail,
		hashToken(token), source, action, by, now, l.ExpiresAt).Error
	return l, token, err
}

// ReminderLink makes the personal link a reminder to contactEmail carries, inside the
// reminder's transaction (the dunning engine's LinkIssuer).
func (s *Links) ReminderLink(ctx context.Context, tx *gorm.DB, org, customer uuid.UUID, contactEmail string) (string, error) {
	_, token, err := s.newLink(tx.WithContext(ctx), org, customer, contactEmail, "reminder", nil, nil)
	if err != nil {
		return "", err
	}
	return s.URL(token), nil
}

// CreatedLink is a new link with its URL, shown once.
type CreatedLink struct {
	Link
	URL string
}

// CreateLink makes a link to a customer's page for staff to share.
func (s *Service) CreateLink(ctx context.Context, p auth.Principal, customer uuid.UUID, contactEmail string) (CreatedLink, error) {
	if err := canWrite(p); err != nil {
		return CreatedLink{}, err
	}
	var out CreatedLink
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("ledger_customers").Where("organization_id = ? AND id = ?", p.OrganizationID, customer).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return errs.ErrNotFound
		}
		var by *uuid.UUID
		if p.IsUser() {
			by = &p.UserID
		}
		l, token, err := s.newLink(tx, p.OrganizationID, customer, contactEmail, "staff", nil, by)
		if err != nil {
			return err
		}
		out = CreatedLink{Link: l, URL: s.URL(token)}
		return record(tx, p, "portal_link_created", &customer, nil, ledger.JSON{"link_id": l.ID, "expires_at": l.ExpiresAt})
	})
	return out, err
}

// ListLinks lists a customer's links, newest first.
func (s *Service) ListLinks(ctx context.Context, p auth.Principal, customer uuid.UUID) ([]Link, error) {
	var out []Link
	err := s.db.WithContext(ctx).Where("organization_id = ? AND customer_id = ?", p.OrganizationID, customer).
		Order("created_at DESC").Limit(200).Find(&out).Error
	return out, err
}

// RevokeLink stops a link from opening the page.
func (s *Service) RevokeLink(ctx context.Context, p auth.Principal, id uuid.UUID) error {
	if err := canWrite(p); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		l, err := page.One[Link](tx.Where("organization_id = ? AND id = ?", p.OrganizationID, id), errs.ErrNotFound)
		if err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE portal_links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`, s.opts.Now(), id).Error; err != nil {
			return err
		}
		return record(tx, p, "portal_link_revoked", &l.CustomerID, nil, ledger.JSON{"link_id": id})
	})
}

// Guessing protection: unknown, expired or revoked tokens are counted per client address; past
// the limit the address waits for its wrong tokens (counted in Postgres, so every server sees
// the same counts). A valid token opens all the same: at 256 bits a token cannot be guessed,
// and the count is there to slow down noise, never to shut out a debtor with a good link.
const (
	failureWindow = 15 * time.Minute
	maxFailures   = 20
)

// Open resolves a token into the access it grants and records the visit on the customer's
// timeline (proof the debtor saw the reminder). ip is the client address.
func (s *Service) Open(ctx context.Context, token, ip string) (Access, error) {
	return s.resolve(ctx, token, ip, true)
}

// Check resolves a token without counting a visit: for what the page itself loads or posts
// (downloads, forms).
func (s *Service) Check(ctx context.Context, token, ip string) (Access, error) {
	return s.resolve(ctx, token, ip, false)
}

func (s *Service) resolve(ctx context.Context, token, ip string, visit bool) (Access, error) {
	var a Access
	// One read: the address's recent failures and the link (if the token is one).
	var (
		failures          int64
		id, org, customer *[16]byte
		email             *string
		revoked, expires  *time.Time
	)
	err := s.opts.DB.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM portal_failures WHERE key = $1 AND failed_at > $2),
			l.id, l.organization_id, l.customer_id, l.contact_email, l.revoked_at, l.expires_at
		FROM (SELECT 1) one LEFT JOIN portal_links l ON l.token_hash = $3`,
		"ip:"+ip, s.opts.Now().Add(-failureWindow), hashToken(token)).Scan(&failures, &id, &org, &customer, &email, &revoked, &expires)
	// The token is checked first: a valid link always opens, even from an address that has
	// tried wrong ones (an office behind one address, a mail scanner); only failures back off.
	valid := err == nil && id != nil && revoked == nil && expires.After(s.opts.Now())
	switch {
	case err != nil:
	case valid:
		a = Access{LinkID: *id, OrganizationID: *org, CustomerID: *customer, ContactEmail: deref(email, "")}
	case failures >= maxFailures:
		return a, ErrTooManyTries.RetryIn(failureWindow)
	default:
		err = errLinkFailed
	}
	if errors.Is(err, errLinkFailed) {
		if ferr := s.db.WithContext(ctx).Exec(`INSERT INTO portal_failures (key, failed_at) VALUES (?, ?)`, "ip:"+ip,
			s.opts.Now()).Error; ferr != nil {
			return a, ferr
		}
		return a, ErrLinkInvalid
	}
	if err != nil || !visit {
		return a, err
	}
	return a, s.recordVisit(ctx, a)
}

// recordVisit counts a visit on the link and puts it on the customer's timeline (the activity
// ledger.RecordActivity would write: portal_visited by the system, with the link, the contact
// and the visit's number). One statement: the link's row stays locked only while Postgres runs
// it, never across a round trip to us, so that a page opened many times at once (a refresh, a
// mail scanner, a link forwarded to a team) does not queue its visits behind each other.
func (s *Service) recordVisit(ctx context.Context, a Access) error {
	now := s.opts.Now()
	return s.db.WithContext(ctx).Exec(`WITH l AS (
			UPDATE portal_links SET visit_count = visit_count + 1, last_visited_at = ?,
				first_visited_at = coalesce(first_visited_at, ?)
			WHERE id = ? RETURNING visit_count)
		INSERT INTO timeline_entries (id, organization_id, customer_id, kind, data, occurred_at)
		SELECT ?, ?, ?, 'portal_visited',
			jsonb_build_object('link_id', ?::text, 'contact', ?::text, 'visit', l.visit_count), ?
		FROM l`, now, now, a.LinkID, newID(), a.OrganizationID, a.CustomerID, a.LinkID.String(), a.ContactEmail,
		time.Now()).Error
}

var errLinkFailed = errors.New("portal: link failed")
