package analytics_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/analytics"
	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/demo"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/zone"
	"github.com/relance/relance/internal/testenv"
)

// TestTheDemoHasSaneFigures: on the demo ledger, today and at each of the last 12 month ends, the
// figures are numbers, none negative, the aging adds up to the receivables, and CEI is a percentage.
func TestTheDemoHasSaneFigures(t *testing.T) {
	ctx := context.Background()
	cfg := config.Config{DatabaseURL: testenv.DatabaseURL(t), BaseURL: "http://localhost:8080",
		SecretKey: strings.Repeat("test-secret-", 4), Env: "development", LogFormat: "text", StorageDir: t.TempDir()}
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	if _, err := demo.Seed(ctx, a); err != nil {
		t.Fatal(err)
	}
	var org auth.Principal
	if err := a.DB.Gorm.Raw(`SELECT id AS organization_id FROM organizations WHERE name = ?`, demo.Organization).Scan(&org).Error; err != nil || org.OrganizationID.String() == "" {
		t.Fatalf("demo organisation: %v", err)
	}
	org.Role = auth.RoleViewer

	s, err := a.Analytics.Summary(ctx, org, analytics.Query{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo as of %s: receivables %d, overdue %d, open %d, aging %+v, DSO countback %.2f, simple %.2f, best %.2f, ADD %.2f, CEI %.2f, collected %d, promised %d, disputed %d",
		s.AsOf.Format("2006-01-02"), s.ReceivablesCents, s.OverdueCents, s.OpenInvoices, s.Aging, s.DSOCountback, s.DSOSimple90,
		s.BestPossibleDSO, s.AverageDaysDelinquent, s.CEI90, s.CollectedCents, s.PromisedCents, s.DisputedCents)
	if s.ReceivablesCents <= 0 || s.OpenInvoices <= 0 || s.OverdueCents <= 0 {
		t.Errorf("the demo has open and overdue invoices: %+v", s)
	}
	var sum, n int64
	for _, b := range s.Aging {
		if b.Cents < 0 || b.Invoices < 0 {
			t.Errorf("negative bucket %+v", b)
		}
		sum += b.Cents
		n += b.Invoices
	}
	if sum != s.ReceivablesCents || n != s.OpenInvoices || s.ReceivablesCents-s.Aging[0].Cents != s.OverdueCents {
		t.Errorf("aging %+v does not add up to receivables %d (%d invoices), overdue %d", s.Aging, s.ReceivablesCents, s.OpenInvoices, s.OverdueCents)
	}
	for name, v := range map[string]float64{"dso_countback": s.DSOCountback, "dso_simple_90": s.DSOSimple90,
		"best_possible_dso_90": s.BestPossibleDSO, "average_days_delinquent": s.AverageDaysDelinquent} {
		if math.IsNaN(v) || v <= 0 || v > 730 {
			t.Errorf("%s = %v", name, v)
		}
	}
	if math.Abs(s.DSOSimple90-s.BestPossibleDSO-s.AverageDaysDelinquent) > 0.011 {
		t.Errorf("average days delinquent %v ≠ %v − %v", s.AverageDaysDelinquent, s.DSOSimple90, s.BestPossibleDSO)
	}
	if math.IsNaN(s.CEI90) || s.CEI90 <= 0 || s.CEI90 > 100 {
		t.Errorf("cei_90 = %v", s.CEI90)
	}
	if s.CollectedCents < 0 || s.PromisedCents < 0 || s.DisputedCents < 0 || s.PromisedCents+s.DisputedCents > 2*s.ReceivablesCents {
		t.Errorf("collected %d, promised %d, disputed %d", s.CollectedCents, s.PromisedCents, s.DisputedCents)
	}

	// The same receivables by a plain replay in Go of the demo's rows, on several days.
	for _, back := range []int{0, 17, 45, 100, 200} {
		d := s.AsOf.AddDate(0, 0, -back)
		got, err := a.Analytics.Summary(ctx, org, analytics.Query{AsOf: &d})
		if err != nil {
			t.Fatal(err)
		}
		want := replay(t, a, org, d)
		for i, b := range got.Aging {
			if b.Cents != want.aging[i] || b.Invoices != want.count[i] {
				t.Errorf("as of %s: aging %s = %d (%d invoices), a replay says %d (%d)", d.Format(time.DateOnly), b.Bucket,
					b.Cents, b.Invoices, want.aging[i], want.count[i])
			}
		}
		if got.CollectedCents != want.collected {
			t.Errorf("as of %s: collected %d, a replay says %d", d.Format(time.DateOnly), got.CollectedCents, want.collected)
		}
	}

	tr, err := a.Analytics.Trend(ctx, org, analytics.Query{}, 12)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 12 || !tr.Points[11].MonthEnd.Equal(s.AsOf) || tr.Points[11].ReceivablesCents != s.ReceivablesCents ||
		tr.Points[11].DSOCountback != s.DSOCountback {
		t.Fatalf("trend %+v ends elsewhere than the summary", tr)
	}
	for _, p := range tr.Points {
		if math.IsNaN(p.DSOCountback) || p.DSOCountback < 0 || p.ReceivablesCents < p.OverdueCents || p.OverdueCents < 0 {
			t.Errorf("trend point %+v", p)
		}
		// The trend's one pass over every month end says what the summary of that day says.
		d := p.MonthEnd
		at, err := a.Analytics.Summary(ctx, org, analytics.Query{AsOf: &d})
		if err != nil {
			t.Fatal(err)
		}
		if at.ReceivablesCents != p.ReceivablesCents || at.OverdueCents != p.OverdueCents || at.DSOCountback != p.DSOCountback {
			t.Errorf("trend point %+v; the summary of that day: receivables %d, overdue %d, DSO %v", p, at.ReceivablesCents,
				at.OverdueCents, at.DSOCountback)
		}
	}
}

type replayed struct {
	aging, count [5]int64
	collected    int64
}

// replay computes the aging and the month's collections at d from the raw rows, one invoice at
// a time: an independent check of the set-based SQL.
func replay(t *testing.T, a *app.App, p auth.Principal, d time.Time) replayed {
	t.Helper()
	var invoices []struct {
		ID                 uuid.UUID
		IssueDate, DueDate time.Time
		TotalCents         int64
		Status             string
		ClosedAt           *time.Time
	}
	var allocs []struct {
		InvoiceID   uuid.UUID
		AmountCents int64
		On          time.Time
	}
	var payments []struct {
		ReceivedOn  time.Time
		AmountCents int64
		ReversedAt  *time.Time
	}
	g := a.DB.Gorm
	if err := g.Raw(`SELECT id, issue_date, due_date, total_cents, status, closed_at FROM invoices WHERE organization_id = ? AND currency = 'EUR'`,
		p.OrganizationID).Scan(&invoices).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Raw(`SELECT a.invoice_id, a.amount_cents, coalesce(p.received_on, c.issue_date) AS on FROM allocations a
		LEFT JOIN payments p ON p.id = a.payment_id LEFT JOIN credit_notes c ON c.id = a.credit_note_id WHERE a.organization_id = ?`,
		p.OrganizationID).Scan(&allocs).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Raw(`SELECT received_on, amount_cents, reversed_at FROM payments WHERE organization_id = ? AND currency = 'EUR'`,
		p.OrganizationID).Scan(&payments).Error; err != nil {
		t.Fatal(err)
	}
	paris := zone.Location("Europe/Paris")
	dayOf := func(ts time.Time) time.Time {
		y, m, dd := ts.In(paris).Date()
		return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	}
	settled := map[uuid.UUID]int64{}
	for _, al := range allocs {
		if !al.On.After(d) {
			settled[al.InvoiceID] += al.AmountCents
		}
	}
	var r replayed
	for _, inv := range invoices {
		if inv.IssueDate.After(d) || inv.Status == "cancelled" ||
			(inv.Status == "written_off" && inv.ClosedAt != nil && !dayOf(*inv.ClosedAt).After(d)) {
			continue
		}
		bal := inv.TotalCents - settled[inv.ID]
		if bal <= 0 {
			continue
		}
		late := int(d.Sub(inv.DueDate).Hours() / 24)
		k := 0
		switch {
		case late > 90:
			k = 4
		case late > 60:
			k = 3
		case late > 30:
			k = 2
		case late > 0:
			k = 1
		}
		r.aging[k] += bal
		r.count[k]++
	}
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	for _, pm := range payments {
		if !pm.ReceivedOn.Before(first) && !pm.ReceivedOn.After(d) && (pm.ReversedAt == nil || dayOf(*pm.ReversedAt).After(d)) {
			r.collected += pm.AmountCents
		}
	}
	return r
}
