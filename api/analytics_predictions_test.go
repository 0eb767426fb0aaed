package api_test

import (
	"net/http"
	"testing"

	"github.com/relance/relance/api"
)

// TestPredictionRoutes: the back-test and the forecast answer an organisation with no history,
// and refuse unbounded or malformed requests with the field at fault.
func TestPredictionRoutes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test").AccessToken

	var bt api.BacktestResponse
	e.call("GET", "/api/v1/analytics/backtest?from=2026-01-01&to=2026-06-30", owner, nil).expect(http.StatusOK).json(&bt)
	if bt.Invoices != 0 || bt.From != "2026-01-01" || bt.WorstMisses == nil {
		t.Errorf("back-test of an empty ledger: %+v", bt)
	}
	for _, c := range []struct{ query, field, message string }{
		{"from=2025-01-01&to=2026-06-30", "to", "Back-test at most 366 days at a time."},
		{"from=2026-02-01&to=2026-01-01", "to", "Use an end date on or after the start date."},
		{"to=2026-01-01", "from", "Required: a date like 2026-03-31."},
		{"from=2026-13-01&to=2026-12-31", "from", "Use a date like 2026-03-31."},
	} {
		p := e.call("GET", "/api/v1/analytics/backtest?"+c.query, owner, nil).problem(http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Message != c.message {
			t.Errorf("%s: %+v", c.query, p.Errors)
		}
	}

	var f api.ForecastResponse
	e.call("GET", "/api/v1/analytics/forecast?as_of=2026-03-31", owner, nil).expect(http.StatusOK).json(&f)
	if f.AsOf != "2026-03-31" || len(f.Weeks) != 13 || f.Weeks[0].Start != "2026-04-01" || f.Weeks[12].End != "2026-06-30" || f.Currency == "" {
		t.Errorf("forecast: %+v", f)
	}
	p := e.call("GET", "/api/v1/analytics/forecast?currency=euro", owner, nil).problem(http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "currency" {
		t.Errorf("bad currency: %+v", p.Errors)
	}
}
