package bench

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/relance/relance/internal/platform/db"
)

// Temporary: populates an external database for EXPLAIN experiments.
func TestScratch(t *testing.T) {
	url := os.Getenv("RELANCE_SCRATCH_DSN")
	if url == "" {
		t.Skip()
	}
	d, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Migrate(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	d.Close()
	b := newBenchOn(t, url, nil)
	day1, _ := planningDays()
	b.populate(plannerCustomers, plannerInvoices, day1, func(rng *rand.Rand, _ int) int { return rng.IntN(181) - 150 })
	t.Logf("org %s", b.org)
}
