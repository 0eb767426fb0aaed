package dunning

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning/render"
	"github.com/relance/relance/internal/platform/errs"
)

// PreviewInput is a template being edited.
type PreviewInput struct {
	Language   string
	Stage      string
	Subject    string
	Body       string
	CustomerID *uuid.UUID // the customer whose data fills the preview; default: the one with most open invoices
}

// Preview is a rendered template and whose data it shows.
type Preview struct {
	Subject      string
	HTML         string
	Text         string
	CustomerID   *uuid.UUID
	CustomerName string
}

// PreviewTemplate renders a template with real data: a customer's open invoices (up to ten), its
// contact, the penalties and the organisation's signature. Tracking links are left out.
func (s *Service) PreviewTemplate(ctx context.Context, p auth.Principal, in PreviewInput) (Preview, error) {
	var v errs.Validation
	v.Check(oneOf(in.Language, Languages), "language", "dunning.must_fr_en")
	v.Check(in.Stage == "" || oneOf(in.Stage, Stages), "stage", "dunning.choose_stage")
	for _, fe := range render.Validate(render.Template{Subject: in.Subject, Body: in.Body}) {
		v.Add(fe.Field, fe.Key, fe.Args...)
	}
	if err := v.Err(); err != nil {
		return Preview{}, err
	}
	var out Preview
	err := s.tx(ctx, func(tx *gorm.DB) error {
		st, err := s.settings(tx, p.OrganizationID)
		if err != nil {
			return err
		}
		id := in.CustomerID
		if id == nil {
			var ids []uuid.UUID
			if err := tx.Raw(`SELECT customer_id FROM ledger_invoices WHERE organization_id = ? AND status IN ('open', 'partially_paid')
				GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1`, p.OrganizationID).Scan(&ids).Error; err != nil {
				return err
			}
			if len(ids) > 0 {
				id = &ids[0]
			}
		}
		data := render.SampleFor(in.Language, in.Stage)
		if id != nil {
			c, err := loadCustomer(tx, p.OrganizationID, *id)
			if err == errs.ErrNotFound {
				return errs.Invalid("customer_id", "dunning.no_such_customer")
			}
			if err != nil {
				return err
			}
			lines, contact, err := previewLines(tx, p.OrganizationID, c.ID)
			if err != nil {
				return err
			}
			if len(lines) > 0 {
				today := dateOf(s.opts.Now().In(c.location()))
				data = s.messageData(st, c, lines, today, contact)
				out.CustomerID, out.CustomerName = &c.ID, c.Name
			}
		}
		data.Language, data.Stage = in.Language, in.Stage
		if data.DebtorLink == "" {
			data.DebtorLink = s.opts.BaseURL + "/p/…"
		}
		email, err := render.Render(render.Template{Subject: in.Subject, Body: in.Body}, data)
		if err != nil {
			return errs.Invalid("body", err.Error())
		}
		out.Subject, out.HTML, out.Text = email.Subject, email.HTML, email.Text
		return nil
	})
	return out, err
}

func previewLines(tx *gorm.DB, org, customerID uuid.UUID) ([]line, string, error) {
	var lines []line
	if err := tx.Raw(`SELECT id AS invoice_id, number, issue_date, due_date, currency, total_cents, balance_cents, status
		FROM ledger_invoices WHERE organization_id = ? AND customer_id = ? AND status IN ('open', 'partially_paid') AND balance_cents > 0
		ORDER BY due_date, number LIMIT 10`, org, customerID).Scan(&lines).Error; err != nil {
		return nil, "", err
	}
	var names []string
	err := tx.Raw(`SELECT name FROM ledger_contacts WHERE organization_id = ? AND customer_id = ? AND receives_reminders
		ORDER BY role, created_at LIMIT 1`, org, customerID).Scan(&names).Error
	if len(names) == 0 {
		names = []string{""}
	}
	return lines, names[0], err
}
