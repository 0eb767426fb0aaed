package testenv

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/relance/relance/internal/platform/db"
)

// LedgerInvoice is an invoice in euros for CopyLedger: settled on Settled by one payment of its
// whole amount, or open when Settled is nil.
type LedgerInvoice struct {
	ID, CustomerID uuid.UUID
	Issue, Due     time.Time
	Amount         int64
	Settled        *time.Time
}

// CopyLedger writes invoices into org's ledger as an import would, by COPY: their customers, the
// invoices, one transfer per settled invoice allocated to it; then the ledger's own refresh
// derives their status and paid_on.
func CopyLedger(t testing.TB, d *db.DB, org uuid.UUID, invoices []LedgerInvoice) {
	t.Helper()
	ctx := context.Background()
	customers := map[uuid.UUID]bool{}
	var custRows, invRows, payRows, allocRows [][]any
	for i, inv := range invoices {
		if !customers[inv.CustomerID] {
			customers[inv.CustomerID] = true
			custRows = append(custRows, []any{inv.CustomerID, org, fmt.Sprintf("Customer %d", len(customers))})
		}
		invRows = append(invRows, []any{inv.ID, org, inv.CustomerID, fmt.Sprintf("F%07d", i), inv.Issue, inv.Due, "EUR", inv.Amount, inv.Amount})
		if inv.Settled != nil {
			pay := uuid.NewSHA1(inv.ID, []byte("payment"))
			payRows = append(payRows, []any{pay, org, inv.CustomerID, *inv.Settled, "EUR", inv.Amount, "transfer"})
			allocRows = append(allocRows, []any{uuid.NewSHA1(inv.ID, []byte("allocation")), org, inv.ID, pay, inv.Amount})
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"customers", []string{"id", "organization_id", "name"}, custRows},
		{"invoices", []string{"id", "organization_id", "customer_id", "number", "issue_date", "due_date", "currency", "total_cents", "balance_cents"}, invRows},
		{"payments", []string{"id", "organization_id", "customer_id", "received_on", "currency", "amount_cents", "method"}, payRows},
		{"allocations", []string{"id", "organization_id", "invoice_id", "payment_id", "amount_cents"}, allocRows},
	} {
		if _, err := d.Pool.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			t.Fatalf("copy %s: %v", c.table, err)
		}
	}
	if _, err := d.Pool.Exec(ctx, `SELECT relance_refresh_invoices($1, NULL)`, org); err != nil {
		t.Fatal(err)
	}
}
