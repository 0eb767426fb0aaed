package ledger

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/money"
	"github.com/relance/relance/internal/platform/page"
)

// InvoiceInput is every editable field of an invoice.
type InvoiceInput struct {
	CustomerID uuid.UUID
	Number     string
	ExternalID string
	IssueDate  Date
	DueDate    *Date // default: issue date + the customer's payment terms (or 30 days)
	Currency   string
	TotalCents int64
	TaxCents   int64
	Notes      string
}

func (in *InvoiceInput) validate(c Customer) error {
	in.Number = strings.TrimSpace(in.Number)
	in.ExternalID = strings.TrimSpace(in.ExternalID)
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if in.Currency == "" {
		in.Currency = c.Currency
	}
	if in.DueDate == nil && !in.IssueDate.IsZero() {
		days := 30
		if c.PaymentTermsDays != nil {
			days = *c.PaymentTermsDays
		}
		in.DueDate = ptr(in.IssueDate.AddDate(0, 0, days))
	}
	var v errs.Validation
	v.Check(in.Number != "" && len(in.Number) <= 100, "number", "ledger.invoice_number")
	v.Check(len([]rune(in.ExternalID)) <= maxExternalID, "external_id", "common.at_most_chars", 100)
	v.Check(!in.IssueDate.IsZero(), "issue_date", "ledger.issue_date")
	v.Check(in.DueDate == nil || in.IssueDate.IsZero() || !in.DueDate.Before(in.IssueDate), "due_date", "ledger.due_before_issue")
	v.Check(in.Currency == c.Currency, "currency", "ledger.customer_currency", c.Currency)
	v.Check(in.TotalCents > 0, "total_cents", "common.total_not_positive")
	v.Check(in.TotalCents <= money.MaxCents, "total_cents", money.TooLarge, money.MaxCents)
	v.Check(in.TaxCents >= 0 && in.TaxCents <= in.TotalCents, "tax_cents", "ledger.tax_range")
	return v.Err()
}

// CreateInvoice adds an open invoice.
func (s *Service) CreateInvoice(ctx context.Context, p auth.Principal, in InvoiceInput) (InvoiceView, error) {
	inv := Invoice{ID: newID(), OrganizationID: p.OrganizationID, Status: StatusOpen}
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		c, err := customerForUpdate(tx, p.OrganizationID, in.CustomerID, "customer_id")
		if err != nil {
			return err
		}
		if err := in.validate(c); err != nil {
			return err
		}
		in.apply(&inv)
		inv.BalanceCents = inv.TotalCents
		if err := tx.Create(&inv).Error; err != nil {
			return dbError(err)
		}
		return record(tx, p, "invoice.created", &c.ID, &inv.ID, JSON{"number": inv.Number, "total_cents": inv.TotalCents, "currency": inv.Currency})
	})
	if err != nil {
		return InvoiceView{}, err
	}
	return s.Invoice(ctx, p, inv.ID)
}

func (in InvoiceInput) apply(inv *Invoice) {
	inv.CustomerID, inv.Number, inv.IssueDate, inv.DueDate = in.CustomerID, in.Number, in.IssueDate, *in.DueDate
	inv.Currency, inv.TotalCents, inv.TaxCents, inv.Notes = in.Currency, in.TotalCents, in.TaxCents, in.Notes
	inv.ExternalID = nil
	if in.ExternalID != "" {
		inv.ExternalID = ptr(in.ExternalID)
	}
}

// UpdateInvoice replaces an invoice's fields. Once settled in part, its customer, currency and
// total no longer change (a credit note corrects it).
func (s *Service) UpdateInvoice(ctx context.Context, p auth.Principal, id uuid.UUID, in InvoiceInput) (InvoiceView, error) {
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		inv, err := invoiceForUpdate(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		c, err := customerForUpdate(tx, p.OrganizationID, in.CustomerID, "customer_id")
		if err != nil {
			return err
		}
		if err := in.validate(c); err != nil {
			return err
		}
		if inv.BalanceCents != inv.TotalCents &&
			(in.CustomerID != inv.CustomerID || in.Currency != inv.Currency || in.TotalCents != inv.TotalCents) {
			return ErrInvoiceSettled
		}
		settled := inv.TotalCents - inv.BalanceCents
		if in.TotalCents < settled {
			return errs.Invalid("total_cents", "ledger.total_below_settled", settled)
		}
		in.apply(&inv)
		// The balance moves with the total in the same write: saving the total first would break
		// balance ≤ total whenever the total goes down.
		inv.BalanceCents = in.TotalCents - settled
		inv.UpdatedAt = s.now()
		if err := tx.Select("*").Omit("created_at", "status", "paid_on", "closed_at", "pdf_key", "pdf_size").
			Save(&inv).Error; err != nil {
			return dbError(err)
		}
		if err := tx.Model(&Invoice{}).Where("organization_id = ? AND id = ?", p.OrganizationID, id).
			Update("balance_cents", gorm.Expr("total_cents - (SELECT coalesce(sum(amount_cents), 0) FROM allocations WHERE organization_id = ? AND invoice_id = ?)", p.OrganizationID, id)).Error; err != nil {
			return err
		}
		if err := refreshInvoices(tx, p.OrganizationID, []uuid.UUID{id}); err != nil {
			return err
		}
		return record(tx, p, "invoice.updated", &inv.CustomerID, &inv.ID, JSON{"number": inv.Number})
	})
	if err != nil {
		return InvoiceView{}, err
	}
	return s.Invoice(ctx, p, id)
}

func invoiceForUpdate(tx *gorm.DB, org, id uuid.UUID) (Invoice, error) {
	return forUpdate[Invoice](tx, org, id)
}

// CloseInvoice cancels it (status cancelled) or writes it off (written_off): reminders stop and
// its balance no longer counts as receivable.
func (s *Service) CloseInvoice(ctx context.Context, p auth.Principal, id uuid.UUID, status, reason string) (InvoiceView, error) {
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		inv, err := invoiceForUpdate(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		if inv.Status == StatusCancelled || inv.Status == StatusWrittenOff {
			return ErrInvoiceClosed
		}
		if inv.Status == StatusPaid {
			return errs.New(errs.KindConflict, "ledger.invoice_paid")
		}
		if status == StatusCancelled && inv.BalanceCents != inv.TotalCents {
			return errs.New(errs.KindConflict, "ledger.cancel_partly_paid")
		}
		if err := tx.Model(&inv).Updates(map[string]any{"status": status, "closed_at": s.now(), "updated_at": s.now()}).Error; err != nil {
			return err
		}
		kind := map[string]string{StatusCancelled: "invoice.cancelled", StatusWrittenOff: "invoice.written_off"}[status]
		return record(tx, p, kind, &inv.CustomerID, &inv.ID, JSON{"number": inv.Number, "reason": reason, "balance_cents": inv.BalanceCents})
	})
	if err != nil {
		return InvoiceView{}, err
	}
	return s.Invoice(ctx, p, id)
}

// InvoiceView is an invoice with its customer's name and how late it is.
type InvoiceView struct {
	Invoice
	CustomerName string
	DaysOverdue  int
}

// Settlement is a payment or credit note applied to an invoice.
type Settlement struct {
	Kind        string // payment or credit_note
	ID          uuid.UUID
	Date        Date
	Reference   string
	AmountCents int64
}

// InvoiceFilter narrows the invoice list.
type InvoiceFilter struct {
	CustomerID *uuid.UUID
	Statuses   []string
	Overdue    bool
	DueFrom    *Date
	DueTo      *Date
	Segment    string
}

var invoiceSorts = map[string]string{
	"number": "i.number", "issue_date": "i.issue_date", "due_date": "i.due_date", "total": "i.total_cents",
	"balance": "i.balance_cents", "days_overdue": "days_overdue", "customer": "lower(c.name)", "status": "i.status",
}

var invoiceStatuses = []string{StatusOpen, StatusPartiallyPaid, StatusPaid, StatusCancelled, StatusWrittenOff}

func invoicesQuery(db *gorm.DB, org uuid.UUID, today Date) *gorm.DB {
	return db.Table("invoices i").
		Select(`i.*, c.name AS customer_name,
			CASE WHEN i.status IN ('open', 'partially_paid') AND i.due_date < ?::date THEN ?::date - i.due_date ELSE 0 END AS days_overdue`, today, today).
		Joins("JOIN customers c ON c.organization_id = i.organization_id AND c.id = i.customer_id").
		Where("i.organization_id = ?", org)
}

// ListInvoices lists invoices.
func (s *Service) ListInvoices(ctx context.Context, p auth.Principal, q page.Query, f InvoiceFilter) (page.Result[InvoiceView], error) {
	var v errs.Validation
	v.Check(page.ValidSort(q.Sort, invoiceSorts), "sort", "ledger.sort_number_issue_date")
	for _, st := range f.Statuses {
		v.Check(oneOf(st, invoiceStatuses), "status", "ledger.filter_open_partially_paid")
	}
	if err := v.Err(); err != nil {
		return page.Result[InvoiceView]{}, err
	}
	db := s.db.WithContext(ctx)
	today, err := s.today(db, p.OrganizationID)
	if err != nil {
		return page.Result[InvoiceView]{}, err
	}
	query := invoicesQuery(db, p.OrganizationID, today)
	if q = q.Normalize(); q.Q != "" {
		query = query.Where("i.number ILIKE ? OR c.name ILIKE ? OR i.external_id ILIKE ?", q.Like(), q.Like(), q.Like())
	}
	if f.CustomerID != nil {
		query = query.Where("i.customer_id = ?", *f.CustomerID)
	}
	if len(f.Statuses) > 0 {
		query = query.Where("i.status IN ?", f.Statuses)
	}
	if f.Overdue {
		query = query.Where("i.status IN ('open', 'partially_paid') AND i.due_date < ?", today)
	}
	if f.DueFrom != nil {
		query = query.Where("i.due_date >= ?", *f.DueFrom)
	}
	if f.DueTo != nil {
		query = query.Where("i.due_date <= ?", *f.DueTo)
	}
	if f.Segment != "" {
		query = query.Where("c.segment = ?", f.Segment)
	}
	return page.Fetch[InvoiceView](query, q, invoiceSorts, "i.due_date DESC", "i.id")
}

// Invoice returns one invoice.
func (s *Service) Invoice(ctx context.Context, p auth.Principal, id uuid.UUID) (InvoiceView, error) {
	db := s.db.WithContext(ctx)
	today, err := s.today(db, p.OrganizationID)
	if err != nil {
		return InvoiceView{}, err
	}
	var v InvoiceView
	err = invoicesQuery(db, p.OrganizationID, today).Where("i.id = ?", id).Take(&v).Error
	return v, notFound(err)
}

// Settlements lists what was applied to an invoice, oldest first.
func (s *Service) Settlements(ctx context.Context, p auth.Principal, invoiceID uuid.UUID) ([]Settlement, error) {
	out := []Settlement{}
	err := s.db.WithContext(ctx).Raw(`
		SELECT CASE WHEN a.payment_id IS NOT NULL THEN 'payment' ELSE 'credit_note' END AS kind,
		       coalesce(a.payment_id, a.credit_note_id) AS id,
		       coalesce(pm.received_on, cn.issue_date) AS date,
		       coalesce(nullif(pm.reference, ''), cn.number, '') AS reference,
		       a.amount_cents
		FROM allocations a
		LEFT JOIN payments pm ON pm.organization_id = a.organization_id AND pm.id = a.payment_id
		LEFT JOIN credit_notes cn ON cn.organization_id = a.organization_id AND cn.id = a.credit_note_id
		WHERE a.organization_id = ? AND a.invoice_id = ?
		ORDER BY 3, a.created_at`, p.OrganizationID, invoiceID).Scan(&out).Error
	return out, err
}
