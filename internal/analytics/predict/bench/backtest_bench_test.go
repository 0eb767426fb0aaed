// Package bench measures the back-test of predicted payment dates on a large generated ledger
// (RELANCE_BENCH=1, make bench).
package bench

import (
	"context"
	"testing"
	"time"

	"github.com/relance/relance/internal/analytics/predict"
	"github.com/relance/relance/internal/analytics/predict/sim"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.BenchMain(m) }

// TestBacktestAt100k back-tests a year of about 100,000 settled invoices (3,400 customers of
// varied behaviours, four years of history) through the API's function, and reports the time
// and the model's error against both baselines.
func TestBacktestAt100k(t *testing.T) {
	testenv.SkipUnlessBench(t, "back-test of 100,000 invoices")
	d := testenv.DB(t)
	org := testenv.Organization(t, d, "Bench")
	ctx := context.Background()
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	g := sim.Generate(sim.Options{Seed: 7, Customers: 3400, Start: start, Years: 4})
	ledger := make([]testenv.LedgerInvoice, len(g))
	for i, inv := range g {
		ledger[i] = testenv.LedgerInvoice{ID: inv.ID, CustomerID: inv.CustomerID, Issue: inv.Issue, Due: inv.Due,
			Amount: inv.Amount, Settled: inv.Settled}
	}
	testenv.CopyLedger(t, d, org, ledger)
	if _, err := d.Pool.Exec(ctx, `ANALYZE invoices`); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	r, err := predict.Backtest(ctx, d.Pool, org, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	better := min(r.DueDateMAE, r.CustomerMeanMAE)
	t.Logf("back-test of %d invoices (%d in the ledger) in %s: model %.2f days, due date %.2f, customer mean %.2f (%.0f %% below the better), P10-P90 holds %.0f %%",
		r.Invoices, len(g), took.Round(time.Millisecond), r.MAEDays, r.DueDateMAE, r.CustomerMeanMAE, 100*(1-r.MAEDays/better), 100*r.Within)
	if r.Invoices < 80_000 {
		t.Errorf("only %d invoices back-tested", r.Invoices)
	}
	if r.MAEDays > 0.85*better {
		t.Errorf("model %.2f days is not 15 %% below the better baseline %.2f", r.MAEDays, better)
	}
}
