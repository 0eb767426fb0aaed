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

// payable is an invoice a payment may settle.
type payable struct {
	ID           uuid.UUID
	CustomerID   uuid.UUID
	Number       string
	DueDate      time.Time
	Currency     string
	Status       string
	BalanceCents int64
}

func (p payable) open() bool {
	return (p.Status == StatusOpen || p.Status == StatusPartiallyPaid) && p.BalanceCents > 0
}

// payableInvoices locks the invoices (in id order, as allocate locks them) and returns them
// oldest due first.
func payableInvoices(tx *gorm.DB, org uuid.UUID, ids []uuid.UUID) ([]payable, error) {
	var invoices []payable
	if len(ids) == 0 {
		return nil, nil
	}
	err := tx.Raw(`SELECT id, customer_id, number, due_date, currency, status, balance_cents FROM invoices
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
func spread(invoices []payable, customer uuid.UUID, currency string, amount int64) []AllocationInput {
	var lines []AllocationInput
	for _, inv := range invoices {
		if amount <= 0 {
			break
		}
		if !inv.open() || inv.CustomerID != customer || inv.Currency != currency {
			continue
		}
		part := min(inv.BalanceCents, amount)
		lines = append(lines, AllocationInput{InvoiceID: inv.ID, AmountCents: part})
		amount -= part
	}
	return lines
}
