// Package webtest runs Relance in-process for the tests of both doors (api and web/portal): a
// fresh database, Mailpit and the workers, the whole HTTP server (web.New), and helpers to
// call the JSON API and to browse the debtor's pages as a browser would.
package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/platform/jobs"
	"github.com/relance/relance/internal/testenv"
	"github.com/relance/relance/web"
)

// Env is a running Relance for one test: its own database, Mailpit and workers, served in-process.
type Env struct {
	T    *testing.T
	App  *app.App
	Srv  *web.Server
	Mail *testenv.Mailpit
}

// SPA stands in for frontend/dist.
var SPA = fstest.MapFS{
	"index.html":      {Data: []byte("<!doctype html><title>Relance</title><div id=root></div>")},
	"assets/app-1.js": {Data: []byte("console.log('relance')")},
}

// Options change what New builds: a log of every level into a writer of the test's, and
// settings of the test's.
type Options struct {
	Log    io.Writer
	Config func(*config.Config)
}

// New starts a Relance for t.
func New(t *testing.T, o Options) *Env {
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
	if o.Log != nil {
		log = slog.New(slog.NewTextHandler(io.MultiWriter(o.Log, testWriter{t}), &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	if o.Config != nil {
		o.Config(&cfg)
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
	return &Env{T: t, App: a, Srv: web.New(a, SPA), Mail: mp}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// Serve sends req to the server, as from ip (127.0.0.1 when ""), and returns the answer.
func (e *Env) Serve(ip string, req *http.Request) Response {
	if ip == "" {
		ip = "127.0.0.1"
	}
	req.RemoteAddr = ip + ":40000"
	rec := httptest.NewRecorder()
	e.Srv.ServeHTTP(rec, req)
	return Response{rec, e.T}
}

// Call sends a request as if from 127.0.0.1 with an optional bearer token and JSON body.
func (e *Env) Call(method, path, token string, body any) Response {
	return e.CallFrom("127.0.0.1", method, path, token, body)
}

// CallFrom is Call from address ip.
func (e *Env) CallFrom(ip, method, path, token string, body any) Response {
	e.T.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.T.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	return e.Send(ip, method, path, token, rd, body != nil)
}

// Send sends a request from ip with an optional bearer token; json says the body is JSON.
func (e *Env) Send(ip, method, path, token string, rd io.Reader, json bool) Response {
	e.T.Helper()
	req := httptest.NewRequest(method, path, rd)
	if json {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.Serve(ip, req)
}

// Browse requests path as a browser at ip would: a form posted urlencoded, and cookies.
func (e *Env) Browse(ip, method, path string, form url.Values, cookies ...*http.Cookie) Response {
	e.T.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	return e.Serve(ip, req)
}

// Exec runs SQL on the test's database.
func (e *Env) Exec(sql string, args ...any) {
	e.T.Helper()
	if err := e.App.DB.Gorm.Exec(sql, args...).Error; err != nil {
		e.T.Fatal(err)
	}
}

// Signup creates an organisation with its owner and returns the owner's session.
func (e *Env) Signup(org, email string) api.TokenResponse {
	e.T.Helper()
	var tok api.TokenResponse
	e.Call("POST", "/api/v1/auth/signup", "", map[string]string{
		"organization_name": org, "name": "Owner of " + org, "email": email, "password": "correct horse battery", "locale": "en",
	}).Expect(http.StatusCreated).JSON(&tok)
	return tok
}

// Response is an HTTP answer with helpers to read it.
type Response struct {
	*httptest.ResponseRecorder
	T *testing.T
}

// JSON decodes the body into v.
func (r Response) JSON(v any) {
	r.T.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		r.T.Fatalf("decode %s: %v", r.Body.String(), err)
	}
}

// Problem decodes a problem+json answer and checks its status and content type.
func (r Response) Problem(status int) api.Problem {
	r.T.Helper()
	r.Expect(status)
	if ct := r.Header().Get("Content-Type"); ct != "application/problem+json" {
		r.T.Fatalf("content type %q, want application/problem+json", ct)
	}
	var p api.Problem
	r.JSON(&p)
	if p.Status != status || p.RequestID == "" || p.Detail == "" {
		r.T.Fatalf("incomplete problem: %+v", p)
	}
	return p
}

// Expect fails the test unless the answer has status.
func (r Response) Expect(status int) Response {
	r.T.Helper()
	if r.Code != status {
		r.T.Fatalf("status %d, want %d: %s", r.Code, status, r.Body.String())
	}
	return r
}

// Has fails the test unless the page shows every part (HTML entities read as text).
func (r Response) Has(parts ...string) Response {
	r.T.Helper()
	body := html.UnescapeString(r.Body.String())
	for _, p := range parts {
		if !strings.Contains(body, p) {
			r.T.Errorf("the page lacks %q", p)
		}
	}
	return r
}

// HasNot fails the test if the page shows any of parts.
func (r Response) HasNot(parts ...string) Response {
	r.T.Helper()
	body := html.UnescapeString(r.Body.String())
	for _, p := range parts {
		if strings.Contains(body, p) {
			r.T.Errorf("the page shows %q", p)
		}
	}
	return r
}

// Join invites email into the organisation of the admin token with role, accepts the invitation
// through the emailed link, and returns the new member's session.
func (e *Env) Join(adminToken, email, role string) api.TokenResponse {
	e.T.Helper()
	e.Call("POST", "/api/v1/invitations", adminToken, map[string]string{"email": email, "role": role}).Expect(http.StatusCreated)
	token := e.InvitationToken(email)
	var tok api.TokenResponse
	e.Call("POST", "/api/v1/invitations/accept", "", map[string]string{
		"token": token, "name": "Member " + email, "password": "correct horse battery",
	}).Expect(http.StatusOK).JSON(&tok)
	return tok
}

// InvitationToken reads the invitation link out of the email that arrived for address.
func (e *Env) InvitationToken(address string) string {
	e.T.Helper()
	msg := e.Mail.WaitForEmail(e.T, address, 15*time.Second)
	i := strings.Index(msg.Text, "/invite/")
	if i < 0 {
		e.T.Fatalf("no invitation link in %q", msg.Text)
	}
	return strings.Fields(msg.Text[i+len("/invite/"):])[0]
}

// Me is the signed-in user of token.
func (e *Env) Me(token string) api.MeResponse {
	e.T.Helper()
	var me api.MeResponse
	e.Call("GET", "/api/v1/me", token, nil).Expect(http.StatusOK).JSON(&me)
	return me
}

// ParisToday is today in Paris, as a date (midnight UTC), as the domains count days.
func ParisToday() time.Time {
	loc, _ := time.LoadLocation("Europe/Paris")
	n := time.Now().In(loc)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// PinLimits stops the request limits' clock, so that the test's hits all fall in one window.
func (e *Env) PinLimits() {
	now := time.Now()
	e.App.Limits.SetClock(func() time.Time { return now })
}

// Day is the date days from today in Paris (negative: in the past), as the API writes dates.
func Day(days int) string { return ParisToday().AddDate(0, 0, days).Format(time.DateOnly) }
