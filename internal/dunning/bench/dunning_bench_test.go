// Package bench measures the dunning engine at scale: the planner on a million open invoices
// against a bare aggregate scan of them, and reminders handed to a local SMTP server per second.
// It runs only when RELANCE_BENCH is set (`make bench`): `go test ./...` skips it without
// starting Postgres. RELANCE_BENCH_PROFILE=<file> writes a CPU profile of the reminders' sending.
// RELANCE_BENCH_EXPLAIN=1 also prints the plans (EXPLAIN ANALYZE, BUFFERS) of
// every planner statement, from dry runs of both passes.
package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/dunning/calendar"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/testenv"
)

const (
	plannerInvoices  = 1_000_000
	plannerCustomers = 100_000
	scanRuns         = 3
	reminders        = 10_000
	sendWorkers      = 10 // River's default queue runs 100 workers; 10 keeps a 2-core machine honest
	copyStreams      = 2  // parallel COPYs of the invoices
)

func TestMain(m *testing.M) { testenv.BenchMain(m) }

var paris, _ = time.LoadLocation("Europe/Paris")

// clock is the service's Now, moved by the benchmark from one planning day to the next.
type clock struct{ ns atomic.Int64 }

func (c *clock) set(day time.Time) {
	c.ns.Store(time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, paris).UnixNano())
}
func (c *clock) now() time.Time { return time.Unix(0, c.ns.Load()) }

// bench is one organisation on a fresh database with the dunning service on a clock.
type bench struct {
	t     *testing.T
	ctx   context.Context
	url   string
	db    *db.DB
	svc   *dunning.Service
	clock *clock
	org   uuid.UUID
	p     auth.Principal
}

func newBench(t *testing.T, sender mail.Sender) *bench {
	t.Helper()
	b := &bench{t: t, ctx: context.Background(), url: testenv.DatabaseURL(t), clock: &clock{}}
	var err error
	if b.db, err = db.Open(b.ctx, b.url); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.db.Close)
	b.org = testenv.Organization(t, b.db, "Bench")
	b.p = auth.Principal{OrganizationID: b.org, APIKeyID: uuid.Must(uuid.NewV7()), Role: auth.RoleAdmin}
	b.svc = b.service(b.db, sender)
	// The first use installs the settings and the three default scenarios.
	if _, err := b.svc.GetSettings(b.ctx, b.p); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *bench) service(d *db.DB, sender mail.Sender) *dunning.Service {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if sender == nil {
		sender = mail.LogSender{Log: log}
	}
	// No job queue (Options.Jobs nil): the pass records the actions and enqueues nothing.
	return dunning.NewService(dunning.Options{DB: d, Mail: sender, Log: log, BaseURL: "http://localhost:8080",
		Secret: strings.Repeat("s", 32), From: "Relance <relance@relance.test>", Now: b.clock.now})
}

func report(name string, value float64, unit string) {
	format := "bench: %s %.0f %s\n"
	if value < 100 {
		format = "bench: %s %.3f %s\n"
	}
	fmt.Printf(format, name, value, unit)
}

// planningDays are the first pass's day (the last business day up to today) and the next
// business day, the steady-state pass.
func planningDays() (time.Time, time.Time) {
	cal := calendar.New("FR")
	now := time.Now().In(paris)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	first := cal.LastBusinessDayOnOrBefore(today)
	return first, cal.NextBusinessDay(first.AddDate(0, 0, 1))
}

// populate COPYs customers (each with one accounting contact with an email) and their open
// invoices, in blocks of invoices/customers per customer (so that the (customer, due date)
// index grows at its end rather than everywhere), due dueDay(n) days from day, then vacuums
// and analyses them as autovacuum would. The invoices go in copyStreams parallel COPYs, and
// every COPY skips the foreign key triggers (session_replication_role = replica): the rows
// reference what was copied before them, and checking a million keys one by one would take
// longer than the copy.
func (b *bench) populate(customers, invoices int, day time.Time, dueDay func(rng *rand.Rand, n int) int) {
	b.t.Helper()
	start := time.Now()
	ids := make([]uuid.UUID, customers)
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewV7())
	}
	org := [16]byte(b.org)
	copyRows := func(table string, cols []string, from, to int, row func(i int) []any) error {
		conn, err := b.db.Pool.Acquire(b.ctx)
		if err != nil {
			return err
		}
		defer conn.Release()
		if _, err := conn.Exec(b.ctx, `SET session_replication_role = replica`); err != nil {
			return err
		}
		defer conn.Exec(b.ctx, `RESET session_replication_role`)
		i := from
		got, err := conn.CopyFrom(b.ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
			if i == to {
				return nil, nil
			}
			i++
			return row(i - 1), nil
		}))
		if err == nil && got != int64(to-from) {
			err = fmt.Errorf("%d rows copied, want %d", got, to-from)
		}
		if err != nil {
			return fmt.Errorf("copy %s: %w", table, err)
		}
		return nil
	}
	err := copyRows("customers", []string{"id", "organization_id", "name", "language", "currency"}, 0, customers, func(i int) []any {
		lang := "fr"
		if i%5 == 4 {
			lang = "en"
		}
		return []any{[16]byte(ids[i]), org, fmt.Sprintf("Client %06d SARL", i), lang, "EUR"}
	})
	if err == nil {
		err = copyRows("contacts", []string{"id", "organization_id", "customer_id", "name", "role", "email"}, 0, customers, func(i int) []any {
			return []any{[16]byte(uuid.Must(uuid.NewV7())), org, [16]byte(ids[i]), "Claire Compta", "accounting",
				fmt.Sprintf("compta%06d@client.test", i)}
		})
	}
	if err != nil {
		b.t.Fatal(err)
	}
	errs := make(chan error, copyStreams)
	for k := range copyStreams {
		from, to := invoices*k/copyStreams, invoices*(k+1)/copyStreams
		rng := rand.New(rand.NewPCG(1, uint64(k)))
		go func() {
			errs <- copyRows("invoices", []string{"id", "organization_id", "customer_id", "number", "issue_date", "due_date",
				"currency", "total_cents", "balance_cents", "status"}, from, to, func(i int) []any {
				due := day.AddDate(0, 0, dueDay(rng, i))
				total := int64(rng.IntN(5_000_000) + 1_000)
				return []any{[16]byte(uuid.Must(uuid.NewV7())), org, [16]byte(ids[i*customers/invoices]), fmt.Sprintf("F-%07d", i+1),
					due.AddDate(0, 0, -30), due, "EUR", total, total, "open"}
			})
		}()
	}
	for range copyStreams {
		if err := <-errs; err != nil {
			b.t.Fatal(err)
		}
	}
	copied := time.Since(start)
	if _, err := b.db.Pool.Exec(b.ctx, `VACUUM ANALYZE customers, contacts, invoices`); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("generated %d customers, %d contacts and %d invoices: copied in %v, vacuumed and analysed in %v",
		customers, customers, invoices, copied, time.Since(start)-copied)
	report("generate_rows_per_s", float64(2*customers+invoices)/copied.Seconds(), "rows/s")
}

// plan runs one planning pass as of day (the clock at 10:00 that day), as the daily job does
// for one organisation, ignoring the sending window.
func (b *bench) plan(svc *dunning.Service, day time.Time, dry bool) (dunning.PlanResult, time.Duration) {
	b.t.Helper()
	b.clock.set(day)
	start := time.Now()
	r, err := svc.PlanDueActions(b.ctx, dunning.PlanOptions{AsOf: &day, Organization: &b.org, IgnoreWindow: true, DryRun: dry})
	took := time.Since(start)
	if err != nil {
		b.t.Fatal(err)
	}
	return r, took
}

// TestPlannerAgainstScan times the planner on a million open invoices of 100,000 customers
// against the bare aggregate scan of the same invoices: the first pass (a step for most of
// them) and the next business day's (everything scanned, that day's share planned).
func TestPlannerAgainstScan(t *testing.T) {
	testenv.SkipUnlessBench(t, "dunning benchmarks")
	b := newBench(t, nil)
	day1, day2 := planningDays()
	// Due dates spread over the past 150 days and the next 30.
	b.populate(plannerCustomers, plannerInvoices, day1, func(rng *rand.Rand, _ int) int { return rng.IntN(181) - 150 })

	scan := b.scan()
	report("invoices_aggregate_scan_seconds", scan.Seconds(), "s")

	explain := os.Getenv("RELANCE_BENCH_EXPLAIN") != ""
	if explain {
		b.explain(day1, "first pass (dry run)")
	}
	r1, first := b.plan(b.svc, day1, false)
	t.Logf("first pass as of %s: %d actions, %d invoice steps in %v", day1.Format(time.DateOnly), r1.Planned, r1.Items, first)
	if r1.Items < plannerInvoices/2 {
		t.Fatalf("the first pass recorded %d invoice steps, want most of the %d invoices", r1.Items, plannerInvoices)
	}
	report("planner_first_pass_seconds", first.Seconds(), "s")
	report("planner_first_pass_actions", float64(r1.Planned), "actions")
	report("planner_first_pass_invoice_steps", float64(r1.Items), "items")
	report("planner_first_pass_vs_scan_ratio", first.Seconds()/scan.Seconds(), "ratio")

	if _, err := b.db.Pool.Exec(b.ctx, `VACUUM ANALYZE`); err != nil { // as autovacuum would after such a load
		t.Fatal(err)
	}
	// The yardstick again, next to what it is compared with (the machine's load drifts).
	scan = b.scan()
	report("invoices_aggregate_scan_before_daily_seconds", scan.Seconds(), "s")
	if explain {
		b.explain(day2, "daily pass (dry run)")
	}
	// Every customer got a message yesterday: the flood guard (3 days by default) holds today's
	// emails and letters back, so this pass reads everything and plans only what is due by call.
	// The median of three passes: two dry runs (the same work, rolled back), then the real one.
	var runs []time.Duration
	var r2 dunning.PlanResult
	for i := range 3 {
		r, took := b.plan(b.svc, day2, i < 2)
		runs = append(runs, took)
		r2 = r
	}
	daily := median(runs)
	t.Logf("daily pass as of %s: %d actions, %d invoice steps in %v", day2.Format(time.DateOnly), r2.Planned, r2.Items, runs)
	report("planner_daily_pass_seconds", daily.Seconds(), "s")
	report("planner_daily_pass_actions", float64(r2.Planned), "actions")
	report("planner_daily_pass_invoice_steps", float64(r2.Items), "items")
	report("planner_daily_pass_vs_scan_ratio", daily.Seconds()/scan.Seconds(), "ratio")

	// A second pass the same day finds everything recorded: the idempotency costs nothing more.
	r3, again := b.plan(b.svc, day2, false)
	if r3.Planned != 0 || r3.Items != 0 {
		t.Fatalf("the same day's second pass planned %d actions, %d steps", r3.Planned, r3.Items)
	}
	report("planner_same_day_rerun_seconds", again.Seconds(), "s")
}

func median(runs []time.Duration) time.Duration {
	runs = append([]time.Duration(nil), runs...)
	sort.Slice(runs, func(i, j int) bool { return runs[i] < runs[j] })
	return runs[len(runs)/2]
}

// scan is the yardstick: the median of scanRuns runs of the bare aggregate over the open
// invoices, every row read by the client.
func (b *bench) scan() time.Duration {
	b.t.Helper()
	var runs []time.Duration
	for range scanRuns {
		start := time.Now()
		rows, err := b.db.Pool.Query(b.ctx, `SELECT customer_id, sum(balance_cents) FROM invoices
			WHERE organization_id = $1 AND status IN ('open', 'partially_paid') GROUP BY customer_id`, b.org)
		if err != nil {
			b.t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if rows.Err() != nil || n != plannerCustomers {
			b.t.Fatalf("scan: %v (%d customers)", rows.Err(), n)
		}
		runs = append(runs, time.Since(start))
	}
	return median(runs)
}

// explain runs a dry pass on connections where auto_explain sends the plan of every statement
// (EXPLAIN ANALYZE, BUFFERS) back as a notice, and prints the slow ones.
func (b *bench) explain(day time.Time, title string) {
	b.t.Helper()
	cfg, err := pgxpool.ParseConfig(b.url)
	if err != nil {
		b.t.Fatal(err)
	}
	var mu sync.Mutex
	var plans []string
	cfg.ConnConfig.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) {
		mu.Lock()
		plans = append(plans, n.Message)
		mu.Unlock()
	}
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		// Statements over half a second: the planner's, not the foreign key checks it fires.
		_, err := c.Exec(ctx, `LOAD 'auto_explain'; SET auto_explain.log_min_duration = 500;
			SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_timing = on;
			SET auto_explain.log_triggers = on; SET auto_explain.log_nested_statements = on;
			SET auto_explain.log_level = notice`)
		return err
	}
	pool, err := pgxpool.NewWithConfig(b.ctx, cfg)
	if err != nil {
		b.t.Fatal(err)
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	gdb, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{Logger: logger.Discard, SkipDefaultTransaction: true})
	if err != nil {
		b.t.Fatal(err)
	}
	d := &db.DB{Pool: pool, SQL: sqlDB, Gorm: gdb}
	defer d.Close()
	_, took := b.plan(b.service(d, nil), day, true)
	fmt.Printf("=== EXPLAIN %s as of %s: %v ===\n", title, day.Format(time.DateOnly), took)
	for _, p := range plans {
		fmt.Println(p)
	}
}

// TestReminderThroughput times 10,000 reminders handed to a local SMTP server (Mailpit) by a
// pool of workers calling SendAction, as River's queue would, each one prepared, sent and
// recorded.
func TestReminderThroughput(t *testing.T) {
	testenv.SkipUnlessBench(t, "dunning benchmarks")
	mp := testenv.StartMailpit(t)
	sender, err := mail.NewSender(mp.SMTPURL, "Relance <relance@relance.test>", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	timed := &timedSender{Sender: sender}
	b := newBench(t, timed)
	day, _ := planningDays()
	// One invoice per customer, due 7 to 13 days ago: the D+7 reminder, one email each.
	b.populate(reminders, reminders, day, func(rng *rand.Rand, _ int) int { return -7 - rng.IntN(7) })
	r, took := b.plan(b.svc, day, false)
	if r.Planned != reminders {
		t.Fatalf("planned %d actions, want %d", r.Planned, reminders)
	}
	t.Logf("planned %d reminders in %v", r.Planned, took)

	rows, err := b.db.Pool.Query(b.ctx, `SELECT id FROM dunning_actions WHERE organization_id = $1 AND status = 'queued'
		ORDER BY created_at, id`, b.org)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[uuid.UUID])
	if err != nil || len(ids) != reminders {
		t.Fatalf("queued: %v (%d)", err, len(ids))
	}

	queue := make(chan uuid.UUID, len(ids))
	for _, id := range ids {
		queue <- id
	}
	close(queue)
	var wg sync.WaitGroup
	var failures atomic.Int64
	var firstErr atomic.Value
	defer testenv.ProfileCPU(t)()
	cpu0 := b.cpuTimes()
	start := time.Now()
	for range sendWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range queue {
				if err := b.svc.SendAction(b.ctx, b.org, id, true); err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu1 := b.cpuTimes()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d sends failed, the first: %v", n, firstErr.Load())
	}
	var sent int
	if err := b.db.Pool.QueryRow(b.ctx, `SELECT count(*) FROM dunning_actions WHERE organization_id = $1 AND status = 'sent'
		AND smtp_response LIKE '2%'`, b.org).Scan(&sent); err != nil || sent != reminders {
		t.Fatalf("%d actions sent with an SMTP acceptance, want %d (%v)", sent, reminders, err)
	}
	report("reminders_sent", float64(sent), "messages")
	report("reminders_send_seconds", elapsed.Seconds(), "s")
	report("reminders_sent_per_s", float64(sent)/elapsed.Seconds(), "messages/s")
	// Where the time goes: the SMTP exchange itself against the rest (the two transactions of
	// each send, rendering), per message as one worker sees it.
	report("reminders_smtp_ms_per_message", float64(timed.total.Load())/1e6/float64(sent), "ms")
	report("reminders_worker_ms_per_message", elapsed.Seconds()*1000*sendWorkers/float64(sent), "ms")
	// The CPU each message costs, by process: what bounds the rate on a machine this size.
	for _, p := range []string{"relance", "postgres", "mailpit"} {
		if d := cpu1[p] - cpu0[p]; cpu0[p] > 0 || d > 0 {
			report("reminders_cpu_ms_per_message_"+p, float64(d.Milliseconds())/float64(sent), "ms")
		}
	}
}

// cpuTimes reads the CPU time used so far by this process (Relance's code), by the Postgres
// backends of the benchmark's database and by Mailpit (a child of this process), from /proc
// (Linux); what it cannot read is left out.
func (b *bench) cpuTimes() map[string]time.Duration {
	out := map[string]time.Duration{"relance": procCPU("self")}
	var pids []int
	if rows, err := b.db.Pool.Query(b.ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`); err == nil {
		pids, _ = pgx.CollectRows(rows, pgx.RowTo[int])
	}
	for _, pid := range pids {
		out["postgres"] += procCPU(strconv.Itoa(pid))
	}
	tasks, _ := filepath.Glob("/proc/self/task/*/children")
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		for _, pid := range strings.Fields(string(b)) {
			if comm, _ := os.ReadFile("/proc/" + pid + "/comm"); strings.TrimSpace(string(comm)) == "mailpit" {
				out["mailpit"] += procCPU(pid)
			}
		}
	}
	return out
}

// procCPU is the user and system time of /proc/<pid>, in clock ticks of 10 ms.
func procCPU(pid string) time.Duration {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]) // after "pid (comm)"
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// timedSender adds up the time spent handing messages to the SMTP server.
type timedSender struct {
	mail.Sender
	total atomic.Int64 // nanoseconds
}

func (s *timedSender) Send(ctx context.Context, m mail.Message) (mail.Receipt, error) {
	start := time.Now()
	r, err := s.Sender.Send(ctx, m)
	s.total.Add(int64(time.Since(start)))
	return r, err
}
