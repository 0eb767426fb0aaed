// Package bench measures the cockpit's figures at scale: the summary and the customers'
// behaviour on a million invoices (two years of history, most of them paid) against a bare
// aggregate scan of the invoices table in the same run. It runs only when RELANCE_BENCH is set
// (`make bench`): `go test ./...` skips it without starting Postgres. The size can be lowered
// with RELANCE_BENCH_INVOICES (e.g. 100000) for a quick look.
package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/relance/relance/internal/analytics"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/page"
	"github.com/relance/relance/internal/testenv"
)

const (
	defaultInvoices = 1_000_000
	customers       = 50_000
	runs            = 3
)

func TestMain(m *testing.M) { testenv.BenchMain(m) }

func report(name string, value float64, unit string) {
	format := "bench: %s %.0f %s\n"
	if value < 100 {
		format = "bench: %s %.3f %s\n"
	}
	fmt.Printf(format, name, value, unit)
}

func median(d []time.Duration) time.Duration {
	d = append([]time.Duration(nil), d...)
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

// timed is the median of runs runs of f.
func timed(t *testing.T, f func() error) time.Duration {
	t.Helper()
	var took []time.Duration
	for range runs {
		start := time.Now()
		if err := f(); err != nil {
			t.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	return median(took)
}

// populate COPYs customers, invoices issued over the two years to today (due 30 days later),
// the payments of those paid (on the due date give or take: −10 to +60 days, the ones whose date
// is still to come left open), a half payment on one open invoice in ten, and their allocations,
// with balances, statuses and settlement dates as the ledger keeps them; then vacuums and
// analyses. Foreign key triggers are skipped during the copies (session_replication_role).
func populate(t *testing.T, d *db.DB, org uuid.UUID, invoices int, today time.Time) {
	ctx := context.Background()
	start := time.Now()
	conn, err := d.Pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SET session_replication_role = replica`); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, `RESET session_replication_role`)
	cust := make([]uuid.UUID, customers)
	for i := range cust {
		cust[i] = uuid.Must(uuid.NewV7())
	}
	copyRows := func(table string, cols []string, rows [][]any) {
		t.Helper()
		n, err := conn.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		if err != nil || n != int64(len(rows)) {
			t.Fatalf("copy %s: %v (%d rows)", table, err, n)
		}
	}
	var rows [][]any
	for i, id := range cust {
		terms := []int{30, 45, 60, 14}[i%4]
		rows = append(rows, []any{id, org, fmt.Sprintf("Client %06d", i), "fr", "EUR", terms})
	}
	copyRows("customers", []string{"id", "organization_id", "name", "language", "currency", "payment_terms_days"}, rows)

	rng := rand.New(rand.NewPCG(1, 2))
	const block = 100_000
	var inv, pay, alloc [][]any
	flush := func() {
		copyRows("invoices", []string{"id", "organization_id", "customer_id", "number", "issue_date", "due_date", "currency",
			"total_cents", "balance_cents", "status", "paid_on"}, inv)
		copyRows("payments", []string{"id", "organization_id", "customer_id", "received_on", "currency", "amount_cents", "method"}, pay)
		copyRows("allocations", []string{"id", "organization_id", "invoice_id", "payment_id", "amount_cents"}, alloc)
		inv, pay, alloc = inv[:0], pay[:0], alloc[:0]
	}
	for i := range invoices {
		id, c := uuid.Must(uuid.NewV7()), cust[rng.IntN(customers)]
		issued := today.AddDate(0, 0, -rng.IntN(730))
		due := issued.AddDate(0, 0, 30)
		total := int64(rng.IntN(2_000_000) + 1_000)
		paidOn := due.AddDate(0, 0, rng.IntN(71)-10)
		if paidOn.Before(issued) {
			paidOn = issued
		}
		balance, status, settled := total, "open", any(nil)
		switch {
		case !paidOn.After(today):
			balance, status, settled = 0, "paid", paidOn
			payID := uuid.Must(uuid.NewV7())
			pay = append(pay, []any{payID, org, c, paidOn, "EUR", total, "transfer"})
			alloc = append(alloc, []any{uuid.Must(uuid.NewV7()), org, id, payID, total})
		case rng.IntN(10) == 0:
			half := total / 2
			on := issued.AddDate(0, 0, rng.IntN(int(today.Sub(issued).Hours()/24)+1))
			balance, status = total-half, "partially_paid"
			payID := uuid.Must(uuid.NewV7())
			pay = append(pay, []any{payID, org, c, on, "EUR", half, "transfer"})
			alloc = append(alloc, []any{uuid.Must(uuid.NewV7()), org, id, payID, half})
		}
		inv = append(inv, []any{id, org, c, fmt.Sprintf("F-%07d", i+1), issued, due, "EUR", total, balance, status, settled})
		if len(inv) == block {
			flush()
		}
	}
	flush()
	copied := time.Since(start)
	if _, err := conn.Exec(ctx, `VACUUM ANALYZE customers, invoices, payments, allocations`); err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d customers and %d invoices with their payments: copied in %v, vacuumed in %v",
		customers, invoices, copied, time.Since(start)-copied)
}

// TestSummaryAgainstScan times the summary and the customers' behaviour as of today and as of a
// day a year ago against the bare aggregate scan of all the organisation's invoices, every row read
// by the client.
func TestSummaryAgainstScan(t *testing.T) {
	testenv.SkipUnlessBench(t, "analytics benchmarks")
	invoices := defaultInvoices
	if n, err := strconv.Atoi(os.Getenv("RELANCE_BENCH_INVOICES")); err == nil && n > 0 {
		invoices = n
	}
	ctx := context.Background()
	d, err := db.Open(ctx, testenv.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	org := testenv.Organization(t, d, "Bench")
	p := auth.Principal{OrganizationID: org, APIKeyID: uuid.Must(uuid.NewV7()), Role: auth.RoleViewer}
	now := time.Now().In(time.UTC)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	populate(t, d, org, invoices, today)
	svc := analytics.NewService(d.Gorm, nil)

	scan := timed(t, func() error {
		rows, err := d.Pool.Query(ctx, `SELECT customer_id, count(*), sum(total_cents), sum(balance_cents) FROM invoices
			WHERE organization_id = $1 GROUP BY customer_id`, org)
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		rows.Close()
		return rows.Err()
	})
	report("analytics_invoices_aggregate_scan_seconds", scan.Seconds(), "s")

	yearAgo := today.AddDate(-1, 0, 0)
	for _, c := range []struct {
		name string
		day  time.Time
	}{{"today", today}, {"year_ago", yearAgo}} {
		var s analytics.Summary
		took := timed(t, func() error {
			var err error
			s, err = svc.Summary(ctx, p, analytics.Query{AsOf: &c.day})
			return err
		})
		t.Logf("summary as of %s: receivables %d, overdue %d, %d open, DSO countback %.2f, simple %.2f, CEI %.2f",
			c.day.Format(time.DateOnly), s.ReceivablesCents, s.OverdueCents, s.OpenInvoices, s.DSOCountback, s.DSOSimple90, s.CEI90)
		if s.OpenInvoices == 0 {
			t.Fatalf("nothing open as of %s", c.day.Format(time.DateOnly))
		}
		report("analytics_summary_"+c.name+"_seconds", took.Seconds(), "s")
		report("analytics_summary_"+c.name+"_vs_scan_ratio", took.Seconds()/scan.Seconds(), "ratio")

		var list page.Result[analytics.CustomerBehaviour]
		took = timed(t, func() error {
			var err error
			list, err = svc.Customers(ctx, p, analytics.Query{AsOf: &c.day}, page.Query{})
			return err
		})
		if list.Total == 0 {
			t.Fatalf("no customer behaviour as of %s", c.day.Format(time.DateOnly))
		}
		report("analytics_customers_"+c.name+"_seconds", took.Seconds(), "s")
		report("analytics_customers_"+c.name+"_vs_scan_ratio", took.Seconds()/scan.Seconds(), "ratio")
	}
	// The DSO over 12 month ends: twelve passes like the summary's (once).
	start := time.Now()
	if _, err := svc.Trend(ctx, p, analytics.Query{AsOf: &today}, 12); err != nil {
		t.Fatal(err)
	}
	report("analytics_dso_trend_12_months_seconds", time.Since(start).Seconds(), "s")

	// The yardstick again, after what it is compared with (the machine's load drifts).
	report("analytics_invoices_aggregate_scan_after_seconds", timed(t, func() error {
		return d.Pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT customer_id, count(*), sum(total_cents), sum(balance_cents)
			FROM invoices WHERE organization_id = $1 GROUP BY customer_id) x`, org).Scan(new(int64))
	}).Seconds(), "s")
}
