package imports

import (
	"context"
	"errors"
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

// The queues of imports: one run and one reading at a time per process, so that the memory of
// the largest imports allowed (make bench: import_peak_rss_mb) does not multiply.
const (
	runQueue  = "imports_run"
	readQueue = "imports_read"
)

// InsertOpts: a run is one transaction, so running it again after a crash is safe.
func (RunArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, Queue: runQueue}
}

type runWorker struct {
	river.WorkerDefaults[RunArgs]
	svc *Service
}

// Timeout leaves room for the largest files.
func (w *runWorker) Timeout(*river.Job[RunArgs]) time.Duration { return time.Hour }

func (w *runWorker) Work(ctx context.Context, job *river.Job[RunArgs]) error {
	return jobOutcome(w.svc.Run(ctx, job.Args.OrganizationID, job.Args.ImportID, job.Args.Commit))
}

// DetectArgs is the job that reads an uploaded file's header and first rows.
type DetectArgs struct {
	ImportID       uuid.UUID `json:"import_id"`
	OrganizationID uuid.UUID `json:"organization_id"`
	// Remap proposes a new mapping from the headers found.
	Remap bool `json:"remap"`
}

// Kind names the job in the queue.
func (DetectArgs) Kind() string { return "imports.detect" }

// InsertOpts: reading changes nothing but the import's row, so running it again is safe.
func (DetectArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, Queue: readQueue}
}

type detectWorker struct {
	river.WorkerDefaults[DetectArgs]
	svc *Service
}

// Timeout bounds the reading of the largest workbook allowed (it unzips and scans it once).
func (w *detectWorker) Timeout(*river.Job[DetectArgs]) time.Duration { return 10 * time.Minute }

func (w *detectWorker) Work(ctx context.Context, job *river.Job[DetectArgs]) error {
	return jobOutcome(w.svc.Detect(ctx, job.Args.OrganizationID, job.Args.ImportID, job.Args.Remap))
}

// jobOutcome cancels the job of a refused file (the failure is already recorded on the import,
// and the same file would fail the same way): River does not retry it.
func jobOutcome(err error) error {
	var refused refusedError
	if errors.As(err, &refused) {
		return river.JobCancel(refused.err)
	}
	return err
}
