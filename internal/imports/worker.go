package imports

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
)

// RunArgs is the job that dry-runs or commits one import.
type RunArgs struct {
	ImportID       uuid.UUID `json:"import_id"`
	OrganizationID uuid.UUID `json:"organization_id"`
	Commit         bool      `json:"commit"`
}

// Kind names the job in the queue.
func (RunArgs) Kind() string { return "imports.run" }

// InsertOpts: a run is one transaction, so running it again after a crash is safe.
func (RunArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 3} }

type runWorker struct {
	river.WorkerDefaults[RunArgs]
	svc *Service
}

// Timeout leaves room for the largest files.
func (w *runWorker) Timeout(*river.Job[RunArgs]) time.Duration { return time.Hour }

func (w *runWorker) Work(ctx context.Context, job *river.Job[RunArgs]) error {
	return w.svc.Run(ctx, job.Args.OrganizationID, job.Args.ImportID, job.Args.Commit)
}
