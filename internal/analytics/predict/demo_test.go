package predict_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/internal/analytics/predict"
	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/demo"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/testenv"
)

// TestDemoBacktest back-tests the last year of the demo organisation's ledger (a small one:
// about 300 settled invoices, uniform delays, short histories).
func TestDemoBacktest(t *testing.T) {
	cfg := config.Config{DatabaseURL: testenv.DatabaseURL(t), BaseURL: "http://localhost:8080",
		SecretKey: strings.Repeat("test-secret-", 4), Env: "development", LogFormat: "text", StorageDir: t.TempDir()}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	ctx := context.Background()
	if _, err := demo.Seed(ctx, a); err != nil {
		t.Fatal(err)
	}
	var org [16]byte
	if err := a.DB.Pool.QueryRow(ctx, `SELECT id FROM organization_profiles WHERE name = $1`, demo.Organization).Scan(&org); err != nil {
		t.Fatal(err)
	}
	to := time.Now().UTC().Truncate(24 * time.Hour)
	r, err := predict.Backtest(ctx, a.DB.Pool, org, to.AddDate(0, 0, -365), to)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo: %d invoices, model %.2f days, due date %.2f, customer mean %.2f, P10-P90 holds %.0f %%",
		r.Invoices, r.MAEDays, r.DueDateMAE, r.CustomerMeanMAE, 100*r.Within)
	if r.Invoices == 0 {
		t.Fatal("nothing back-tested on the demo")
	}
	if r.MAEDays >= r.DueDateMAE {
		t.Errorf("on the demo the model (%.2f days) does no better than the due date (%.2f)", r.MAEDays, r.DueDateMAE)
	}
}
