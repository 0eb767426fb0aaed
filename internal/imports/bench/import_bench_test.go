// Package bench measures invoice imports against a plain COPY of the same file. It runs only
// when RELANCE_BENCH is set (`make bench`): `go test ./...` skips it without starting Postgres.
package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"golang.org/x/text/encoding/charmap"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/imports"
	"github.com/relance/relance/internal/platform/blob"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/testenv"
)

const (
	benchInvoices  = 100_000
	benchCustomers = 5_000
	copyRuns       = 3
)

func TestMain(m *testing.M) { testenv.BenchMain(m) }

// TestImportThroughput prints the import's rows per second and its ratio to a plain COPY of
// the same file into an unindexed table, as `bench: <name> <value> <unit>` lines.
func TestImportThroughput(t *testing.T) {
	testenv.SkipUnlessBench(t, "import benchmark")
	ctx := context.Background()
	d := testenv.DB(t)
	file := filepath.Join(t.TempDir(), "factures.csv")
	start := time.Now()
	size := writeInvoices(t, file)
	report("generated_file_mb", float64(size)/(1<<20), "MB")
	t.Logf("generated %d invoices in %v", benchInvoices, time.Since(start))

	copyTime := plainCopy(t, ctx, d, file)
	copyRate := benchInvoices / copyTime.Seconds()
	report("copy_rows_per_s", copyRate, "rows/s")

	files, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// An insert-only queue: the jobs are run here, in this goroutine, to time them.
	queue := jobs.NewQueue()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := imports.NewService(imports.ServiceOptions{DB: d, Jobs: queue, Files: files, Log: log})
	if err := queue.Open(d, log, jobs.Options{}); err != nil {
		t.Fatal(err)
	}
	p := newOrganization(t, ctx, d)

	took, r := importFile(t, ctx, svc, d, p, file)
	if r.Created != benchInvoices || r.CustomersCreated != benchCustomers || r.ErrorRows != 0 {
		t.Fatalf("import: %+v", r)
	}
	importRate := benchInvoices / took.Seconds()
	report("import_invoices_rows_per_s", importRate, "rows/s")
	report("import_invoices_seconds", took.Seconds(), "s")
	report("import_vs_copy_ratio", importRate/copyRate, "ratio")

	took, r = importFile(t, ctx, svc, d, p, file)
	if r.Unchanged != benchInvoices {
		t.Fatalf("re-import: %+v", r)
	}
	report("reimport_unchanged_rows_per_s", benchInvoices/took.Seconds(), "rows/s")

	ledgerTime := copyIntoLedger(t, ctx, d)
	ledgerRate := benchInvoices / ledgerTime.Seconds()
	report("copy_into_invoices_rows_per_s", ledgerRate, "rows/s")
	report("import_vs_ledger_copy_ratio", importRate/ledgerRate, "ratio")
}

func report(name string, value float64, unit string) {
	format := "bench: %s %.0f %s\n"
	if value < 100 {
		format = "bench: %s %.2f %s\n"
	}
	fmt.Printf(format, name, value, unit)
}

// writeInvoices writes a French accounting export (Windows-1252, semicolons, decimal commas,
// dd/mm/yyyy) of benchInvoices invoices over benchCustomers customers.
func writeInvoices(t *testing.T, path string) int64 {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(charmap.Windows1252.NewEncoder().Writer(f), 1<<20)
	fmt.Fprint(w, "N° facture;Code client;Raison sociale;Date facture;Date d'échéance;Montant TTC;TVA\r\n")
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= benchInvoices; i++ {
		c := rng.IntN(benchCustomers) + 1
		if i <= benchCustomers {
			c = i // every customer has at least one invoice
		}
		issue := base.AddDate(0, 0, rng.IntN(540))
		total := int64(rng.IntN(5_000_000) + 1_000)
		fmt.Fprintf(w, "FA-%07d;CL%05d;Société n°%d SARL;%s;%s;%s;%s\r\n", i, c, c,
			issue.Format("02/01/2006"), issue.AddDate(0, 0, 30).Format("02/01/2006"),
			frenchAmount(total), frenchAmount(total/6))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	return st.Size()
}

// frenchAmount writes 123456789 as "1 234 567,89".
func frenchAmount(cents int64) string {
	units := fmt.Sprint(cents / 100)
	var b strings.Builder
	for i, r := range units {
		if i > 0 && (len(units)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s,%02d", b.String(), cents%100)
}

// plainCopy is the yardstick: COPY of the file, as it is, into a table without index.
func plainCopy(t *testing.T, ctx context.Context, d *db.DB, path string) time.Duration {
	conn, err := d.Pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `CREATE TABLE bench_copy (number text, customer_code text, customer_name text,
		issue_date text, due_date text, total text, tax text)`); err != nil {
		t.Fatal(err)
	}
	var runs []time.Duration
	for i := 0; i < copyRuns; i++ {
		if _, err := conn.Exec(ctx, `TRUNCATE bench_copy`); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		tag, err := conn.Conn().PgConn().CopyFrom(ctx, f,
			`COPY bench_copy FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'WIN1252')`)
		runs = append(runs, time.Since(start))
		f.Close()
		if err != nil || tag.RowsAffected() != benchInvoices {
			t.Fatalf("copy: %v (%d rows)", err, tag.RowsAffected())
		}
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i] < runs[j] })
	return runs[len(runs)/2]
}

func newOrganization(t *testing.T, ctx context.Context, d *db.DB) auth.Principal {
	org := testenv.Organization(t, d, "Bench")
	return auth.Principal{OrganizationID: org, APIKeyID: uuid.Must(uuid.NewV7()), Role: auth.RoleAdmin}
}

// importFile uploads the file, reads it and times the commit job, run in this goroutine.
func importFile(t *testing.T, ctx context.Context, svc *imports.Service, d *db.DB, p auth.Principal, path string) (time.Duration, imports.Report) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im, err := svc.Upload(ctx, p, imports.KindInvoices, filepath.Base(path), f)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Detect(ctx, p.OrganizationID, im.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Pool.Exec(ctx, `UPDATE imports SET status = 'importing' WHERE id = $1`, im.ID); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("RELANCE_BENCH_STEPS") != "" {
		ctx = imports.WithTiming(ctx, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	}
	start := time.Now()
	if err := svc.Run(ctx, p.OrganizationID, im.ID, true); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if im, err = svc.Get(ctx, p, im.ID); err != nil || im.Status != imports.StatusDone {
		t.Fatalf("import %s: %v %s", im.Status, err, im.Failure)
	}
	return took, *im.Report
}

// copyIntoLedger times a binary COPY of the same invoices, already parsed and with their
// customers, straight into the invoices table of another organisation: the least any import
// must pay for the table's indexes and constraints.
func copyIntoLedger(t *testing.T, ctx context.Context, d *db.DB) time.Duration {
	org := testenv.Organization(t, d, "Ledger copy")
	_, err := d.Pool.Exec(ctx, `INSERT INTO customers (id, organization_id, name)
		SELECT gen_random_uuid(), $1, 'Customer ' || n FROM generate_series(1, $2::int) n`, org, benchCustomers)
	if err != nil {
		t.Fatal(err)
	}
	var customers []uuid.UUID
	if err := d.Pool.QueryRow(ctx, `SELECT array_agg(id) FROM customers WHERE organization_id = $1`, org).Scan(&customers); err != nil {
		t.Fatal(err)
	}
	rows := make([][]any, benchInvoices)
	issue := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		rows[i] = []any{[16]byte(uuid.Must(uuid.NewV7())), [16]byte(org), [16]byte(customers[i%len(customers)]), fmt.Sprintf("FA-%07d", i+1),
			issue, issue.AddDate(0, 0, 30), "EUR", int64(10000 + i), int64(1000), int64(10000 + i)}
	}
	start := time.Now()
	_, err = d.Pool.CopyFrom(ctx, pgx.Identifier{"invoices"}, []string{"id", "organization_id", "customer_id", "number",
		"issue_date", "due_date", "currency", "total_cents", "tax_cents", "balance_cents"}, pgx.CopyFromRows(rows))
	if err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}
