package auth

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// CleanupArgs is the periodic job that forgets old login failures and dead refresh tokens.
type CleanupArgs struct{}

// Kind names the job in the queue.
func (CleanupArgs) Kind() string { return "auth.cleanup" }

// InsertOpts keeps at most one cleanup per hour in the queue, whatever the number of workers.
func (CleanupArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
}

type cleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	s *Service
}

func (w *cleanupWorker) Work(ctx context.Context, _ *river.Job[CleanupArgs]) error {
	return w.s.Cleanup(ctx)
}

// Cleanup deletes login failures out of the throttling window, and refresh tokens and
// password-reset links expired (or revoked) more than a day ago.
func (s *Service) Cleanup(ctx context.Context) error {
	db := s.db.WithContext(ctx)
	now := s.now()
	if err := db.Exec(`DELETE FROM login_failures WHERE failed_at < ?`, now.Add(-throttleWindow)).Error; err != nil {
		return err
	}
	if err := db.Exec(`DELETE FROM password_resets WHERE expires_at < ?`, now.Add(-24*time.Hour)).Error; err != nil {
		return err
	}
	return db.Exec(`DELETE FROM refresh_tokens WHERE expires_at < ? OR revoked_at < ?`, now.Add(-24*time.Hour), now.Add(-24*time.Hour)).Error
}
