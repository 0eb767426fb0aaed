package predict_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/analytics/predict"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// seed writes invoices into org's ledger as an import would: customers, invoices, one payment
// per settled invoice allocated to it, then the ledger's own refresh derives status and paid_on.
func seed(t *testing.T, d *db.DB, org uuid.UUID, invoices []predict.Invoice) {
	t.Helper()
	testenv.CopyLedger(t, d, org, ledgerOf(invoices))
}

// ledgerOf is the generated invoices as testenv.CopyLedger writes them.
func ledgerOf(invoices []predict.Invoice) []testenv.LedgerInvoice {
	out := make([]testenv.LedgerInvoice, len(invoices))
	for i, inv := range invoices {
		out[i] = testenv.LedgerInvoice{ID: inv.ID, CustomerID: inv.CustomerID, Issue: inv.Issue, Due: inv.Due,
			Amount: inv.Amount, Settled: inv.Settled}
	}
	return out
}

func smallLedger() []predict.Invoice {
	g := generated(3)
	// 60 customers' worth is enough to read back.
	keep := map[uuid.UUID]bool{}
	var out []predict.Invoice
	for _, inv := range g {
		if !keep[inv.CustomerID] && len(keep) >= 60 {
			continue
		}
		keep[inv.CustomerID] = true
		out = append(out, inv)
	}
	return out
}

// TestBacktestReadsTheLedger: the back-test over the ledger (settlement = the date of the
// payment that completed the invoice, as the ledger derives it) gives what the model gives on
// the same invoices in memory, beats both baselines, and sees nothing of another organisation.
func TestBacktestReadsTheLedger(t *testing.T) {
	d := testenv.DB(t)
	org := testenv.Organization(t, d, "Predict")
	other := testenv.Organization(t, d, "Other")
	invoices := smallLedger()
	seed(t, d, org, invoices)
	ctx := context.Background()
	from, to := date("2023-06-01"), date("2024-05-31")

	got, err := predict.Backtest(ctx, d.Pool, org, from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := predict.Evaluate(invoices, from, to, predict.DefaultParams)
	var settled int
	var dueErr float64
	for _, inv := range invoices {
		if inv.Settled != nil && !inv.Issue.Before(from) && !inv.Issue.After(to) {
			settled++
			dueErr += math.Abs(inv.Settled.Sub(inv.Due).Hours() / 24)
		}
	}
	t.Logf("ledger back-test: %d invoices, model %.2f days, due date %.2f, customer mean %.2f",
		got.Invoices, got.MAEDays, got.DueDateMAE, got.CustomerMeanMAE)
	if got.Invoices != settled || got.Invoices < 300 {
		t.Fatalf("back-tested %d invoices, want the %d settled ones issued in the range", got.Invoices, settled)
	}
	if math.Abs(got.DueDateMAE-dueErr/float64(settled)) > 1e-9 {
		t.Errorf("due-date baseline %.4f, want %.4f", got.DueDateMAE, dueErr/float64(settled))
	}
	if got.MAEDays != want.MAEDays || got.CustomerMeanMAE != want.CustomerMeanMAE {
		t.Errorf("from the ledger %+v, in memory %+v", got, want)
	}
	if got.MAEDays >= min(got.DueDateMAE, got.CustomerMeanMAE) {
		t.Errorf("model %.2f does not beat the baselines %.2f / %.2f", got.MAEDays, got.DueDateMAE, got.CustomerMeanMAE)
	}
	if len(got.Worst) != predict.WorstMisses || abs(got.Worst[0].ErrorDays) < abs(got.Worst[len(got.Worst)-1].ErrorDays) {
		t.Errorf("worst misses %+v", got.Worst)
	}

	none, err := predict.Backtest(ctx, d.Pool, other, from, to)
	if err != nil || none.Invoices != 0 {
		t.Errorf("other organisation: %+v, %v", none, err)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestBacktestBounds: a back-test is bounded, and says why it refuses.
func TestBacktestBounds(t *testing.T) {
	d := testenv.DB(t)
	org := testenv.Organization(t, d, "Bounds")
	ctx := context.Background()
	for _, c := range []struct {
		name     string
		from, to time.Time
		key      string
	}{
		{"missing", time.Time{}, date("2024-01-01"), "predict.required_date"},
		{"reversed", date("2024-02-01"), date("2024-01-01"), "predict.range_order"},
		{"too long", date("2023-01-01"), date("2024-01-02"), "predict.range_too_long"},
	} {
		_, err := predict.Backtest(ctx, d.Pool, org, c.from, c.to)
		var e *errs.Error
		if !errors.As(err, &e) || e.Kind != errs.KindInvalid || len(e.Fields) != 1 || e.Fields[0].Key != c.key {
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
	if r, err := predict.Backtest(ctx, d.Pool, org, date("2023-01-01"), date("2023-12-31")); err != nil || r.Invoices != 0 {
		t.Errorf("a full year of an empty ledger: %+v, %v", r, err)
	}
}

// TestOpenInvoicesAsOf: as of a past day, an invoice paid later is still open and predicted
// after that day; one customer's list holds only its invoices.
func TestOpenInvoicesAsOf(t *testing.T) {
	d := testenv.DB(t)
	org := testenv.Organization(t, d, "Open")
	invoices := smallLedger()
	seed(t, d, org, invoices)
	asOf := date("2023-09-30")
	open, err := predict.OpenInvoices(context.Background(), d.Pool, org, uuid.Nil, asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uuid.UUID]bool{}
	for _, inv := range invoices {
		if !inv.Issue.After(asOf) && (inv.Settled == nil || inv.Settled.After(asOf)) {
			want[inv.ID] = true
		}
	}
	if len(open) != len(want) || len(open) == 0 {
		t.Fatalf("%d open invoices, want %d", len(open), len(want))
	}
	for _, o := range open {
		if !want[o.InvoiceID] {
			t.Errorf("%s is not open on %s", o.InvoiceID, asOf)
		}
		p := o.Prediction
		if !p.Date.After(asOf) || p.P10.After(p.Date) || p.P90.Before(p.Date) || p.Explanation == "" {
			t.Errorf("prediction %+v as of %s", p, asOf)
		}
	}
	// A promise made before the day for an invoice sets its date; one made after it does not.
	ctx := context.Background()
	promise := func(inv uuid.UUID, on, made string) {
		t.Helper()
		id := uuid.New()
		if _, err := d.Pool.Exec(ctx, `INSERT INTO promises (id, organization_id, customer_id, promised_on, created_at)
			VALUES ($1, $2, (SELECT customer_id FROM invoices WHERE id = $3), $4, $5)`, id, org, inv, on, made); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Pool.Exec(ctx, `INSERT INTO promise_invoices (organization_id, promise_id, invoice_id) VALUES ($1, $2, $3)`,
			org, id, inv); err != nil {
			t.Fatal(err)
		}
	}
	promise(open[0].InvoiceID, "2023-10-20", "2023-09-25T10:00:00Z")
	promise(open[1].InvoiceID, "2023-10-21", "2023-10-02T10:00:00Z")
	again, err := predict.OpenInvoices(ctx, d.Pool, org, uuid.Nil, asOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range again {
		switch o.InvoiceID {
		case open[0].InvoiceID:
			if o.Prediction.Date != date("2023-10-20") || !strings.HasPrefix(o.Prediction.Explanation, "promised for 2023-10-20") {
				t.Errorf("under a promise: %+v", o.Prediction)
			}
		case open[1].InvoiceID:
			if o.Prediction != open[1].Prediction {
				t.Errorf("a later promise changed the prediction: %+v", o.Prediction)
			}
		}
	}

	one, err := predict.OpenInvoices(context.Background(), d.Pool, org, open[0].CustomerID, asOf)
	if err != nil || len(one) == 0 {
		t.Fatalf("one customer: %d, %v", len(one), err)
	}
	for _, o := range one {
		if o.CustomerID != open[0].CustomerID {
			t.Errorf("another customer's invoice %s", o.InvoiceID)
		}
	}
}

// TestCashForecast: the 13 weeks and what lies beyond add up to the open balance as of the day
// (a part paid before the day is not expected again), by predicted date as by due date, and
// the overdue balance is due in the first week.
func TestCashForecast(t *testing.T) {
	d := testenv.DB(t)
	org := testenv.Organization(t, d, "Forecast")
	invoices := smallLedger()
	asOf := date("2023-09-30")
	// An invoice half paid before the day, the rest after it.
	cust := invoices[0].CustomerID
	part := predict.Invoice{ID: uuid.NewSHA1(cust, []byte("part")), CustomerID: cust, Issue: date("2023-08-01"),
		Due: date("2023-08-31"), Amount: 500000}
	seed(t, d, org, append(invoices, part))
	ctx := context.Background()
	pay := uuid.NewSHA1(part.ID, []byte("p"))
	if _, err := d.Pool.Exec(ctx, `INSERT INTO payments (id, organization_id, customer_id, received_on, currency, amount_cents, method)
		VALUES ($1, $2, $3, '2023-09-15', 'EUR', 200000, 'transfer')`, pay, org, cust); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Pool.Exec(ctx, `INSERT INTO allocations (id, organization_id, invoice_id, payment_id, amount_cents)
		VALUES ($1, $2, $3, $4, 200000)`, uuid.New(), org, part.ID, pay); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Pool.Exec(ctx, `SELECT relance_refresh_invoices($1, ARRAY[$2::uuid])`, org, part.ID); err != nil {
		t.Fatal(err)
	}
	var open, overdue int64 = 500000 - 200000, 500000 - 200000
	for _, inv := range invoices {
		if !inv.Issue.After(asOf) && (inv.Settled == nil || inv.Settled.After(asOf)) {
			open += inv.Amount
			if !inv.Due.After(asOf) {
				overdue += inv.Amount
			}
		}
	}
	f, err := predict.CashForecast(ctx, d.Pool, org, asOf, "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Currency != "EUR" || f.Open != open || len(f.Weeks) != predict.ForecastWeeks {
		t.Fatalf("forecast %s, open %d (want %d), %d weeks", f.Currency, f.Open, open, len(f.Weeks))
	}
	expected, early, late, byDue := f.Beyond, int64(0), f.BeyondLate, f.BeyondByDueDate
	for i, w := range f.Weeks {
		if w.Start != asOf.AddDate(0, 0, 1+7*i) || w.End != asOf.AddDate(0, 0, 7*(i+1)) {
			t.Errorf("week %d: %s–%s", i, w.Start, w.End)
		}
		expected += w.Expected
		early += w.Early
		late += w.Late
		byDue += w.ByDueDate
	}
	if expected != open || late != open || byDue != open || early > open {
		t.Errorf("the weeks add up to %d expected, %d late, %d by due date, %d early; open %d", expected, late, byDue, early, open)
	}
	if f.Weeks[0].ByDueDate < overdue {
		t.Errorf("first week by due date %d, want at least the overdue %d", f.Weeks[0].ByDueDate, overdue)
	}
	if _, err := predict.CashForecast(ctx, d.Pool, org, asOf, "eur"); err == nil {
		t.Error("a lower-case currency is accepted")
	}
	if usd, err := predict.CashForecast(ctx, d.Pool, org, asOf, "USD"); err != nil || usd.Open != 0 {
		t.Errorf("USD: %+v, %v", usd.Open, err)
	}
}
