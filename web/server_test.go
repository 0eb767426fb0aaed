package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/web/webtest"
)

func TestHealthAndMetrics(t *testing.T) {
	t.Parallel()
	e := webtest.New(t, webtest.Options{Config: func(c *config.Config) { c.MetricsToken = "metrics-secret-token" }})
	e.Call("GET", "/healthz", "", nil).Expect(http.StatusOK)
	e.Call("GET", "/readyz", "", nil).Expect(http.StatusOK)
	e.Signup("Acme", "owner@acme.test")
	e.Call("GET", "/metrics", "", nil).Problem(http.StatusUnauthorized)
	e.Call("GET", "/metrics", "not-the-token", nil).Problem(http.StatusUnauthorized)
	body := e.Call("GET", "/metrics", "metrics-secret-token", nil).Expect(http.StatusOK).Body.String()
	for _, want := range []string{
		`relance_http_requests_total{method="POST",route="/api/v1/auth/signup",status="201"} 1`,
		`relance_http_request_duration_seconds_bucket{method="POST",route="/api/v1/auth/signup"`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// /metrics was public. Without RELANCE_METRICS_TOKEN it is not on the public address at all
// (RELANCE_METRICS_ADDR serves it on a listener of its own: see cmd/relance).
func TestMetricsNotPublicByDefault(t *testing.T) {
	e := webtest.New(t, webtest.Options{})
	r := e.Call("GET", "/metrics", "", nil)
	r.Problem(http.StatusNotFound)
	if strings.Contains(r.Body.String(), "go_goroutines") {
		t.Fatal("metrics served")
	}
	rec := httptest.NewRecorder()
	e.Srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "go_goroutines") {
		t.Fatalf("the metrics handler for RELANCE_METRICS_ADDR: %d", rec.Code)
	}
}

func TestDashboardServedWithSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := webtest.New(t, webtest.Options{})
	for _, path := range []string{"/", "/settings/api-keys", "/invite/rli_abc"} {
		r := e.Call("GET", path, "", nil).Expect(http.StatusOK)
		if !strings.Contains(r.Body.String(), `<div id=root>`) {
			t.Errorf("%s did not serve index.html: %s", path, r.Body.String())
		}
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
			if r.Header().Get(h) == "" {
				t.Errorf("%s: no %s header", path, h)
			}
		}
	}
	r := e.Call("GET", "/assets/app-1.js", "", nil).Expect(http.StatusOK)
	if !strings.Contains(r.Header().Get("Cache-Control"), "immutable") || !strings.Contains(r.Body.String(), "relance") {
		t.Errorf("asset: %v %s", r.Header(), r.Body.String())
	}
	if e.Call("GET", "/api/v1/me", "", nil).Header().Get("Cache-Control") != "no-store" {
		t.Error("API answers may be cached")
	}
}

// lockedBuffer is a log the server's goroutines may write to while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Debtor-link, tracking and invitation tokens never reach the log, whatever the answer: the
// page, a download, an unknown link, and a 500 (once logged with the raw path under /p/).
func TestTokensNeverLogged(t *testing.T) {
	var logged lockedBuffer
	e := webtest.New(t, webtest.Options{Log: &logged})
	owner := e.Signup("Acme", "owner@acme.test")
	var cust api.CustomerResponse
	e.Call("POST", "/api/v1/customers", owner.AccessToken, map[string]any{"name": "Boulangerie Martin"}).
		Expect(http.StatusCreated).JSON(&cust)
	p, err := e.App.Auth.Authenticate(context.Background(), owner.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	link, err := e.App.Portal.CreateLink(context.Background(), p, uuid.MustParse(cust.ID), "claire@martin.test")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link.URL)
	page := u.Path
	token := strings.TrimPrefix(page, "/p/")
	e.Call("POST", "/api/v1/invitations", owner.AccessToken, map[string]string{"email": "new@acme.test", "role": "viewer"}).
		Expect(http.StatusCreated)
	invitation := e.InvitationToken("new@acme.test")

	e.Call("GET", page, "", nil).Expect(http.StatusOK)
	e.Call("GET", page+"/statement.csv", "", nil).Expect(http.StatusOK)
	e.Call("GET", "/p/"+strings.Repeat("g", 43), "", nil).Expect(http.StatusNotFound)
	e.Call("GET", "/invite/"+invitation, "", nil).Expect(http.StatusOK)
	e.Call("GET", "/t/o/"+token, "", nil)

	e.App.DB.Close() // every request below fails on our side
	e.Call("GET", page, "", nil).Expect(http.StatusInternalServerError)
	e.Call("GET", page+"/statement.pdf", "", nil).Expect(http.StatusInternalServerError)
	e.Call("POST", page+"/question", "", nil).Expect(http.StatusInternalServerError)

	out := logged.String()
	if strings.Count(out, "status=500") < 3 || !strings.Contains(out, "path=/p/:token/statement.pdf") {
		t.Fatalf("the requests were not logged:\n%s", out)
	}
	for _, secret := range []string{token, invitation, strings.Repeat("g", 43)} {
		if strings.Contains(out, secret) {
			t.Fatalf("a token reached the log:\n%s", out)
		}
	}
}
