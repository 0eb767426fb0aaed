package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/testenv"
)

func TestErrorsAreProblems(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	e.call("GET", "/api/v1/nothing-here", "", nil).problem(http.StatusNotFound)
	e.call("GET", "/api/nothing", "", nil).problem(http.StatusNotFound)
	e.call("DELETE", "/api/v1/api-keys/not-a-uuid", owner.AccessToken, nil).problem(http.StatusNotFound)

	req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(`{"email": "a@b.c", "password": `))
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	p := recorded(rec, t).problem(http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "body" {
		t.Fatalf("errors = %+v", p.Errors)
	}
	if rec.Header().Get("X-Request-Id") != p.RequestID {
		t.Fatalf("request id %q not the header's %q", p.RequestID, rec.Header().Get("X-Request-Id"))
	}

	// An unexpected failure (here the database is gone) is a generic 500 with a request id.
	e.app.DB.Close()
	r := e.call("GET", "/api/v1/me", owner.AccessToken, nil)
	p = r.problem(http.StatusInternalServerError)
	if strings.Contains(strings.ToLower(r.Body.String()), "sql") || strings.Contains(r.Body.String(), "pool") {
		t.Fatalf("internal detail leaked: %s", r.Body.String())
	}
	e.call("GET", "/readyz", "", nil).expect(http.StatusServiceUnavailable)
}

func TestOpenAPIServedAndUpToDate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	root := testenv.ModuleRoot()

	// What is served is the committed document, valid JSON, byte for byte (an example holding
	// "{{invoice_numbers}}" once made swag's template registry serve its raw template instead).
	r := e.call("GET", "/api/openapi.json", "", nil).expect(http.StatusOK)
	var served struct {
		Swagger string
		Info    struct{ Title, Version string }
		Paths   map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(r.Body.Bytes(), &served); err != nil {
		t.Fatalf("/api/openapi.json is not JSON: %v\n%.300s", err, r.Body.String())
	}
	committed, err := os.ReadFile(filepath.Join(root, "docs", "swagger.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Body.Bytes(), committed) {
		t.Fatal("/api/openapi.json is not docs/swagger.json")
	}
	if served.Swagger != "2.0" || served.Info.Title != "Relance API" || served.Paths["/api/v1/auth/login"]["post"] == nil {
		t.Fatalf("served document: swagger %q, title %q, %d paths", served.Swagger, served.Info.Title, len(served.Paths))
	}

	// The viewer renders: its page offers the documents above (not swag's registry, whose
	// doc.json once showed "{{.Title}}") and holds no template left over.
	page := e.call("GET", "/api/docs/index.html", "", nil).expect(http.StatusOK).Body.String()
	if !strings.Contains(page, "<title>") || strings.Contains(page, "{{") || !strings.Contains(page, "openapi.json") ||
		strings.Contains(page, "doc.json") {
		t.Fatalf("/api/docs/index.html:\n%.500s", page)
	}
	for _, path := range []string{"/api/docs/doc.json", "/api/docs/doc.yaml"} {
		if b := e.call("GET", path, "", nil).expect(http.StatusOK).Body.String(); strings.Contains(b, "{{.Title}}") ||
			!strings.Contains(b, "Relance API") {
			t.Fatalf("%s serves a template: %.200s", path, b)
		}
	}

	// The OpenAPI 3 conversion (the SPA's, from `make docs`) is served too, and in step: the
	// same operations as the Swagger document.
	r = e.call("GET", "/api/openapi3.json", "", nil).expect(http.StatusOK)
	var v3 struct {
		OpenAPI string
		Info    struct{ Title string }
		Paths   map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(r.Body.Bytes(), &v3); err != nil {
		t.Fatalf("/api/openapi3.json is not JSON: %v", err)
	}
	if !strings.HasPrefix(v3.OpenAPI, "3.") || v3.Info.Title != "Relance API" {
		t.Fatalf("openapi3: version %q, title %q", v3.OpenAPI, v3.Info.Title)
	}
	if got, want := operations(v3.Paths), operations(served.Paths); got != want {
		t.Fatalf("frontend/src/api/openapi.json is stale (run `make docs`):\n v3: %s\n v2: %s", got, want)
	}

	out := t.TempDir()
	cmd := exec.Command("go", "tool", "swag", "init", "-q", "-g", "cmd/relance/main.go", "-o", out,
		"--ot", "json", "--parseInternal", "--pdl", "1", "--requiredByDefault")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	want, _ := os.ReadFile(filepath.Join(out, "swagger.json"))
	if !bytes.Equal(want, committed) {
		t.Fatal("docs/swagger.json is stale: run `make docs` (swag init, then the SPA's API types)")
	}
}

// operations lists a document's operations ("POST /api/v1/auth/login", …) sorted, as one string.
func operations(paths map[string]map[string]json.RawMessage) string {
	var ops []string
	for p, methods := range paths {
		for m := range methods {
			if m != "parameters" {
				ops = append(ops, strings.ToUpper(m)+" "+p)
			}
		}
	}
	sort.Strings(ops)
	return strings.Join(ops, ", ")
}

func TestProblemsSpeakTheCallersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	req := httptest.NewRequest("POST", "/api/v1/auth/signup", strings.NewReader(`{"email": "x"}`))
	req.Header.Set("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8")
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	p := recorded(rec, t).problem(http.StatusUnprocessableEntity)
	if p.Detail != "Certains champs sont invalides." {
		t.Errorf("detail %q", p.Detail)
	}
	for _, f := range p.Errors {
		if f.Field == "email" && f.Message != "Saisissez une adresse e-mail valide." {
			t.Errorf("email message %q", f.Message)
		}
	}
	// English callers, and the sentinel errors shared by all requests, keep the English text.
	p = e.call("POST", "/api/v1/auth/signup", "", map[string]string{"email": "x"}).problem(http.StatusUnprocessableEntity)
	if p.Detail != "The request has invalid fields." {
		t.Errorf("detail %q", p.Detail)
	}
}

func TestDomainMessagesAreCatalogueKeys(t *testing.T) {
	t.Parallel()
	// A domain or handler puts a catalogue key in a problem, never an English sentence (the
	// catalogue test in internal/platform/locale checks that every key has every language).
	call := regexp.MustCompile(`(?:Check|Add|Invalid|New|Sprintf)\([^\n]*?"([A-Z][^"]*[.?])"|(?:Msg|Message):\s+"([A-Z][^"]*[.?])"`)
	root := testenv.ModuleRoot()
	for _, dir := range []string{"api", "web/portal", "web/httpx", "internal/auth", "internal/ledger", "internal/imports", "internal/dunning", "internal/portal", "internal/payments", "internal/platform/errs", "internal/platform/ratelimit"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range call.FindAllStringSubmatch(string(src), -1) {
				t.Errorf("%s: %q is a sentence, not a message key (internal/platform/locale/messages)", filepath.Base(f), m[1]+m[2])
			}
		}
	}
	// Messages built with values put them in the French text.
	for _, tc := range []struct {
		f  errs.FieldError
		fr string
	}{
		{errs.Field("allocations", "ledger.over_allocated", 120, 100), "Les affectations totalisent 120, plus que les 100 restant à affecter."},
		{errs.Field("invoice_id", "ledger.invoice_other_currency", "USD", "EUR"), "Cette facture est en USD, pas en EUR."},
		{errs.Field("password", "auth.password_too_short", 10), "Utilisez au moins 10 caractères."},
	} {
		if got := tc.f.In("fr"); got != tc.fr {
			t.Errorf("%s → %q, want %q", tc.f.Message, got, tc.fr)
		}
	}
}
