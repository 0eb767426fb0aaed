package dunning

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
)

// Dispute reasons and promise methods.
var (
	DisputeReasons = []string{"not_received", "wrong_amount", "goods_missing_or_defective", "service_not_rendered",
		"already_paid", "other"}
	PromiseMethods = []string{"transfer", "card", "sepa_debit", "check", "cash", "other"}
)

// DisputeInput opens a dispute on invoices of one customer.
type DisputeInput struct {
	CustomerID uuid.UUID
	InvoiceIDs []uuid.UUID
	Reason     string
	Comment    string
	Source     string // staff, portal, api
	// From the debtor page: the proof the debtor attached (a blob key and the file's name) and
	// the link it came through.
	AttachmentKey  string
	AttachmentName string
	LinkID         *uuid.UUID
	// InTx, when set, runs in the dispute's transaction once it is stored (the portal enqueues
	// its emails there, so they exist only if the dispute does).
	InTx func(tx *gorm.DB, d DisputeView) error
}

// DisputeView is a dispute with its invoices.
type DisputeView struct {
	ID         uuid.UUID
	CustomerID uuid.UUID
	InvoiceIDs []uuid.UUID `gorm:"-"`
	Reason     string
	Comment    string
	Source     string
	Status     string
	Resolution string
	OpenedAt   time.Time
	ResolvedAt *time.Time
}

// PromiseInput records a promise to pay invoices of one customer on a date.
type PromiseInput struct {
	CustomerID uuid.UUID
	InvoiceIDs []uuid.UUID
	PromisedOn time.Time
	Method     string
	Source     string
	LinkID     *uuid.UUID // the debtor-page link it came through
	// InTx, when set, runs in the promise's transaction once it is stored.
	InTx func(tx *gorm.DB, p PromiseView) error
}

// PromiseView is a promise with its invoices.
type PromiseView struct {
	ID         uuid.UUID
	CustomerID uuid.UUID
	InvoiceIDs []uuid.UUID `gorm:"-"`
	PromisedOn time.Time
	Method     string
	Source     string
	Status     string
	CreatedAt  time.Time
}

// OpenDispute takes invoices out of the dunning flow until the dispute is resolved.
func (s *Service) OpenDispute(ctx context.Context, p auth.Principal, in DisputeInput) (DisputeView, error) {
	if err := canWrite(p); err != nil {
		return DisputeView{}, err
	}
	var v errs.Validation
	v.Check(oneOf(in.Reason, DisputeReasons), "reason", "dunning.choose_dispute_reason")
	v.Check(len(in.Comment) <= 5000, "comment", "dunning.must_most_5000_characters")
	if in.Source == "" {
		in.Source = sourceOf(p)
	}
	d := DisputeView{ID: newID(), CustomerID: in.CustomerID, InvoiceIDs: in.InvoiceIDs, Reason: in.Reason,
		Comment: strings.TrimSpace(in.Comment), Source: in.Source, Status: "open", OpenedAt: s.opts.Now()}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := checkInvoices(tx, p.OrganizationID, in.CustomerID, in.InvoiceIDs, &v); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO disputes (id, organization_id, customer_id, reason, comment, source, opened_at,
			attachment_key, attachment_name, link_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, p.OrganizationID,
			d.CustomerID, d.Reason, d.Comment, d.Source, d.OpenedAt, nullable(in.AttachmentKey), nullable(in.AttachmentName),
			in.LinkID).Error; err != nil {
			return err
		}
		if err := holdInvoices(tx, p, `INSERT INTO dispute_invoices (organization_id, dispute_id, invoice_id) VALUES (?, ?, ?)`,
			d.ID, d.CustomerID, in.InvoiceIDs, "dispute_opened",
			ledger.JSON{"dispute_id": d.ID, "reason": d.Reason, "comment": d.Comment, "source": d.Source}); err != nil {
			return err
		}
		if in.InTx != nil {
			return in.InTx(tx, d)
		}
		return nil
	})
	return d, err
}

// ResolveDispute closes a dispute: its invoices return to the dunning flow.
func (s *Service) ResolveDispute(ctx context.Context, p auth.Principal, id uuid.UUID, resolution string) (DisputeView, error) {
	if err := canWrite(p); err != nil {
		return DisputeView{}, err
	}
	if len(resolution) > 5000 {
		return DisputeView{}, errs.Invalid("resolution", "dunning.must_most_5000_characters")
	}
	var d DisputeView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Raw(`SELECT id, customer_id, reason, comment, source, status, resolution, opened_at, resolved_at
			FROM disputes WHERE organization_id = ? AND id = ? FOR UPDATE`, p.OrganizationID, id).Scan(&d).Error; err != nil {
			return err
		}
		if d.ID == uuid.Nil {
			return errs.ErrNotFound
		}
		if d.Status != "open" {
			return ErrDisputeResolved
		}
		now := s.opts.Now()
		d.Status, d.Resolution, d.ResolvedAt = "resolved", strings.TrimSpace(resolution), &now
		if err := tx.Exec(`UPDATE disputes SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?`,
			d.Resolution, now, id).Error; err != nil {
			return err
		}
		if err := tx.Raw(`SELECT invoice_id FROM dispute_invoices WHERE dispute_id = ?`, id).Scan(&d.InvoiceIDs).Error; err != nil {
			return err
		}
		for _, inv := range d.InvoiceIDs {
			if err := record(tx, p, "dispute_resolved", &d.CustomerID, &inv, ledger.JSON{"dispute_id": d.ID,
				"resolution": d.Resolution}); err != nil {
				return err
			}
		}
		return nil
	})
	return d, err
}

// RecordPromise holds the invoices' reminders back until the promised date plus the grace days.
func (s *Service) RecordPromise(ctx context.Context, p auth.Principal, in PromiseInput) (PromiseView, error) {
	if err := canWrite(p); err != nil {
		return PromiseView{}, err
	}
	var v errs.Validation
	v.Check(oneOf(in.Method, PromiseMethods), "method", "dunning.choose_payment_method")
	v.Check(!in.PromisedOn.IsZero(), "promised_on", "dunning.required")
	if in.Source == "" {
		in.Source = sourceOf(p)
	}
	pr := PromiseView{ID: newID(), CustomerID: in.CustomerID, InvoiceIDs: in.InvoiceIDs, PromisedOn: dateOf(in.PromisedOn),
		Method: in.Method, Source: in.Source, Status: "open", CreatedAt: s.opts.Now()}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := checkInvoices(tx, p.OrganizationID, in.CustomerID, in.InvoiceIDs, &v); err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO promises (id, organization_id, customer_id, promised_on, method, source, created_at,
			link_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, pr.ID, p.OrganizationID, pr.CustomerID, pr.PromisedOn.Format(time.DateOnly),
			pr.Method, pr.Source, pr.CreatedAt, in.LinkID).Error; err != nil {
			return err
		}
		if err := holdInvoices(tx, p, `INSERT INTO promise_invoices (organization_id, promise_id, invoice_id) VALUES (?, ?, ?)`,
			pr.ID, pr.CustomerID, in.InvoiceIDs, "promise_recorded", ledger.JSON{"promise_id": pr.ID,
				"promised_on": pr.PromisedOn.Format(time.DateOnly), "method": pr.Method, "source": pr.Source}); err != nil {
			return err
		}
		if in.InTx != nil {
			return in.InTx(tx, pr)
		}
		return nil
	})
	return pr, err
}

// CancelPromise withdraws an open promise: reminders resume.
func (s *Service) CancelPromise(ctx context.Context, p auth.Principal, id uuid.UUID) error {
	return s.txAs(ctx, p, auth.RoleCollector, func(tx *gorm.DB) error {
		var pr PromiseView
		if err := tx.Raw(`SELECT id, customer_id, status FROM promises WHERE organization_id = ? AND id = ? FOR UPDATE`,
			p.OrganizationID, id).Scan(&pr).Error; err != nil {
			return err
		}
		if pr.ID == uuid.Nil {
			return errs.ErrNotFound
		}
		if pr.Status != "open" {
			return ErrPromiseClosed
		}
		if err := tx.Exec(`UPDATE promises SET status = 'cancelled', closed_at = now() WHERE id = ?`, id).Error; err != nil {
			return err
		}
		return record(tx, p, "promise_cancelled", &pr.CustomerID, nil, ledger.JSON{"promise_id": id})
	})
}

// holdInvoices links a dispute's or a promise's invoices to it (link: the INSERT of one link,
// taking the organisation, the hold and the invoice) and records kind on each invoice's timeline.
func holdInvoices(tx *gorm.DB, p auth.Principal, link string, holdID, customerID uuid.UUID, invoices []uuid.UUID,
	kind string, data ledger.JSON) error {
	for _, inv := range invoices {
		if err := tx.Exec(link, p.OrganizationID, holdID, inv).Error; err != nil {
			return err
		}
		if err := record(tx, p, kind, &customerID, &inv, data); err != nil {
			return err
		}
	}
	return nil
}

// checkInvoices: at least one invoice, every one of them the customer's, in the organisation.
// It adds what is wrong to v and returns v's error (or a database error).
func checkInvoices(tx *gorm.DB, org, customerID uuid.UUID, ids []uuid.UUID, v *errs.Validation) error {
	if _, err := loadCustomer(tx, org, customerID); err != nil {
		if err == errs.ErrNotFound {
			v.Add("customer_id", "dunning.no_such_customer")
			return v.Err()
		}
		return err
	}
	if len(ids) == 0 {
		v.Add("invoice_ids", "common.choose_invoices")
		return v.Err()
	}
	var found []uuid.UUID
	if err := tx.Raw(`SELECT id FROM ledger_invoices WHERE organization_id = ? AND customer_id = ? AND id IN ?`,
		org, customerID, ids).Scan(&found).Error; err != nil {
		return err
	}
	for i, id := range ids {
		if !slices.Contains(found, id) {
			v.Add(fmt.Sprintf("invoice_ids[%d]", i), "dunning.not_invoice_customer")
		}
	}
	return v.Err()
}

// sourceOf is where a dispute or promise recorded by p comes from: the dashboard or the API.
func sourceOf(p auth.Principal) string {
	if p.IsUser() {
		return "staff"
	}
	return "api"
}

// nullable stores an empty string as NULL.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
