package api_test

func (e *env) mailJobs(where string, args ...any) (completed, total int) {
	e.t.Helper()
	return e.MailJobs(where, args...)
}
