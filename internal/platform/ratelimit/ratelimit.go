// Package ratelimit counts requests per key in fixed windows, in Postgres, so that every server
// behind a load balancer sees the same counts: signups per address, password-reset requests per
// account, the debtor page's forms per link… Past a rule's limit the caller waits for the next
// window (a 429 with Retry-After).
package ratelimit

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/jobs"
)

// Rule is one limit: at most Limit hits per subject in each Window.
type Rule struct {
	Name   string // key prefix, e.g. "signup-ip"
	Limit  int
	Window time.Duration // divides a day (1m, 15m, 1h…)
}

// ErrTooMany is the message of every refusal.
var ErrTooMany = errs.New(errs.KindTooManyRequests, "ratelimit.too_many_requests")

// Limiter counts hits.
type Limiter struct {
	db  *gorm.DB
	now func() time.Time
}

// New returns a limiter on db and registers its hourly cleanup on q.
func New(db *gorm.DB, q *jobs.Queue) *Limiter {
	l := &Limiter{db: db, now: time.Now}
	jobs.AddWorker(q, &cleanupWorker{l: l})
	q.Every("ratelimit.cleanup", time.Hour, func() river.JobArgs { return CleanupArgs{} })
	return l
}

// SetClock makes the limiter read the time from now (tests pin it, so that a run never
// straddles two windows).
func (l *Limiter) SetClock(now func() time.Time) { l.now = now }

func (r Rule) key(subject string) string { return r.Name + ":" + subject }

func (r Rule) window(now time.Time) time.Time { return now.UTC().Truncate(r.Window) }

// Take counts one hit of subject under r, in one statement (concurrent hits never both slip
// under the limit). Past the limit it returns ErrTooMany with the wait until the next window.
func (l *Limiter) Take(ctx context.Context, r Rule, subject string) error {
	now := l.now()
	start := r.window(now)
	var hits int
	err := l.db.WithContext(ctx).Raw(`INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
		r.key(subject), start).Scan(&hits).Error
	if err != nil {
		return err
	}
	if hits > r.Limit {
		wait := start.Add(r.Window).Sub(now).Round(time.Second) + time.Second
		return ErrTooMany.RetryIn(wait)
	}
	return nil
}

// Refund takes back a hit Take counted, for a request that turned out not to count (a form
// refused for what was typed in it).
func (l *Limiter) Refund(ctx context.Context, r Rule, subject string) error {
	return l.db.WithContext(ctx).Exec(`UPDATE rate_limits SET hits = hits - 1 WHERE key = ? AND window_start = ? AND hits > 0`,
		r.key(subject), r.window(l.now())).Error
}

// CleanupArgs is the periodic job that forgets windows over a day old.
type CleanupArgs struct{ jobs.OncePerHour }

// Kind names the job in the queue.
func (CleanupArgs) Kind() string { return "ratelimit.cleanup" }

type cleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	l *Limiter
}

func (w *cleanupWorker) Work(ctx context.Context, _ *river.Job[CleanupArgs]) error {
	return w.l.db.WithContext(ctx).Exec(`DELETE FROM rate_limits WHERE window_start < ?`, w.l.now().Add(-24*time.Hour)).Error
}
