package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// env is a running Relance for one test: its own database, Mailpit and workers, served in-process.
type env struct {
	t    *testing.T
	app  *app.App
	srv  *api.Server
	mail *testenv.Mailpit
}

var spa = fstest.MapFS{
	"index.html":      {Data: []byte("<!doctype html><title>Relance</title><div id=root></div>")},
	"assets/app-1.js": {Data: []byte("console.log('relance')")},
}

func newEnv(t *testing.T) *env { t.Helper(); return newEnvWith(t, envOptions{}) }

// envOptions change what newEnvWith builds: a log of every level into a writer of the test's,
// and settings of the test's.
type envOptions struct {
	log    io.Writer
	config func(*config.Config)
}

func newEnvWith(t *testing.T, o envOptions) *env {
	t.Helper()
	mp := testenv.StartMailpit(t)
	cfg := config.Config{
		DatabaseURL: testenv.DatabaseURL(t), Addr: "127.0.0.1:0", BaseURL: "http://localhost:8080",
		SecretKey: strings.Repeat("test-secret-", 4), Env: "development", LogFormat: "text",
		SMTPURL: mp.SMTPURL, MailFrom: "Relance <relance@relance.test>", StorageDir: t.TempDir(),
		PlannerEvery: "0", // tests run the planner themselves
	}
	// Errors (the causes of 500s) are shown in the failing test's output.
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))
	if o.log != nil {
		log = slog.New(slog.NewTextHandler(io.MultiWriter(o.log, testWriter{t}), &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	if o.config != nil {
		o.config(&cfg)
	}
	a, err := app.New(context.Background(), cfg, log, jobs.Options{Work: true, TestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.StartWorkers(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = a.StopWorkers(ctx)
		a.Close()
	})
	return &env{t: t, app: a, srv: api.New(a, spa), mail: mp}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// response is an HTTP answer with helpers to read it.
type response struct {
	*httptest.ResponseRecorder
	t *testing.T
}

func (r response) json(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		r.t.Fatalf("decode %s: %v", r.Body.String(), err)
	}
}

// problem decodes a problem+json answer and checks its status and content type.
func (r response) problem(status int) api.Problem {
	r.t.Helper()
	r.expect(status)
	if ct := r.Header().Get("Content-Type"); ct != "application/problem+json" {
		r.t.Fatalf("content type %q, want application/problem+json", ct)
	}
	var p api.Problem
	r.json(&p)
	if p.Status != status || p.RequestID == "" || p.Detail == "" {
		r.t.Fatalf("incomplete problem: %+v", p)
	}
	return p
}

func (r response) expect(status int) response {
	r.t.Helper()
	if r.Code != status {
		r.t.Fatalf("status %d, want %d: %s", r.Code, status, r.Body.String())
	}
	return r
}

// call sends a request as if from 127.0.0.1 with an optional bearer token and JSON body.
func (e *env) call(method, path, token string, body any) response {
	return e.callFrom("127.0.0.1", method, path, token, body)
}

func (e *env) callFrom(ip, method, path, token string, body any) response {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	return e.send(ip, method, path, token, rd, body != nil)
}

// send sends a request from ip with an optional bearer token; json says the body is JSON.
func (e *env) send(ip, method, path, token string, rd io.Reader, json bool) response {
	e.t.Helper()
	req := httptest.NewRequest(method, path, rd)
	req.RemoteAddr = ip + ":40000"
	if json {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return response{rec, e.t}
}

// signup creates an organisation with its owner and returns the owner's session.
func (e *env) signup(org, email string) api.TokenResponse {
	e.t.Helper()
	var tok api.TokenResponse
	e.call("POST", "/api/v1/auth/signup", "", map[string]string{
		"organization_name": org, "name": "Owner of " + org, "email": email, "password": "correct horse battery", "locale": "en",
	}).expect(http.StatusCreated).json(&tok)
	return tok
}

// join invites email into the organisation of the admin token with role, accepts the invitation
// through the emailed link, and returns the new member's session.
func (e *env) join(adminToken, email, role string) api.TokenResponse {
	e.t.Helper()
	e.call("POST", "/api/v1/invitations", adminToken, map[string]string{"email": email, "role": role}).expect(http.StatusCreated)
	token := e.invitationToken(email)
	var tok api.TokenResponse
	e.call("POST", "/api/v1/invitations/accept", "", map[string]string{
		"token": token, "name": "Member " + email, "password": "correct horse battery",
	}).expect(http.StatusOK).json(&tok)
	return tok
}

// invitationToken reads the invitation link out of the email that arrived for address.
func (e *env) invitationToken(address string) string {
	e.t.Helper()
	msg := e.mail.WaitForEmail(e.t, address, 15*time.Second)
	i := strings.Index(msg.Text, "/invite/")
	if i < 0 {
		e.t.Fatalf("no invitation link in %q", msg.Text)
	}
	return strings.Fields(msg.Text[i+len("/invite/"):])[0]
}

func (e *env) me(token string) api.MeResponse {
	e.t.Helper()
	var me api.MeResponse
	e.call("GET", "/api/v1/me", token, nil).expect(http.StatusOK).json(&me)
	return me
}
