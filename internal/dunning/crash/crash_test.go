// Package crash kills the real `relance worker` with SIGKILL while it sends reminders, restarts
// it, and checks that no reminder went out twice and none was lost: each is sent, or uncertain
// when the process died between handing it to the SMTP server and recording the answer.
package crash_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

const secret = "crash-test-secret-key-0123456789abcdef"

// TestKilledWhileSendingSendsNothingTwice: 600 reminders (1,000 and three kills under make
// bench), the worker killed at random points of the run, then restarted: 0 duplicates, and every
// reminder sent or uncertain.
func TestKilledWhileSendingSendsNothingTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	reminders, kills := 600, 2
	if testenv.Benchmarking() {
		reminders, kills = 1000, 3
	}
	bin := testenv.BuildRelance(t)
	dbURL := testenv.DatabaseURL(t)
	mp := testenv.StartMailpit(t)
	org := seed(t, dbURL, reminders)
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "RELANCE_SECRET_KEY="+secret, "SMTP_URL="+mp.SMTPURL,
		"RELANCE_PLANNER_EVERY=0", "RELANCE_SEND_TIMEOUT=2s", "RELANCE_JOB_RESCUE_AFTER=3s",
		"RELANCE_STORAGE_DIR="+t.TempDir(), "RELANCE_LOG_FORMAT=json")

	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("random seed %d", seed)
	logs := filepath.Join(t.TempDir(), "worker.log")
	db := openDB(t, dbURL)
	leftover := 0
	for k := range kills {
		// Kill points spread over the run: somewhere in the k-th slice of what is left to send.
		at := mp.Count(t) + 1 + rng.IntN(max(1, (reminders-mp.Count(t))/(kills-k+1)))
		w := startWorker(t, bin, env, logs)
		deadline := time.Now().Add(2 * time.Minute)
		for mp.Count(t) < at && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		// River works the queue in batches (a fetch, ten sends, a short cool-down), and a send is
		// over in milliseconds: the kill waits for a moment when a reminder is being handed to
		// the SMTP server (or a fifth of a second at most), the window where a resend duplicates.
		for until := time.Now().Add(200 * time.Millisecond); time.Now().Before(until); {
			if inFlight(t, db, org) > leftover {
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				break
			}
		}
		if err := w.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = w.Wait()
		leftover = inFlight(t, db, org) // they stay sending until the next worker's rescue
		t.Logf("kill %d after %d messages delivered, %d reminders left sending", k+1, mp.Count(t), leftover)
	}
	w := startWorker(t, bin, env, logs)
	waitSettled(t, dbURL, org, 3*time.Minute)
	_ = w.Process.Signal(syscall.SIGTERM)
	_ = w.Wait()

	// What arrived, per customer (one action each), against what the outbox says.
	perRecipient := mp.Recipients(t)
	duplicates := 0
	for _, n := range perRecipient {
		duplicates += n - 1
	}
	status := outbox(t, dbURL, org)
	sent, uncertain, arrived := 0, 0, 0
	for email, st := range status {
		switch st {
		case dunning.StatusSent:
			sent++
			if perRecipient[email] != 1 {
				t.Errorf("%s: recorded as sent, %d messages arrived", email, perRecipient[email])
			}
		case dunning.StatusUncertain:
			uncertain++
			arrived += perRecipient[email] // the server took it before the kill, or not: unknown to Relance
		default:
			t.Errorf("%s: reminder %s, want sent or uncertain", email, st)
		}
	}
	fmt.Printf("bench: crash_reminders %d messages\n", reminders)
	fmt.Printf("bench: crash_kills %d\n", kills)
	fmt.Printf("bench: crash_duplicates %d\n", duplicates)
	fmt.Printf("bench: crash_uncertain %d\n", uncertain)
	fmt.Printf("bench: crash_uncertain_arrived %d\n", arrived)
	fmt.Printf("bench: crash_sent %d\n", sent)
	if duplicates != 0 {
		t.Errorf("%d duplicate emails", duplicates)
	}
	if len(status) != reminders {
		t.Errorf("%d actions, want %d", len(status), reminders)
	}
	if sent+uncertain != reminders {
		t.Errorf("%d sent + %d uncertain, want %d", sent, uncertain, reminders)
	}
	if t.Failed() {
		if b, err := os.ReadFile(logs); err == nil {
			t.Logf("worker log (tail):\n%s", tail(string(b), 4000))
		}
	}
}

func startWorker(t *testing.T, bin string, env []string, logPath string) *exec.Cmd {
	t.Helper()
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	cmd := exec.Command(bin, "worker")
	cmd.Env, cmd.Stdout, cmd.Stderr = env, f, f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd
}

// seed makes an organisation of n customers, each with one invoice 20 days overdue and an
// accounting contact, and plans one reminder each (to be sent at once), as the scheduled pass
// would: the send jobs wait in the queue for the worker.
func seed(t *testing.T, dbURL string, n int) uuid.UUID {
	t.Helper()
	ctx := context.Background()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": dbURL, "RELANCE_SECRET_KEY": secret, "RELANCE_STORAGE_DIR": t.TempDir()}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	org := uuid.Must(uuid.NewV7())
	for _, q := range []string{
		`INSERT INTO organizations (id, name) VALUES ($1, 'Crash SAS')`,
		`INSERT INTO customers (id, organization_id, name, language, currency)
		 SELECT gen_random_uuid(), $1, 'Client ' || lpad(g::text, 4, '0'), 'fr', 'EUR' FROM generate_series(1, $2::int) g`,
		`INSERT INTO contacts (id, organization_id, customer_id, name, role, email)
		 SELECT gen_random_uuid(), $1, c.id, 'Claire Compta', 'accounting', lower(replace(c.name, ' ', '')) || '@client.test'
		   FROM customers c WHERE c.organization_id = $1`,
		`INSERT INTO invoices (id, organization_id, customer_id, number, issue_date, due_date, currency, total_cents, balance_cents, status)
		 SELECT gen_random_uuid(), $1, c.id, 'F-' || substr(c.name, 8), current_date - 50, current_date - 20, 'EUR', 12000, 12000, 'open'
		   FROM customers c WHERE c.organization_id = $1`,
	} {
		args := []any{org, n}
		if !strings.Contains(q, "$2") {
			args = args[:1]
		}
		if _, err := a.DB.Pool.Exec(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	r, err := a.Dunning.PlanDueActions(ctx, dunning.PlanOptions{Organization: &org, IgnoreWindow: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Planned != n {
		t.Fatalf("planned %d reminders, want %d", r.Planned, n)
	}
	return org
}

// outbox is each customer's reminder status, by the contact's address.
func outbox(t *testing.T, dbURL string, org uuid.UUID) map[string]string {
	t.Helper()
	d := openDB(t, dbURL)
	rows, err := d.Query(context.Background(), `SELECT k.email, a.status FROM dunning_actions a
		JOIN contacts k ON k.organization_id = a.organization_id AND k.customer_id = a.customer_id
		WHERE a.organization_id = $1`, org)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var email, status string
		if err := rows.Scan(&email, &status); err != nil {
			t.Fatal(err)
		}
		out[email] = status
	}
	return out
}

// inFlight is how many of org's reminders are being handed to the SMTP server.
func inFlight(t *testing.T, db *pgx.Conn, org uuid.UUID) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM dunning_actions
		WHERE organization_id = $1 AND status = 'sending'`, org).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitSettled waits until no reminder is queued or being sent.
func waitSettled(t *testing.T, dbURL string, org uuid.UUID, limit time.Duration) {
	t.Helper()
	d := openDB(t, dbURL)
	deadline := time.Now().Add(limit)
	for {
		var open int
		if err := d.QueryRow(context.Background(), `SELECT count(*) FROM dunning_actions
			WHERE organization_id = $1 AND status IN ('queued', 'sending')`, org).Scan(&open); err != nil {
			t.Fatal(err)
		}
		if open == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d reminders still queued or sending after %v", open, limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func openDB(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[strings.IndexByte(s[len(s)-n:], '\n')+len(s)-n:]
}
