package ledger

import (
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/money"
)

// AllocationInput asks to settle amount of an invoice.
type AllocationInput struct {
	InvoiceID   uuid.UUID
	AmountCents int64
}

// AllocationView is one allocation as shown on a payment or credit note.
type AllocationView struct {
	InvoiceID     uuid.UUID
	InvoiceNumber string
	AmountCents   int64
}

// source is a payment or credit note being allocated.
type source struct {
	paymentID, creditNoteID *uuid.UUID
	customerID              uuid.UUID
	currency                string
	unallocated             int64
}

// allocate applies parts of src to invoices, checking every line: the invoice is the same
// customer's, in the same currency, still open, not over-settled, and the total fits in what
// src has left. Invoices are locked so that concurrent allocations cannot over-settle them.
func allocate(tx *gorm.DB, p auth.Principal, src source, lines []AllocationInput) ([]uuid.UUID, error) {
	var v errs.Validation
	ids := make([]uuid.UUID, 0, len(lines))
	seen := map[uuid.UUID]bool{}
	var sum int64
	for i, l := range lines {
		f := fmt.Sprintf("allocations[%d].", i)
		v.Check(l.AmountCents > 0, f+"amount_cents", "ledger.allocate_more_zero")
		v.Check(l.AmountCents <= money.MaxCents, f+"amount_cents", money.TooLarge, money.MaxCents)
		v.Check(!seen[l.InvoiceID], f+"invoice_id", "ledger.invoice_listed_twice")
		seen[l.InvoiceID] = true
		ids = append(ids, l.InvoiceID)
		if l.AmountCents > 0 && l.AmountCents <= money.MaxCents {
			sum += l.AmountCents // at most len(lines) × 10¹³: no overflow
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var invoices []Invoice
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("organization_id = ? AND id IN ?", p.OrganizationID, ids).
		Order("id").Find(&invoices).Error
	if err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]Invoice{}
	for _, inv := range invoices {
		byID[inv.ID] = inv
	}
	for i, l := range lines {
		f := fmt.Sprintf("allocations[%d].", i)
		inv, ok := byID[l.InvoiceID]
		switch {
		case !ok:
			v.Add(f+"invoice_id", "ledger.invoice_not_found")
		case inv.CustomerID != src.customerID:
			v.Add(f+"invoice_id", "ledger.invoice_belongs_another_customer")
		case inv.Currency != src.currency:
			v.Add(f+"invoice_id", "ledger.invoice_other_currency", inv.Currency, src.currency)
		case inv.Status != StatusOpen && inv.Status != StatusPartiallyPaid:
			v.Add(f+"invoice_id", "ledger.invoice_settled", inv.Status)
		case l.AmountCents > inv.BalanceCents:
			v.Add(f+"amount_cents", "ledger.over_balance", inv.BalanceCents)
		}
	}
	if sum > src.unallocated {
		v.Add("allocations", "ledger.over_allocated", sum, src.unallocated)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	for _, l := range lines {
		a := Allocation{ID: newID(), OrganizationID: p.OrganizationID, InvoiceID: l.InvoiceID,
			PaymentID: src.paymentID, CreditNoteID: src.creditNoteID, AmountCents: l.AmountCents}
		if err := tx.Create(&a).Error; err != nil {
			return nil, err
		}
	}
	return ids, refreshInvoices(tx, p.OrganizationID, ids)
}

// allocationsOf lists the allocations of a payment or credit note.
func allocationsOf(db *gorm.DB, org uuid.UUID, column string, id uuid.UUID) ([]AllocationView, error) {
	out := []AllocationView{}
	err := db.Table("allocations a").Select("a.invoice_id, i.number AS invoice_number, a.amount_cents").
		Joins("JOIN invoices i ON i.organization_id = a.organization_id AND i.id = a.invoice_id").
		Where("a.organization_id = ? AND a."+column+" = ?", org, id).Order("i.due_date, i.number").Scan(&out).Error
	return out, err
}

func sumAllocations(views []AllocationView) int64 {
	var n int64
	for _, a := range views {
		n += a.AmountCents
	}
	return n
}
