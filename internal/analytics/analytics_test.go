package analytics_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/analytics"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/page"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// book is one organisation's ledger, written through the ledger service.
type book struct {
	t   *testing.T
	ctx context.Context
	db  *db.DB
	led *ledger.Service
	svc *analytics.Service
	p   auth.Principal
}

func newBook(t *testing.T) *book {
	t.Helper()
	d := testenv.DB(t)
	files, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	org := testenv.Organization(t, d, "Atelier Dupont") // Europe/Paris, EUR
	b := &book{t: t, ctx: context.Background(), db: d, led: ledger.NewService(d.Gorm, files),
		svc: analytics.NewService(d.Gorm, func() time.Time { return time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC) }),
		p:   auth.Principal{OrganizationID: org, APIKeyID: uuid.Must(uuid.NewV7()), Role: auth.RoleAdmin}}
	return b
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func (b *book) customer(name, currency string) uuid.UUID {
	b.t.Helper()
	c, err := b.led.CreateCustomer(b.ctx, b.p, ledger.CustomerInput{Name: name, Currency: currency})
	if err != nil {
		b.t.Fatal(err)
	}
	return c.ID
}

// invoice issues an invoice of euros (whole units) on issued, due on due.
func (b *book) invoice(cust uuid.UUID, number, issued, due string, units int64, currency string) uuid.UUID {
	b.t.Helper()
	dd := day(due)
	v, err := b.led.CreateInvoice(b.ctx, b.p, ledger.InvoiceInput{CustomerID: cust, Number: number, IssueDate: day(issued),
		DueDate: &dd, Currency: currency, TotalCents: units * 100})
	if err != nil {
		b.t.Fatal(err)
	}
	return v.ID
}

func (b *book) pay(cust, inv uuid.UUID, on string, units int64) uuid.UUID {
	b.t.Helper()
	v, err := b.led.RecordPayment(b.ctx, b.p, ledger.PaymentInput{CustomerID: cust, ReceivedOn: day(on), Currency: "EUR",
		AmountCents: units * 100, Method: "transfer", Allocation: ledger.AllocateManual,
		Allocations: []ledger.AllocationInput{{InvoiceID: inv, AmountCents: units * 100}}})
	if err != nil {
		b.t.Fatal(err)
	}
	return v.ID
}

func (b *book) credit(cust, inv uuid.UUID, number, on string, units int64) {
	b.t.Helper()
	if _, err := b.led.CreateCreditNote(b.ctx, b.p, ledger.CreditNoteInput{CustomerID: cust, Number: number, IssueDate: day(on),
		Currency: "EUR", AmountCents: units * 100, Reason: "returned goods", InvoiceID: &inv}); err != nil {
		b.t.Fatal(err)
	}
}

// exec runs SQL the ledger service has no door for (a promise or dispute on a past day).
func (b *book) exec(sql string, args ...any) {
	b.t.Helper()
	if _, err := b.db.Pool.Exec(b.ctx, sql, args...); err != nil {
		b.t.Fatal(err)
	}
}

func (b *book) summary(asOf, currency string) analytics.Summary {
	b.t.Helper()
	q := analytics.Query{Currency: currency}
	if asOf != "" {
		d := day(asOf)
		q.AsOf = &d
	}
	s, err := b.svc.Summary(b.ctx, b.p, q)
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

// handMadeLedger: one customer in euros, one in dollars. Amounts in euros.
//
//	A  issued 2025-11-05 due 2025-12-05  1,000  paid 400 on 2025-12-20
//	F  issued 2025-11-25 due 2025-12-25    500  paid 200 on 2026-03-02
//	E  issued 2025-12-21 due 2026-01-20    800  under a dispute opened 2026-03-01, still open
//	B  issued 2026-01-10 due 2026-02-09  1,800  credit note 300 on 2026-02-01, paid 1,500 on 2026-03-15
//	                                            (after D); a dispute opened 2026-02-20, resolved 2026-03-05
//	C  issued 2026-02-08 due 2026-03-10  3,000  (due on D itself) under a promise made 2026-03-01, open
//	I  issued 2026-02-15 due 2026-03-15    700  cancelled: counts nowhere
//	G  issued 2026-03-02 due 2026-04-01  1,200  paid in full on 2026-03-05
//	H  issued 2026-03-12 due 2026-04-11  5,000  (after D)
//	U  issued 2026-02-20 due 2026-03-20    900  US dollars: not in the euro figures
func handMadeLedger(t *testing.T) *book {
	b := newBook(t)
	acme := b.customer("Acme", "EUR")
	bolt := b.customer("Bolt Inc", "USD")
	a := b.invoice(acme, "A", "2025-11-05", "2025-12-05", 1000, "EUR")
	f := b.invoice(acme, "F", "2025-11-25", "2025-12-25", 500, "EUR")
	e := b.invoice(acme, "E", "2025-12-21", "2026-01-20", 800, "EUR")
	bb := b.invoice(acme, "B", "2026-01-10", "2026-02-09", 1800, "EUR")
	c := b.invoice(acme, "C", "2026-02-08", "2026-03-10", 3000, "EUR")
	i := b.invoice(acme, "I", "2026-02-15", "2026-03-15", 700, "EUR")
	g := b.invoice(acme, "G", "2026-03-02", "2026-04-01", 1200, "EUR")
	b.invoice(acme, "H", "2026-03-12", "2026-04-11", 5000, "EUR")
	b.invoice(bolt, "U", "2026-02-20", "2026-03-20", 900, "USD")
	b.pay(acme, a, "2025-12-20", 400)
	b.pay(acme, f, "2026-03-02", 200)
	b.credit(acme, bb, "AV-1", "2026-02-01", 300)
	b.pay(acme, bb, "2026-03-15", 1500)
	b.pay(acme, g, "2026-03-05", 1200)
	if _, err := b.led.CloseInvoice(b.ctx, b.p, i, ledger.StatusCancelled, "typo"); err != nil {
		t.Fatal(err)
	}
	org := b.p.OrganizationID
	promise, dispute, resolved := uuid.New(), uuid.New(), uuid.New()
	b.exec(`INSERT INTO promises (id, organization_id, customer_id, promised_on, created_at) VALUES ($1, $2, $3, '2026-03-20', '2026-03-01 10:00+01')`,
		promise, org, acme)
	b.exec(`INSERT INTO promise_invoices (organization_id, promise_id, invoice_id) VALUES ($1, $2, $3)`, org, promise, c)
	b.exec(`INSERT INTO disputes (id, organization_id, customer_id, reason, opened_at) VALUES ($1, $2, $3, 'wrong_amount', '2026-03-01 10:00+01')`,
		dispute, org, acme)
	b.exec(`INSERT INTO dispute_invoices (organization_id, dispute_id, invoice_id) VALUES ($1, $2, $3)`, org, dispute, e)
	b.exec(`INSERT INTO disputes (id, organization_id, customer_id, reason, status, opened_at, resolved_at)
		VALUES ($1, $2, $3, 'not_received', 'resolved', '2026-02-20 10:00+01', '2026-03-05 10:00+01')`, resolved, org, acme)
	b.exec(`INSERT INTO dispute_invoices (organization_id, dispute_id, invoice_id) VALUES ($1, $2, $3)`, org, resolved, bb)
	return b
}

const eur = 100 // cents in a euro

// TestSummaryOfTheHandMadeLedger: every figure of D = 2026-03-10, worked out by hand.
func TestSummaryOfTheHandMadeLedger(t *testing.T) {
	b := handMadeLedger(t)
	s := b.summary("", "") // the organisation's today (the clock says 2026-03-10) and currency

	// Balances at D (payments and credit notes dated on or before D):
	//   A 1,000 − 400 = 600       days late D − 2025-12-05 = 26 + 31 + 28 + 10 = 95  → over_90
	//   F   500 − 200 = 300       D − 2025-12-25 = 6 + 31 + 28 + 10 = 75            → 61_90
	//   E   800                   D − 2026-01-20 = 11 + 28 + 10 = 49                 → 31_60
	//   B 1,800 − 300 = 1,500     the payment of 2026-03-15 is after D; D − 2026-02-09 = 19 + 10 = 29 → 1_30
	//   C 3,000                   due on D: not overdue                               → not_due
	//   G 1,200 − 1,200 = 0;  H issued after D;  I cancelled;  U in dollars.
	// receivables = 600 + 300 + 800 + 1,500 + 3,000 = 6,200; overdue = 6,200 − 3,000 = 3,200.
	if s.AsOf != day("2026-03-10") || s.Currency != "EUR" {
		t.Errorf("as of %s in %s, want 2026-03-10 in EUR", s.AsOf, s.Currency)
	}
	want := analytics.Summary{AsOf: day("2026-03-10"), Currency: "EUR",
		ReceivablesCents: 6200 * eur, OverdueCents: 3200 * eur, OpenInvoices: 5,
		Aging: []analytics.AgingBucket{{Bucket: "not_due", Cents: 3000 * eur, Invoices: 1}, {Bucket: "1_30", Cents: 1500 * eur, Invoices: 1},
			{Bucket: "31_60", Cents: 800 * eur, Invoices: 1}, {Bucket: "61_90", Cents: 300 * eur, Invoices: 1},
			{Bucket: "over_90", Cents: 600 * eur, Invoices: 1}},
		// Credit sales by month (cancelled I aside): Nov 1,500 (A, F), Dec 800 (E), Jan 1,800 (B),
		// Feb 3,000 (C), Mar 1–10 1,200 (G). Countback of 6,200 from D:
		//   March 1–10: 1,200 → 5,000 left, 10 days;  February: 3,000 → 2,000 left, 10 + 28 = 38;
		//   January: 1,800 → 200 left, 38 + 31 = 69;  December: 200 / 800 of its 31 days = 7.75.
		// DSO = 69 + 7.75 = 76.75 days.
		DSOCountback: 76.75,
		// Sales of the 90 days ending D (2025-12-11 … 2026-03-10): E 800 + B 1,800 + C 3,000 + G 1,200 = 6,800.
		// Simple: 6,200 / 6,800 × 90 = 82.0588…; best possible: 3,000 / 6,800 × 90 = 39.7058…;
		// average days delinquent: 82.0588 − 39.7058 = 3,200 / 6,800 × 90 = 42.3529….
		DSOSimple90: 82.06, BestPossibleDSO: 39.71, AverageDaysDelinquent: 42.35,
		// Opening receivables at 2025-12-10: A 1,000 (its payment came on 12-20) + F 500 = 1,500.
		// CEI = (1,500 + 6,800 − 6,200) / (1,500 + 6,800 − 3,000) × 100 = 2,100 / 5,300 × 100 = 39.6226…%.
		CEI90: 39.62,
		// Received 2026-03-01 … 03-10: F 200 (03-02) + G 1,200 (03-05); B's 1,500 of 03-15 is later.
		CollectedCents: 1400 * eur,
		// C is under the promise open at D; E under the open dispute; B's dispute was resolved on 03-05.
		PromisedCents: 3000 * eur, DisputedCents: 800 * eur}
	assertSummary(t, s, want)

	// The euros of a day named explicitly are the same figures.
	assertSummary(t, b.summary("2026-03-10", "EUR"), want)
}

func assertSummary(t *testing.T, got, want analytics.Summary) {
	t.Helper()
	checks := []struct {
		name      string
		got, want any
	}{
		{"receivables", got.ReceivablesCents, want.ReceivablesCents}, {"overdue", got.OverdueCents, want.OverdueCents},
		{"open invoices", got.OpenInvoices, want.OpenInvoices}, {"dso_countback", got.DSOCountback, want.DSOCountback},
		{"dso_simple_90", got.DSOSimple90, want.DSOSimple90}, {"best_possible_dso_90", got.BestPossibleDSO, want.BestPossibleDSO},
		{"average_days_delinquent", got.AverageDaysDelinquent, want.AverageDaysDelinquent}, {"cei_90", got.CEI90, want.CEI90},
		{"collected", got.CollectedCents, want.CollectedCents}, {"promised", got.PromisedCents, want.PromisedCents},
		{"disputed", got.DisputedCents, want.DisputedCents}, {"aging buckets", len(got.Aging), len(want.Aging)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	for i := range want.Aging {
		if i < len(got.Aging) && got.Aging[i] != want.Aging[i] {
			t.Errorf("aging[%d] = %+v, want %+v", i, got.Aging[i], want.Aging[i])
		}
	}
}

// TestAsOfOtherDays: the day after D an invoice due on D is overdue; five days later the payment
// made then counts and the invoice issued then too; another currency has its own figures.
func TestAsOfOtherDays(t *testing.T) {
	b := handMadeLedger(t)

	// 2026-03-11: C (3,000, due 03-10) is 1 day late: overdue = 3,200 + 3,000 = 6,200 = receivables.
	s := b.summary("2026-03-11", "EUR")
	if s.ReceivablesCents != 6200*eur || s.OverdueCents != 6200*eur || s.Aging[0].Cents != 0 || s.Aging[1].Cents != 4500*eur {
		t.Errorf("2026-03-11: receivables %d, overdue %d, aging %+v; want 620000, 620000, not_due 0, 1_30 450000 (B + C)",
			s.ReceivablesCents, s.OverdueCents, s.Aging)
	}

	// 2026-03-15: B's 1,500 is paid; H (5,000) is issued: 6,200 − 1,500 + 5,000 = 9,700.
	// Collected in March to the 15th: 200 + 1,200 + 1,500 = 2,900.
	s = b.summary("2026-03-15", "EUR")
	if s.ReceivablesCents != 9700*eur || s.CollectedCents != 2900*eur || s.OpenInvoices != 5 {
		t.Errorf("2026-03-15: receivables %d, collected %d, open %d; want 970000, 290000, 5", s.ReceivablesCents, s.CollectedCents, s.OpenInvoices)
	}

	// 2025-12-15: only A (1,000, 10 days late) and F (500, not due): A's 400 of 12-20 has not come yet.
	s = b.summary("2025-12-15", "EUR")
	if s.ReceivablesCents != 1500*eur || s.OverdueCents != 1000*eur || s.CollectedCents != 0 {
		t.Errorf("2025-12-15: receivables %d, overdue %d, collected %d; want 150000, 100000, 0", s.ReceivablesCents, s.OverdueCents, s.CollectedCents)
	}

	// Dollars: U (900, due 2026-03-20) alone, not due; sales of the 90 days 900: simple DSO 90, best possible 90.
	s = b.summary("2026-03-10", "USD")
	if s.ReceivablesCents != 900*eur || s.OverdueCents != 0 || s.DSOSimple90 != 90 || s.BestPossibleDSO != 90 || s.AverageDaysDelinquent != 0 {
		t.Errorf("USD: %+v", s)
	}
	// Countback in dollars: March 1–10 no sales (10 days), February 900 ≥ 900 → 10 + 28 = 38.
	if s.DSOCountback != 38 {
		t.Errorf("USD countback = %v, want 38", s.DSOCountback)
	}
}

// TestDSOTrendOfTheHandMadeLedger: three month ends, worked out by hand.
func TestDSOTrendOfTheHandMadeLedger(t *testing.T) {
	b := handMadeLedger(t)
	d := day("2026-03-10")
	tr, err := b.svc.Trend(b.ctx, b.p, analytics.Query{AsOf: &d}, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []analytics.TrendPoint{
		// 2026-01-31: A 600 + F 500 + E 800 + B 1,800 (its credit note is of 02-01) = 3,700; overdue: all
		// but B (due 02-09) = 1,900. Countback: January 1,800 → 1,900 left, 31 days; December 800 →
		// 1,100 left, 62; November 1,100 / 1,500 × 30 = 22 → 84.
		{MonthEnd: day("2026-01-31"), DSOCountback: 84, ReceivablesCents: 3700 * eur, OverdueCents: 1900 * eur},
		// 2026-02-28: A 600 + F 500 + E 800 + B 1,500 + C 3,000 = 6,400 (I cancelled); overdue: all but
		// C = 3,400. Countback: February 3,000 → 3,400 left, 28; January 1,800 → 1,600 left, 59;
		// December 800 → 800 left, 90; November 800 / 1,500 × 30 = 16 → 106.
		{MonthEnd: day("2026-02-28"), DSOCountback: 106, ReceivablesCents: 6400 * eur, OverdueCents: 3400 * eur},
		{MonthEnd: d, DSOCountback: 76.75, ReceivablesCents: 6200 * eur, OverdueCents: 3200 * eur},
	}
	if tr.Currency != "EUR" || len(tr.Points) != len(want) {
		t.Fatalf("trend = %+v", tr)
	}
	for i, w := range want {
		if g := tr.Points[i]; !g.MonthEnd.Equal(w.MonthEnd) || g.DSOCountback != w.DSOCountback ||
			g.ReceivablesCents != w.ReceivablesCents || g.OverdueCents != w.OverdueCents {
			t.Errorf("point %d = %+v, want %+v", i, g, w)
		}
	}
}

// TestWriteOffsAndReversals: a written-off invoice leaves the receivables on the day it was written
// off; a reversed payment no longer counts (the reversal removes its allocations).
func TestWriteOffsAndReversals(t *testing.T) {
	b := newBook(t)
	acme := b.customer("Acme", "EUR")
	w := b.invoice(acme, "W", "2026-01-05", "2026-02-04", 400, "EUR")
	r := b.invoice(acme, "R", "2026-01-05", "2026-02-04", 250, "EUR")
	pay := b.pay(acme, r, "2026-02-01", 250)
	if _, err := b.led.CloseInvoice(b.ctx, b.p, w, ledger.StatusWrittenOff, "bankrupt"); err != nil {
		t.Fatal(err)
	}
	b.exec(`UPDATE invoices SET closed_at = '2026-03-05 18:00+01' WHERE id = $1`, w)
	if got := b.summary("2026-03-04", "EUR").ReceivablesCents; got != 400*eur {
		t.Errorf("the day before the write-off: receivables %d, want 40000 (W; R paid)", got)
	}
	if got := b.summary("2026-03-05", "EUR").ReceivablesCents; got != 0 {
		t.Errorf("the day of the write-off: receivables %d, want 0", got)
	}
	if _, err := b.led.ReversePayment(b.ctx, b.p, pay, "bounced"); err != nil {
		t.Fatal(err)
	}
	if got := b.summary("2026-03-05", "EUR").ReceivablesCents; got != 250*eur {
		t.Errorf("after the reversal: receivables %d, want 25000 (R is due again)", got)
	}
}

// TestEachOrganisationSeesItsOwn: another organisation's ledger changes nothing.
func TestEachOrganisationSeesItsOwn(t *testing.T) {
	b := handMadeLedger(t)
	other := newBook(t)
	if s := other.summary("2026-03-10", "EUR"); s.ReceivablesCents != 0 || s.DSOCountback != 0 || s.CEI90 != 0 {
		t.Errorf("an empty organisation: %+v", s)
	}
	if s := b.summary("2026-03-10", "EUR"); s.ReceivablesCents != 6200*eur {
		t.Errorf("receivables %d", s.ReceivablesCents)
	}
}

// TestCustomersBehaviourOfTheHandMadeLedger: days late of settled invoices, as of two days.
func TestCustomersBehaviourOfTheHandMadeLedger(t *testing.T) {
	b := handMadeLedger(t)
	list := func(asOf string) []analytics.CustomerBehaviour {
		d := day(asOf)
		res, err := b.svc.Customers(b.ctx, b.p, analytics.Query{AsOf: &d, Currency: "EUR"}, page.Query{})
		if err != nil {
			t.Fatal(err)
		}
		if int(res.Total) != len(res.Items) {
			t.Fatalf("total %d, %d items", res.Total, len(res.Items))
		}
		return res.Items
	}
	// 2026-03-10: of Acme's invoices only G is settled (on 03-05, due 04-01: on time, 0 days late).
	// G: terms 30 days (03-02 → 04-01), settled 3 days after issue. B's payment of 03-15 is later.
	got := list("2026-03-10")
	if len(got) != 1 || got[0].Name != "Acme" || got[0].PaidInvoices != 1 || got[0].AvgDaysLate != 0 ||
		got[0].WeightedDaysLate != 0 || got[0].AgreedTermsDays != 30 || got[0].ActualTermsDays != 3 ||
		// A, due 2025-12-05, is 95 days late on 03-10 (F 75, E 49; C is due that day): D despite 0 weighted.
		got[0].MaxOpenDaysLate != 95 || got[0].PayerRating != "D" || got[0].Trend != "steady" || got[0].TrendDays != nil {
		t.Errorf("2026-03-10: %+v", got)
	}
	// 2026-03-15: B is settled too, on 03-15, due 02-09: 19 + 15 = 34 days late.
	//   mean (0 + 34) / 2 = 17; median of {0, 34} = 17;
	//   weighted by totals (34 × 1,800 + 0 × 1,200) / 3,000 = 20.4;
	//   agreed 30 (both invoices due 30 days after issue); actual: B 01-10 → 03-15 = 21 + 28 + 15 = 64,
	//   G 3 → (64 + 3) / 2 = 33.5.
	got = list("2026-03-15")
	//   trend: G and B both settled in the 180 days ending 03-15 (after 2025-09-16), none before: steady,
	//   no trend_days. A (due 2025-12-05, 600 still open) is 100 days late on 03-15: rating D,
	//   though the weighted 20.4 alone would be C.
	want := analytics.CustomerBehaviour{Name: "Acme", PaidInvoices: 2, AvgDaysLate: 17, WeightedDaysLate: 20.4, MedianDaysLate: 17,
		AgreedTermsDays: 30, ActualTermsDays: 33.5, Trend: "steady", MaxOpenDaysLate: 100, PayerRating: "D"}
	if len(got) != 1 {
		t.Fatalf("2026-03-15: %+v", got)
	}
	want.CustomerID, want.ExternalID = got[0].CustomerID, got[0].ExternalID
	if got[0] != want {
		t.Errorf("2026-03-15: %+v, want %+v", got[0], want)
	}
	// No dollar invoice is settled.
	d := day("2026-03-15")
	if res, err := b.svc.Customers(b.ctx, b.p, analytics.Query{AsOf: &d, Currency: "USD"}, page.Query{}); err != nil || res.Total != 0 {
		t.Errorf("USD: %+v, %v", res, err)
	}
	if _, err := b.svc.Customers(b.ctx, b.p, analytics.Query{AsOf: &d}, page.Query{Sort: "balance"}); err == nil {
		t.Error("an unknown sort was accepted")
	}

	// Zinc pays 10 days late (due 01-31, paid 02-10): after Acme (20.4 weighted) by default.
	zinc := b.customer("Zinc", "EUR")
	z := b.invoice(zinc, "Z", "2026-01-01", "2026-01-31", 1000, "EUR")
	b.pay(zinc, z, "2026-02-10", 1000)
	for _, c := range []struct {
		q     page.Query
		names string
		total int64
	}{
		{page.Query{}, "Acme Zinc", 2}, {page.Query{Sort: "avg_days_late"}, "Zinc Acme", 2}, {page.Query{Sort: "-name"}, "Zinc Acme", 2},
		{page.Query{Q: "zin"}, "Zinc", 1}, {page.Query{Sort: "name", Limit: 1, Offset: 1}, "Zinc", 2}, {page.Query{Offset: 5}, "", 2},
	} {
		res, err := b.svc.Customers(b.ctx, b.p, analytics.Query{AsOf: &d}, c.q)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, it := range res.Items {
			names = append(names, it.Name)
		}
		if strings.Join(names, " ") != c.names || res.Total != c.total {
			t.Errorf("%+v: %v (total %d), want %s (total %d)", c.q, names, res.Total, c.names, c.total)
		}
	}
	// Zinc: one invoice, 10 days late, nothing open: steady (too little history), rating B (5 < 10 ≤ 15).
	// Yarrow pays later lately. As of 03-15 the recent window is settlements after 2025-09-16:
	//   older: Y1 due 2025-01-31 paid 02-05 (5 late); Y2 due 2025-09-13 paid 2025-09-16, on the
	//   boundary (3 late): mean 4;
	//   recent: Y3 due 2025-10-31 paid 11-20 (20 late); Y4 due 2025-12-31 paid 2026-01-12 (12): mean 16;
	//   trend_days 16 − 4 = +12: later. Weighted (5 + 3 + 20) × 1,000 + 12 × 2,000 over 5,000 = 10.4:
	//   rating B; Y5 due 2026-03-01 still open, 14 days late (not over 90).
	yarrow := b.customer("Yarrow", "EUR")
	for _, y := range []struct {
		n, issued, due, paid string
		units                int64
	}{
		{"Y1", "2025-01-01", "2025-01-31", "2025-02-05", 1000}, {"Y2", "2025-08-14", "2025-09-13", "2025-09-16", 1000},
		{"Y3", "2025-10-01", "2025-10-31", "2025-11-20", 1000}, {"Y4", "2025-12-01", "2025-12-31", "2026-01-12", 2000},
		{"Y5", "2026-01-30", "2026-03-01", "", 500},
	} {
		inv := b.invoice(yarrow, y.n, y.issued, y.due, y.units, "EUR")
		if y.paid != "" {
			b.pay(yarrow, inv, y.paid, y.units)
		}
	}
	res, err := b.svc.Customers(b.ctx, b.p, analytics.Query{AsOf: &d}, page.Query{})
	if err != nil {
		t.Fatal(err)
	}
	type rating struct {
		name, trend string
		trendDays   float64
		weighted    float64
		maxOpen     int64
		rating      string
	}
	var ratings []rating
	for _, it := range res.Items {
		r := rating{name: it.Name, trend: it.Trend, weighted: it.WeightedDaysLate, maxOpen: it.MaxOpenDaysLate, rating: it.PayerRating}
		if it.TrendDays != nil {
			r.trendDays = *it.TrendDays
		} else {
			r.trendDays = -999 // no trend_days
		}
		ratings = append(ratings, r)
	}
	wantRatings := []rating{{"Acme", "steady", -999, 20.4, 100, "D"}, {"Yarrow", "later", 12, 10.4, 14, "B"}, {"Zinc", "steady", -999, 10, 0, "B"}}
	if fmt.Sprint(ratings) != fmt.Sprint(wantRatings) {
		t.Errorf("trend and rating on 03-15:\n got %+v\nwant %+v", ratings, wantRatings)
	}
	// Sortable by rating: the D payer last ascending, first descending.
	for sort, first := range map[string]string{"-payer_rating": "Acme", "payer_rating": "Yarrow Zinc"} {
		res, err := b.svc.Customers(b.ctx, b.p, analytics.Query{AsOf: &d}, page.Query{Sort: sort, Limit: 1})
		if err != nil || len(res.Items) != 1 || !strings.Contains(first, res.Items[0].Name) {
			t.Errorf("sort %s: %+v, %v", sort, res.Items, err)
		}
	}
}
