package ledger

// What other domains ask of the ledger inside their own transaction (the one way to share a
// transaction: a function taking tx). Set-based reads go through the views the ledger publishes
// in migrations/00012_domain_views.sql instead.

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
)

// RecordPaymentFor records, inside tx, money received for the given invoices (a payment made
// on the debtor page): allocated to those of them still open, of the payment's customer and
// currency, oldest due first, each up to its balance at that moment (an invoice paid by
// transfer meanwhile gets nothing); the rest is the customer's credit. A payment already
// recorded under in.ExternalID is returned as it is. in.Allocation and in.Allocations are
// ignored: the ledger allocates, once.
func RecordPaymentFor(ctx context.Context, tx *gorm.DB, p auth.Principal, in PaymentInput, invoiceIDs []uuid.UUID) (uuid.UUID, error) {
	if in.ExternalID != "" {
		var existing []uuid.UUID
		if err := tx.Raw(`SELECT id FROM payments WHERE organization_id = ? AND external_id = ?`, p.OrganizationID,
			in.ExternalID).Scan(&existing).Error; err != nil {
			return uuid.Nil, err
		}
		if len(existing) > 0 {
			return existing[0], nil
		}
	}
	s := NewService(tx, nil)
	in.Allocation, in.Allocations = AllocateNone, nil
	v, err := s.RecordPayment(ctx, p, in) // locks the customer before its invoices, as every allocation does
	if err != nil {
		return uuid.Nil, err
	}
	invoices, err := payableInvoices(tx, p.OrganizationID, invoiceIDs)
	if err != nil {
		return uuid.Nil, err
	}
	lines := spread(invoices, v.CustomerID, v.Currency, v.AmountCents)
	if len(lines) == 0 {
		return v.ID, nil
	}
	if err := s.allocatePayment(tx, p, v.Payment, AllocateManual, lines); err != nil {
		return uuid.Nil, fmt.Errorf("ledger: allocate payment %s: %w", v.ID, err)
	}
	return v.ID, nil
}

// InvoiceBalance is an invoice as a payment or a debtor's form sees it: what is left to pay.
type InvoiceBalance struct {
	ID           uuid.UUID
	CustomerID   uuid.UUID
	Number       string
	DueDate      time.Time
	Currency     string
	Status       string
	BalanceCents int64
}

// Open says something is left to pay on the invoice.
func (b InvoiceBalance) Open() bool {
	return (b.Status == StatusOpen || b.Status == StatusPartiallyPaid) && b.BalanceCents > 0
}

const balanceColumns = "id, customer_id, number, due_date, currency, status, balance_cents"

// InvoiceBalances reads the organisation's invoices among ids, oldest due first.
func InvoiceBalances(tx *gorm.DB, org uuid.UUID, ids []uuid.UUID) ([]InvoiceBalance, error) {
	var out []InvoiceBalance
	if len(ids) == 0 {
		return out, nil
	}
	err := tx.Table("invoices").Select(balanceColumns).Where("organization_id = ? AND id IN ?", org, ids).
		Order("due_date, number").Scan(&out).Error
	return out, err
}

// OpenInvoiceBalances reads the customer's invoices left to pay in currency, oldest due first.
func OpenInvoiceBalances(tx *gorm.DB, org, customer uuid.UUID, currency string) ([]InvoiceBalance, error) {
	var out []InvoiceBalance
	err := tx.Table("invoices").Select(balanceColumns).
		Where("organization_id = ? AND customer_id = ? AND status IN ('open', 'partially_paid') AND balance_cents > 0 AND currency = ?",
			org, customer, currency).Order("due_date, number").Scan(&out).Error
	return out, err
}

// payableInvoices locks the invoices (in id order, as allocate locks them) and returns them
// oldest due first.
func payableInvoices(tx *gorm.DB, org uuid.UUID, ids []uuid.UUID) ([]InvoiceBalance, error) {
	var invoices []InvoiceBalance
	if len(ids) == 0 {
		return nil, nil
	}
	err := tx.Raw(`SELECT `+balanceColumns+` FROM invoices
		WHERE organization_id = ? AND id IN ? ORDER BY id FOR UPDATE`, org, ids).Scan(&invoices).Error
	if err != nil {
		return nil, err
	}
	sort.SliceStable(invoices, func(i, j int) bool {
		if !invoices[i].DueDate.Equal(invoices[j].DueDate) {
			return invoices[i].DueDate.Before(invoices[j].DueDate)
		}
		return invoices[i].Number < invoices[j].Number
	})
	return invoices, nil
}

// spread allocates amount to invoices in their order, each up to its balance, skipping those
// settled, of another customer or in another currency.
func spread(invoices []InvoiceBalance, customer uuid.UUID, currency string, amount int64) []AllocationInput {
	var lines []AllocationInput
	for _, inv := range invoices {
		if amount <= 0 {
			break
		}
		if !inv.Open() || inv.CustomerID != customer || inv.Currency != currency {
			continue
		}
		part := min(inv.BalanceCents, amount)
		lines = append(lines, AllocationInput{InvoiceID: inv.ID, AmountCents: part})
		amount -= part
	}
	return lines
}
