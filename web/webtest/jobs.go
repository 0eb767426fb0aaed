package webtest

import (
	"context"
	"time"
)

// MailJobs waits until every email job matching where (a condition on river_job, e.g. on
// args->'message') has finished, successfully or for good, and returns how many there are. A
// "no duplicate" check then counts what was queued instead of sleeping and hoping a duplicate
// would have arrived by then: once the jobs are final, nothing more will be sent.
func (e *Env) MailJobs(where string, args ...any) (completed, total int) {
	e.T.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var pending int
		err := e.App.DB.Pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE state = 'completed'), count(*),
			count(*) FILTER (WHERE state NOT IN ('completed', 'discarded', 'cancelled'))
			FROM river_job WHERE kind = 'mail.send' AND (`+where+`)`, args...).Scan(&completed, &total, &pending)
		if err != nil {
			e.T.Fatal(err)
		}
		if pending == 0 {
			return completed, total
		}
		if time.Now().After(deadline) {
			e.T.Fatalf("%d email jobs still unfinished after 30 s", pending)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
