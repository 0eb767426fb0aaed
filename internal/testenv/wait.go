package testenv

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// WaitHTTP waits until url answers 200.
func WaitHTTP(t testing.TB, url string, timeout time.Duration) {
	t.Helper()
	if err := waitOK(getter(url), timeout, nil); err != nil {
		t.Fatalf("testenv: %v", err)
	}
}

// getter builds a plain GET of url.
func getter(url string) func() (*http.Request, error) {
	return func() (*http.Request, error) { return http.NewRequest(http.MethodGet, url, nil) }
}

// waitOK sends the request req builds every 50ms until it is answered 200; it gives up when
// the timeout passes or exited (if not nil) closes, as a process that exits does.
func waitOK(req func() (*http.Request, error), timeout time.Duration, exited <-chan struct{}) error {
	deadline := time.Now().Add(timeout)
	for {
		r, err := req()
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(r)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return fmt.Errorf("%s: the process exited", r.URL)
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready after %s: %v", r.URL, timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
