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

// CreditNoteInput issues a credit note, applied to InvoiceID when given (up to its balance; the
// rest stays as the customer's credit).
type CreditNoteInput struct {
	CustomerID  uuid.UUID
	Number      string
	ExternalID  string
	IssueDate   Date
	Currency    string
	AmountCents int64
	Reason      string
	InvoiceID   *uuid.UUID
}

// CreditNoteView is a credit note with what it settles.
type CreditNoteView struct {
	CreditNote
	CustomerName     string
	UnallocatedCents int64
	Allocations      []AllocationView `gorm:"-"`
}

// CreateCreditNote records a credit note.
func (s *Service) CreateCreditNote(ctx context.Context, p auth.Principal, in CreditNoteInput) (CreditNoteView, error) {
	cn := CreditNote{ID: newID(), OrganizationID: p.OrganizationID}
	err := s.write(ctx, p, func(tx *gorm.DB) error {
		c, err := customerForUpdate(tx, p.OrganizationID, in.CustomerID, "customer_id")
		if err != nil {
			return err
		}
		in.Number, in.Currency = strings.TrimSpace(in.Number), strings.ToUpper(strings.TrimSpace(in.Currency))
		if in.Currency == "" {
			in.Currency = c.Currency
		}
		var v errs.Validation
		v.Check(in.Number != "" && len([]rune(in.Number)) <= 100, "number", "ledger.credit_note_number")
		v.Check(len([]rune(strings.TrimSpace(in.ExternalID))) <= maxExternalID, "external_id", "common.at_most_chars", 100)
		v.Check(!in.IssueDate.IsZero(), "issue_date", "ledger.issue_date")
		v.Check(in.AmountCents > 0, "amount_cents", "common.amount_not_positive")
		v.Check(in.AmountCents <= money.MaxCents, "amount_cents", money.TooLarge, money.MaxCents)
		v.Check(in.Currency == c.Currency, "currency", "ledger.customer_currency", c.Currency)
		if err := v.Err(); err != nil {
			return err
		}
		cn.CustomerID, cn.Number, cn.IssueDate, cn.Currency, cn.AmountCents, cn.Reason = c.ID, in.Number, in.IssueDate, in.Currency, in.AmountCents, in.Reason
		if in.ExternalID = strings.TrimSpace(in.ExternalID); in.ExternalID != "" {
			cn.ExternalID = &in.ExternalID
		}
		if err := tx.Create(&cn).Error; err != nil {
			return dbError(err)
		}
		if err := record(tx, p, "credit_note.created", &c.ID, in.InvoiceID, JSON{"credit_note_id": cn.ID, "number": cn.Number,
			"amount_cents": cn.AmountCents, "reason": cn.Reason}); err != nil {
			return err
		}
		if in.InvoiceID == nil {
			return nil
		}
		var inv Invoice
		if err := tx.Where("organization_id = ? AND id = ?", p.OrganizationID, *in.InvoiceID).Take(&inv).Error; err != nil {
			return errs.Invalid("invoice_id", "ledger.invoice_not_found")
		}
		amount := min(cn.AmountCents, inv.BalanceCents)
		_, err = allocate(tx, p, source{creditNoteID: &cn.ID, customerID: c.ID, currency: cn.Currency, unallocated: cn.AmountCents},
			[]AllocationInput{{InvoiceID: inv.ID, AmountCents: max(amount, 1)}})
		if fe, ok := err.(*errs.Error); ok {
			for i := range fe.Fields {
				fe.Fields[i].Field = "invoice_id"
			}
		}
		return err
	})
	if err != nil {
		return CreditNoteView{}, err
	}
	return s.CreditNoteByID(ctx, p, cn.ID)
}

func creditNotesQuery(db *gorm.DB, org uuid.UUID) *gorm.DB {
	return db.Table("credit_notes cn").
		Select(`cn.*, c.name AS customer_name, cn.amount_cents - coalesce((SELECT sum(amount_cents) FROM allocations a
			WHERE a.organization_id = cn.organization_id AND a.credit_note_id = cn.id), 0) AS unallocated_cents`).
		Joins("JOIN customers c ON c.organization_id = cn.organization_id AND c.id = cn.customer_id").
		Where("cn.organization_id = ?", org)
}

// CreditNoteByID returns a credit note with its allocations.
func (s *Service) CreditNoteByID(ctx context.Context, p auth.Principal, id uuid.UUID) (CreditNoteView, error) {
	db := s.db.WithContext(ctx)
	var v CreditNoteView
	if err := creditNotesQuery(db, p.OrganizationID).Where("cn.id = ?", id).Take(&v).Error; err != nil {
		return v, notFound(err)
	}
	var err error
	v.Allocations, err = allocationsOf(db, p.OrganizationID, "credit_note_id", id)
	return v, err
}

var creditNoteList = page.Listing{
	Sorts:    map[string]string{"issue_date": "cn.issue_date", "number": "cn.number", "amount": "cn.amount_cents"},
	SortHint: "ledger.sort_issue_date_number",
	Search:   "cn.number ILIKE ? OR c.name ILIKE ?",
	Order:    "cn.issue_date DESC", TieBreak: "cn.id",
}

// ListCreditNotes lists credit notes, newest first.
func (s *Service) ListCreditNotes(ctx context.Context, p auth.Principal, q page.Query, customerID *uuid.UUID) (page.Result[CreditNoteView], error) {
	query := creditNotesQuery(s.db.WithContext(ctx), p.OrganizationID)
	if customerID != nil {
		query = query.Where("cn.customer_id = ?", *customerID)
	}
	return page.List[CreditNoteView](query, q, creditNoteList)
}
