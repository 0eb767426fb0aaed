// Package jobs runs Relance's background work on Postgres with River, and lets domains enqueue
// jobs inside their GORM transactions.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/db"
)

// Client is River's client over database/sql, so that jobs join GORM transactions.
type Client = river.Client[*sql.Tx]

// Queue is handed to domains at construction: they add their workers and periodic jobs to it,
// then Open builds the River client and Enqueue works.
type Queue struct {
	workers  *river.Workers
	periodic []periodicJob
	queues   map[string]int // queues of their own → at most so many jobs at a time
	client   *Client
}

// NewQueue returns a queue with no workers yet.
func NewQueue() *Queue { return &Queue{workers: river.NewWorkers(), queues: map[string]int{}} }

// AddQueue declares a queue of its own, working at most maxWorkers of its jobs at a time in
// each process: for jobs whose cost (memory) must not multiply, such as imports. Jobs go there
// with InsertOpts{Queue: name}.
func (q *Queue) AddQueue(name string, maxWorkers int) { q.queues[name] = maxWorkers }

// AddWorker registers the worker of one job kind.
func AddWorker[T river.JobArgs](q *Queue, w river.Worker[T]) { river.AddWorker(q.workers, w) }

// OncePerHour, embedded in a periodic job's args, keeps at most one such job per hour in the
// queue, whatever the number of workers.
type OncePerHour struct{}

// InsertOpts makes the job unique per hour.
func (OncePerHour) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
}

// periodicJob is a job run every interval on the elected leader.
type periodicJob struct {
	id       string
	interval time.Duration
	args     func() river.JobArgs
}

// Every adds a periodic job run every interval (and once at start) on the elected leader.
func (q *Queue) Every(id string, interval time.Duration, args func() river.JobArgs) {
	q.periodic = append(q.periodic, periodicJob{id, interval, args})
}

// periodicJobs are River's periodic jobs. In tests they do not run at start: a test enqueues the
// job it exercises, and a run at start would race the data it is setting up.
func (q *Queue) periodicJobs(onStart bool) []*river.PeriodicJob {
	var out []*river.PeriodicJob
	for _, p := range q.periodic {
		args := p.args
		out = append(out, river.NewPeriodicJob(river.PeriodicInterval(p.interval),
			func() (river.JobArgs, *river.InsertOpts) { return args(), nil },
			&river.PeriodicJobOpts{ID: p.id, RunOnStart: onStart}))
	}
	return out
}

// Options tune the client.
type Options struct {
	Work     bool // work jobs (serve, worker); false gives an insert-only client (migrate, seed)
	Workers  int  // concurrent jobs in the default queue
	TestOnly bool // River's test mode: faster start-up
	// RescueAfter: a job running longer than this (and than its worker's own timeout) is taken
	// for the job of a dead worker and run again; 0 keeps River's default of an hour.
	RescueAfter time.Duration
}

// Open builds the River client. Call Client().Start to work jobs when opts.Work is set.
func (q *Queue) Open(d *db.DB, log *slog.Logger, opts Options) error {
	cfg := &river.Config{Logger: log, Workers: q.workers, TestOnly: opts.TestOnly}
	if opts.Work {
		n := opts.Workers
		if n <= 0 {
			n = 10
		}
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}}
		for name, max := range q.queues {
			cfg.Queues[name] = river.QueueConfig{MaxWorkers: max}
		}
		cfg.PeriodicJobs = q.periodicJobs(!opts.TestOnly)
		if opts.RescueAfter > 0 {
			cfg.RescueStuckJobsAfter = opts.RescueAfter
			cfg.JobTimeout = min(time.Minute, opts.RescueAfter) // River wants rescue ≥ the default timeout
		}
	}
	c, err := river.NewClient(riverdatabasesql.NewWithPgxListener(d.SQL, d.Pool), cfg)
	if err != nil {
		return fmt.Errorf("jobs: new client: %w", err)
	}
	q.client = c
	return nil
}

// Client is the River client, nil before Open.
func (q *Queue) Client() *Client { return q.client }

// Tx returns the database/sql transaction under a GORM transaction, for Client.InsertTx.
func Tx(tx *gorm.DB) (*sql.Tx, error) {
	switch p := tx.Statement.ConnPool.(type) {
	case *sql.Tx:
		return p, nil
	case *gorm.PreparedStmtTX:
		if t, ok := p.Tx.(*sql.Tx); ok {
			return t, nil
		}
	}
	return nil, errors.New("jobs: enqueue needs a GORM transaction")
}

// Enqueue inserts args as a job inside the GORM transaction tx: the job exists only if tx commits.
func (q *Queue) Enqueue(ctx context.Context, tx *gorm.DB, args river.JobArgs) error {
	if q.client == nil {
		return errors.New("jobs: queue not opened")
	}
	sqlTx, err := Tx(tx)
	if err != nil {
		return err
	}
	if _, err := q.client.InsertTx(ctx, sqlTx, args, nil); err != nil {
		return fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	return nil
}
