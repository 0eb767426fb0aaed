package testenv

import (
	"fmt"
	"net/http"
	"os/exec"
	"testing"
	"time"
)

// StripeMock is a running stripe-mock: Stripe's API answered from its OpenAPI fixtures,
// stateless (what is created is not kept).
type StripeMock struct {
	URL string // http://127.0.0.1:port, for STRIPE_API_BASE
}

// StartStripeMock runs a stripe-mock of t's own on loopback ports, stopped when t ends.
func StartStripeMock(t testing.TB) *StripeMock {
	t.Helper()
	bin, err := Tool("stripe-mock")
	if err != nil {
		t.Fatal(err)
	}
	httpPort, err1 := FreePort()
	httpsPort, err2 := FreePort()
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	// Without -https-addr it would also listen on [::]:12112.
	cmd := exec.Command(bin, "-http-addr", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"-https-addr", fmt.Sprintf("127.0.0.1:%d", httpsPort))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	m := &StripeMock{URL: fmt.Sprintf("http://127.0.0.1:%d", httpPort)}
	waitStripeMock(t, m.URL, 15*time.Second)
	return m
}

// waitStripeMock waits until the mock answers an authenticated request.
func waitStripeMock(t testing.TB, base string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequest(http.MethodGet, base+"/v1/balance", nil)
		req.SetBasicAuth("sk_test_123", "")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("testenv: stripe-mock at %s not ready after %s: %v", base, timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
