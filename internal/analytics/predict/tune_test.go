package predict_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/relance/relance/internal/analytics/predict"
	"github.com/relance/relance/internal/analytics/predict/sim"
)

// TestTune prints the back-test of variations of the knobs on the training seed and years
// (RELANCE_TUNE=1 go test ./internal/analytics/predict -run TestTune -v).
func TestTune(t *testing.T) {
	if os.Getenv("RELANCE_TUNE") == "" {
		t.Skip("RELANCE_TUNE not set")
	}
	inv := generated(1)
	base := predict.DefaultParams
	try := func(name string, p predict.Params) {
		r := predict.Evaluate(inv, date("2023-01-01"), date("2023-12-31"), p)
		t.Logf("%-24s n=%d model %.3f due %.3f mean %.3f within %.2f", name, r.Invoices, r.MAEDays, r.DueDateMAE, r.CustomerMeanMAE, r.Within)
	}
	try("default", base)
	// Each knob alone, the others at their defaults.
	for _, k := range []struct {
		name   string
		values []float64
		set    func(*predict.Params, float64)
	}{
		{"halflife", []float64{120, 240, 720, 1e9}, func(p *predict.Params, v float64) { p.HalfLifeDays = v }},
		{"prior", []float64{0.5, 1, 4}, func(p *predict.Params, v float64) { p.PriorWeight = v }},
		{"slope", []float64{0.5, 1, 3, 1e9}, func(p *predict.Params, v float64) { p.SlopeShrink = v }},
		{"amount", []float64{1, 4, 1e9}, func(p *predict.Params, v float64) { p.AmountShrink = v }},
		{"season", []float64{0.5, 4, 1e9}, func(p *predict.Params, v float64) { p.SeasonShrink = v }},
		{"trim", []float64{0.1, 0.25, 0.35}, func(p *predict.Params, v float64) { p.Trim = v }},
		{"seasonz", []float64{1, 3, 1e9}, func(p *predict.Params, v float64) { p.SeasonZ = v }},
		{"maxslope", []float64{0.06, 0.2}, func(p *predict.Params, v float64) { p.MaxSlope = v }},
		{"habit", []float64{0.4, 0.5, 0.75, 2}, func(p *predict.Params, v float64) { p.HabitShare = v }},
		{"habitmin", []float64{4, 8, 10}, func(p *predict.Params, v float64) { p.HabitMin = int(v) }},
		{"maxhistory", []float64{12, 24, 60}, func(p *predict.Params, v float64) { p.MaxHistory = int(v) }},
	} {
		for _, v := range k.values {
			p := base
			k.set(&p, v)
			try(fmt.Sprint(k.name, " ", v), p)
		}
	}
	p := base
	p.OpenFloor = true
	try("open floor", p)
}

func TestTuneKinds(t *testing.T) {
	if os.Getenv("RELANCE_TUNE") == "" {
		t.Skip("RELANCE_TUNE not set")
	}
	g := sim.Generate(sim.Options{Seed: 1, Customers: 400, Start: date("2021-01-01"), Years: 4})
	for k := sim.Kind(0); k < 8; k++ {
		var inv []predict.Invoice
		for _, v := range g {
			if v.Kind == k {
				inv = append(inv, predict.Invoice{ID: v.ID, CustomerID: v.CustomerID, Issue: v.Issue, Due: v.Due, Amount: v.Amount, Settled: v.Settled})
			}
		}
		r := predict.Evaluate(inv, date("2023-01-01"), date("2023-12-31"), predict.DefaultParams)
		t.Logf("kind %d n=%d model %.3f due %.3f mean %.3f within %.2f", k, r.Invoices, r.MAEDays, r.DueDateMAE, r.CustomerMeanMAE, r.Within)
	}
}
