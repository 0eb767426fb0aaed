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
	// Ready when it answers an authenticated request.
	balance := func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodGet, m.URL+"/v1/balance", nil)
		if err == nil {
			req.SetBasicAuth("sk_test_123", "")
		}
		return req, err
	}
	if err := waitOK(balance, 15*time.Second, nil); err != nil {
		t.Fatalf("testenv: stripe-mock: %v", err)
	}
	return m
}
