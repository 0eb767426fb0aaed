package api_test

import (
	"net/http"
	"testing"

	"github.com/relance/relance/api"
)

// The cockpit's figures through the API: the names third parties script against, the
// organisation's currency by default, the day asked for, and bad days, currencies and month
// counts refused naming the field.
func TestAnalyticsSummaryAndTrend(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	f.invoice("F-1", "2026-02-02", "2026-03-04", 120000) // due 2026-03-04
	f.invoice("F-2", "2026-03-02", "2026-04-01", 30000)

	var s api.AnalyticsSummary
	f.get("/api/v1/analytics/summary?as_of=2026-03-10", &s)
	// At 2026-03-10: F-1 is 6 days late (1_30), F-2 not due; receivables 1,500.00.
	if s.AsOf != "2026-03-10" || s.Currency != "EUR" || s.ReceivablesCents != 150000 || s.OverdueCents != 120000 ||
		s.OpenInvoices != 2 || len(s.Aging) != 5 || s.Aging[0].Bucket != "not_due" || s.Aging[0].Cents != 30000 ||
		s.Aging[1].Bucket != "1_30" || s.Aging[1].Cents != 120000 || s.Aging[4].Bucket != "over_90" {
		t.Fatalf("summary %+v", s)
	}
	// Countback: March 1–10 sales 300 → 1,200 left, 10 days; February 1,200 → 10 + 28 = 38.
	if s.DSOCountback != 38 {
		t.Errorf("dso_countback %v, want 38", s.DSOCountback)
	}
	r := f.e.call("GET", "/api/v1/analytics/summary?as_of=2026-03-10", f.token, nil).expect(http.StatusOK)
	r.has(`"receivables_cents":150000`, `"dso_simple_90":`, `"best_possible_dso_90":`, `"average_days_delinquent":`,
		`"cei_90":`, `"collected_cents":0`, `"promised_cents":0`, `"disputed_cents":0`, `"bucket":"61_90"`, `"invoices":1`)

	var tr api.DSOTrend
	f.get("/api/v1/analytics/dso-trend?as_of=2026-03-10&months=3", &tr)
	if len(tr.Items) != 3 || tr.Items[0].MonthEnd != "2026-01-31" || tr.Items[1].MonthEnd != "2026-02-28" ||
		tr.Items[2].MonthEnd != "2026-03-10" || tr.Items[1].ReceivablesCents != 120000 || tr.Items[2].DSOCountback != 38 {
		t.Fatalf("trend %+v", tr)
	}
	f.get("/api/v1/analytics/dso-trend?as_of=2026-03-10", &tr)
	if len(tr.Items) != 12 || tr.Items[0].MonthEnd != "2025-04-30" {
		t.Errorf("default trend: %d points from %+v", len(tr.Items), tr.Items[0])
	}

	var cl api.CustomerBehaviourList
	f.get("/api/v1/analytics/customers?as_of=2026-03-10", &cl)
	if cl.Total != 0 || cl.Items == nil {
		t.Errorf("nothing is settled yet: %+v", cl)
	}

	for query, field := range map[string]string{
		"customers?sort=balance": "sort", "customers?as_of=2026-13-01": "as_of", "customers?limit=-1": "limit",
		"summary?as_of=2026-02-30": "as_of", "summary?as_of=10/03/2026": "as_of", "summary?currency=eur": "currency",
		"summary?currency=EURO": "currency", "dso-trend?months=0": "months", "dso-trend?months=37": "months",
		"dso-trend?months=x": "months", "dso-trend?currency=E1R": "currency",
	} {
		p := f.e.call("GET", "/api/v1/analytics/"+query, f.token, nil).problem(http.StatusUnprocessableEntity)
		if fieldsOf(p)[field] == "" {
			t.Errorf("%s: %+v", query, p.Errors)
		}
	}
}
