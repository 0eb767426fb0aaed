package predict_test

import (
	"testing"
	"time"

	"github.com/relance/relance/internal/analytics/predict"
	"github.com/relance/relance/internal/analytics/predict/sim"
)

func generated(seed uint64) []predict.Invoice {
	g := sim.Generate(sim.Options{Seed: seed, Customers: 400, Start: date("2021-01-01"), Years: 4})
	out := make([]predict.Invoice, len(g))
	for i, v := range g {
		out[i] = predict.Invoice{ID: v.ID, CustomerID: v.CustomerID, Issue: v.Issue, Due: v.Due, Amount: v.Amount, Settled: v.Settled}
	}
	return out
}

func date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestModelBeatsBaselines: on a generated ledger (fixed seed, not the one the knobs were tuned
// on), predictions for the invoices of the held-out last year, each made with only what was
// known on its issue date, err at least 15 % less than the better of the two baselines.
func TestModelBeatsBaselines(t *testing.T) {
	r := predict.Evaluate(generated(2), date("2024-01-01"), date("2024-12-31"), predict.DefaultParams)
	better := min(r.DueDateMAE, r.CustomerMeanMAE)
	t.Logf("invoices %d: model %.2f days, due date %.2f, customer mean %.2f (%.0f %% below the better), P10-P90 holds %.0f %%",
		r.Invoices, r.MAEDays, r.DueDateMAE, r.CustomerMeanMAE, 100*(1-r.MAEDays/better), 100*r.Within)
	if r.Invoices < 1000 {
		t.Fatalf("only %d invoices back-tested", r.Invoices)
	}
	if r.MAEDays > 0.85*better {
		t.Errorf("model MAE %.2f days is not 15 %% below the better baseline %.2f", r.MAEDays, better)
	}
	if r.Within < 0.6 {
		t.Errorf("the P10-P90 band holds only %.0f %% of the settlements", 100*r.Within)
	}
}
