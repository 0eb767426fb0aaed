package mail

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// SendArgs is the River job that sends one message.
type SendArgs struct {
	Message Message `json:"message"`
}

// Kind names the job in the queue.
func (SendArgs) Kind() string { return "mail.send" }

// InsertOpts retries a failing SMTP server for about a day.
func (SendArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 12} }

// SendWorker works SendArgs jobs.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	Sender Sender
	Log    *slog.Logger
}

// Timeout bounds one SMTP conversation.
func (w *SendWorker) Timeout(*river.Job[SendArgs]) time.Duration { return time.Minute }

// Work sends the message; an error makes River retry with backoff.
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	r, err := w.Sender.Send(ctx, job.Args.Message)
	if err != nil {
		return err
	}
	w.Log.InfoContext(ctx, "email sent", "to", job.Args.Message.To, "subject", job.Args.Message.Subject, "message_id", r.MessageID)
	return nil
}
