package portal

import (
	"context"

	"github.com/riverqueue/river"
)

// PromiseCheckArgs is the hourly job closing promises whose date plus the grace days has passed:
// kept when their invoices are paid, else broken (the planner then resumes by itself, since
// only open promises hold reminders back).
type PromiseCheckArgs struct{}

// Kind names the job in the queue.
func (PromiseCheckArgs) Kind() string { return "portal.check_promises" }

type promiseCheckWorker struct {
	river.WorkerDefaults[PromiseCheckArgs]
	s *Service
}

func (w *promiseCheckWorker) Work(ctx context.Context, _ *river.Job[PromiseCheckArgs]) error {
	kept, broken, err := w.s.CheckPromises(ctx)
	if err != nil {
		return err
	}
	if kept+broken > 0 {
		w.s.opts.Log.InfoContext(ctx, "promises checked", "kept", kept, "broken", broken)
	}
	return nil
}

// CheckPromises closes the due promises of every organisation (dunning.CheckPromises), as of
// the page's clock.
func (s *Service) CheckPromises(ctx context.Context) (kept, broken int, err error) {
	return s.opts.Dunning.CheckPromises(ctx, s.opts.Now())
}
