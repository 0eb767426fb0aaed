package ratelimit_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/platform/ratelimit"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// Concurrent hits never slip past the limit together; other subjects and rules keep their own
// counts; a refund gives one hit back.
func TestTakeCountsConcurrentHitsExactly(t *testing.T) {
	l := ratelimit.New(testenv.DB(t).Gorm, jobs.NewQueue())
	now := time.Now()
	l.SetClock(func() time.Time { return now })
	rule := ratelimit.Rule{Name: "test", Limit: 10, Window: time.Hour}
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed, refused := 0, 0
	for i := 0; i < 25; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := l.Take(ctx, rule, "127.0.0.1")
			var de *errs.Error
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				allowed++
			case errors.As(err, &de) && de.Kind == errs.KindTooManyRequests && de.RetryAfter > 0 && de.RetryAfter <= time.Hour+time.Second:
				refused++
			default:
				t.Errorf("take: %v", err)
			}
		}()
	}
	wg.Wait()
	if allowed != 10 || refused != 15 {
		t.Fatalf("%d allowed, %d refused; want 10 and 15", allowed, refused)
	}
	if err := l.Take(ctx, rule, "127.0.0.2"); err != nil {
		t.Fatalf("another subject: %v", err)
	}
	if err := l.Take(ctx, ratelimit.Rule{Name: "other", Limit: 1, Window: time.Minute}, "127.0.0.1"); err != nil {
		t.Fatalf("another rule: %v", err)
	}
	other := ratelimit.Rule{Name: "refund", Limit: 1, Window: time.Hour}
	if err := l.Take(ctx, other, "x"); err != nil {
		t.Fatal(err)
	}
	if err := l.Refund(ctx, other, "x"); err != nil {
		t.Fatal(err)
	}
	if err := l.Take(ctx, other, "x"); err != nil {
		t.Fatalf("after a refund: %v", err)
	}
	if err := l.Take(ctx, other, "x"); err == nil {
		t.Fatal("past the limit after a refund")
	}
}
