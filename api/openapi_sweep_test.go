package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
)

// sweepExempt lists the operations of the document the sweep cannot walk, each with why.
var sweepExempt = map[string]string{}

// viewerMayWrite lists the non-GET operations a viewer may succeed at, each with why.
var viewerMayWrite = map[string]string{
	"PATCH /api/v1/me":                         "a viewer edits their own profile",
	"POST /api/v1/auth/login":                  "public: anyone may log in",
	"POST /api/v1/auth/logout":                 "public: ends the caller's own session",
	"POST /api/v1/auth/refresh":                "public: renews the caller's own session",
	"POST /api/v1/auth/signup":                 "public: creates a new organisation, not a write in this one",
	"POST /api/v1/invitations/accept":          "public: joins with an invitation token",
	"POST /api/v1/auth/password-reset":         "public: asks for a reset link for an address, same answer whether it exists or not",
	"POST /api/v1/auth/password-reset/confirm": "public: sets a password with a reset token, not a write in this organisation",
	"POST /api/v1/dunning/preview":             "renders a template; writes nothing",
}

// sweepReq is one request of the sweep.
type sweepReq struct {
	op      sweepOp
	label   string
	path    map[string]string // parameter values, not yet escaped
	query   map[string]string
	form    map[string]string
	body    any
	raw     []byte // the body as sent, when it is not body marshalled
	file    string // the uploaded file's name
	foreign bool   // carries an id of organisation B
}

func (r sweepReq) clone(label string) sweepReq {
	c := r
	c.label = label
	c.path, c.query, c.form = copyMap(r.path), copyMap(r.query), copyMap(r.form)
	c.body = deepCopy(r.body)
	return c
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func deepCopy(v any) any {
	if v == nil {
		return nil
	}
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// target is the request's URL and body.
func (r sweepReq) target() (string, []byte, string) {
	u := r.op.path
	for name, v := range r.path {
		u = strings.Replace(u, "{"+name+"}", url.PathEscape(v), 1)
	}
	if len(r.query) > 0 {
		q := url.Values{}
		for k, v := range r.query {
			q.Set(k, v)
		}
		u += "?" + q.Encode()
	}
	switch {
	case r.op.multipart:
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for k, v := range r.form {
			_ = w.WriteField(k, v)
		}
		if r.file != "" || r.raw == nil {
			part, _ := w.CreateFormFile("file", r.file)
			_, _ = part.Write(sweepFile(r.op.path))
		}
		_ = w.Close()
		return u, buf.Bytes(), w.FormDataContentType()
	case r.raw != nil:
		return u, r.raw, "application/json"
	case r.op.body != nil:
		return u, marshalBody(uniquify(r.body)), "application/json"
	}
	return u, nil, ""
}

// sweepFile is a valid upload for the route: a CSV to import, an image for a logo, else a PDF.
func sweepFile(path string) []byte {
	switch {
	case strings.Contains(path, "imports"):
		return []byte("name;external_id\nSweep Import;SWEEP-IMP\n")
	case strings.Contains(path, "logo"):
		var b bytes.Buffer
		_ = png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 1, 1)))
		return b.Bytes()
	}
	return []byte(tinyPDF)
}

func (e *env) sweepSend(r sweepReq, token string) (*httptest.ResponseRecorder, string, []byte) {
	u, body, ct := r.target()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req := httptest.NewRequest(r.op.method, u, rd) // parsed as the server parses what arrives
	req.RemoteAddr = "127.0.0.1:40000"
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return rec, u, body
}

// baseRequest is op with every value an owner of ids would send.
func baseRequest(t *testing.T, op sweepOp, ids map[string]string) sweepReq {
	r := sweepReq{op: op, label: "valid", path: map[string]string{}, query: map[string]string{}, form: map[string]string{}}
	segs := strings.Split(op.path, "/")
	for _, p := range op.params {
		switch {
		case p.in == "path" && notIDs[op.path]:
			r.path[p.name] = "sweep-token"
		case p.in == "path":
			kind := ""
			for i, s := range segs {
				if s == "{"+p.name+"}" && i > 0 {
					kind = pathKinds[segs[i-1]]
				}
			}
			if ids[kind] == "" {
				t.Errorf("%s: the sweep has no seeded object for {%s}: add one to seedSweep and pathKinds", op, p.name)
			}
			r.path[p.name] = ids[kind]
		case p.file:
			r.file = map[bool]string{true: "sweep.csv", false: "sweep.pdf"}[strings.Contains(op.path, "imports")]
		case p.in == "formData":
			r.form[p.name] = queryString(baseValue(p.name, p.schema, ids))
		case p.in == "query" && p.schema["required"] == true:
			r.query[p.name] = queryString(baseValue(p.name, p.schema, ids))
		}
	}
	if op.body != nil {
		r.body = baseValue("", op.body, ids)
	}
	return r
}

var sweepSerial atomic.Int64

// uniquify makes the names, numbers and emails of a body unique, so that every request the
// server accepts stores a new row instead of tripping over the previous one's number.
func uniquify(body any) any {
	m := obj(body)
	if m == nil {
		return body
	}
	n := sweepSerial.Add(1)
	for _, k := range []string{"number", "external_id", "name", "organization_name", "email", "reference"} {
		switch v := m[k].(type) {
		case string:
			if k == "email" && strings.Contains(v, "@") && !strings.ContainsRune(v, 0) {
				m[k] = strings.Replace(v, "@", fmt.Sprintf("+%d@", n), 1)
			} else if len(v) < 100 && v != badUTF8 && !strings.ContainsRune(v, 0) {
				m[k] = fmt.Sprintf("%s-%d", v, n)
			}
		}
	}
	return m
}

// mutations are the hostile variants of base: one parameter or property at a time.
func mutations(base sweepReq, foreign map[string]string) []sweepReq {
	var out []sweepReq
	for _, p := range base.op.params {
		p := p
		var values []badValue
		if p.in == "path" {
			values = []badValue{{label: "not a uuid", v: "not-a-uuid"}, {label: "NUL", v: "a\x00b"},
				{label: "invalid UTF-8", v: badUTF8}, {label: "10 KB", v: tenKB}}
			if k := pathKinds[segmentBefore(base.op.path, p.name)]; foreign[k] != "" && !notIDs[base.op.path] {
				values = append(values, badValue{label: "B's " + k, v: foreign[k], foreign: true})
			}
		} else if p.file {
			values = []badValue{{label: "NUL name", v: "a\x00b.pdf"}, {label: "invalid UTF-8 name", v: badUTF8},
				{label: "10 KB name", v: tenKB}}
		} else {
			values = badValues(p.name, p.schema, foreign)
		}
		for _, b := range values {
			m := base.clone(p.in + " " + p.name + ": " + b.label)
			m.foreign = b.foreign
			switch {
			case p.in == "path":
				m.path[p.name] = queryString(b.v)
			case p.file:
				m.file = queryString(b.v)
			case p.in == "formData":
				m.form[p.name] = queryString(b.v)
			default:
				m.query[p.name] = queryString(b.v)
			}
			out = append(out, m)
		}
	}
	if base.op.body != nil && !base.op.multipart {
		for _, raw := range []string{"not json", "[]", "null", `{"a":`, "\xff\xfe"} {
			m := base.clone(fmt.Sprintf("body %q", raw))
			m.raw = []byte(raw)
			out = append(out, m)
		}
		out = append(out, bodyMutations(base, "", base.op.body, func(r *sweepReq) map[string]any { return obj(r.body) }, foreign)...)
	}
	return out
}

// bodyMutations spoils each property of the object schema (found in a request by at), and the
// properties of its nested objects and arrays of objects.
func bodyMutations(base sweepReq, prefix string, schema map[string]any, at func(*sweepReq) map[string]any, foreign map[string]string) []sweepReq {
	var out []sweepReq
	names := make([]string, 0, len(obj(schema["properties"])))
	for name := range obj(schema["properties"]) {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		name, prop := name, obj(obj(schema["properties"])[name])
		for _, b := range badValues(name, prop, foreign) {
			m := base.clone("body " + prefix + name + ": " + b.label)
			m.foreign = b.foreign
			if o := at(&m); o != nil {
				o[name] = b.v
				out = append(out, m)
			}
		}
		nested := prop
		if str(prop["type"]) == "array" {
			nested = resolveItems(prop)
		}
		if nested["properties"] == nil {
			continue
		}
		inner := func(r *sweepReq) map[string]any {
			o := at(r)
			if o == nil {
				return nil
			}
			if a := arr(o[name]); len(a) > 0 {
				return obj(a[0])
			}
			if o[name] == nil {
				o[name] = map[string]any{}
			}
			return obj(o[name])
		}
		if str(prop["type"]) == "array" {
			inner = func(r *sweepReq) map[string]any {
				o := at(r)
				if o == nil {
					return nil
				}
				if len(arr(o[name])) == 0 {
					o[name] = []any{map[string]any{}}
				}
				return obj(arr(o[name])[0])
			}
		}
		out = append(out, bodyMutations(base, prefix+name+".", nested, inner, foreign)...)
	}
	return out
}

func segmentBefore(path, param string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if s == "{"+param+"}" && i > 0 {
			return segs[i-1]
		}
	}
	return ""
}

// sweepWho is a principal of the sweep.
type sweepWho struct {
	name, token string
	viewer      bool
	otherOrg    bool // organisation B, sending A's ids
}

// judge fails the test on a 500, a viewer's write, a cross-tenant success, or a 4xx of the API
// that is not a problem naming what is wrong.
func judge(t *testing.T, who sweepWho, r sweepReq, rec *httptest.ResponseRecorder, u string, body []byte, a, b sweepOrg) {
	t.Helper()
	code := rec.Code
	desc := func() string {
		return fmt.Sprintf("%s as %s [%s] → %d %.300s", r.op, who.name, r.label, code, rec.Body.String())
	}
	ok := code >= 200 && code < 300
	switch {
	case code >= 500:
		t.Errorf("server error: %s", desc())
	case who.viewer && ok && r.op.method != "GET" && viewerMayWrite[r.op.String()] == "":
		t.Errorf("viewer write succeeded: %s", desc())
	case ok && who.otherOrg && r.op.method != "GET" && mentions(u, body, a.ids):
		t.Errorf("cross-tenant write succeeded: %s", desc())
	case ok && who.otherOrg && mentions(u, nil, a.ids) && strings.Contains(r.op.path, "{"):
		t.Errorf("cross-tenant read succeeded: %s", desc())
	case ok && who.otherOrg && leaks(rec.Body.String(), a.markers):
		t.Errorf("cross-tenant data in the answer: %s", desc())
	case ok && mustRefuse(r.label):
		t.Errorf("a bad value was accepted: %s", desc())
	case ok && r.foreign && r.op.method != "GET":
		t.Errorf("another organisation's id accepted: %s", desc())
	case ok && r.foreign && leaks(rec.Body.String(), b.markers):
		t.Errorf("another organisation's data in the answer: %s", desc())
	case code >= 400 && strings.HasPrefix(r.op.path, "/api/") && rec.Header().Get("Content-Type") != "application/problem+json":
		t.Errorf("not a problem+json: %s", desc())
	case code == http.StatusUnprocessableEntity && strings.HasPrefix(r.op.path, "/api/") && !namesAField(rec.Body.Bytes()):
		t.Errorf("422 naming no field: %s", desc())
	}
}

// mustRefuse tells the hostile values no field may accept: text no column can store, dates that
// do not exist, numbers past any amount or count Relance keeps.
func mustRefuse(label string) bool {
	for _, bad := range []string{": NUL", ": invalid UTF-8", ": [NUL]", ": [invalid UTF-8]", ": 2026-02-30", ": year 99999", ": year 1",
		": 5e18", ": maxint64", ": minint64", ": 1e30", ": maximum+1", ": minimum-1", ": maxLength+1", ": [maxLength+1]"} {
		if strings.HasSuffix(label, bad) {
			return true
		}
	}
	return false
}

func mentions(u string, body []byte, ids map[string]string) bool {
	for _, id := range ids {
		if strings.Contains(u, id) || bytes.Contains(body, []byte(id)) {
			return true
		}
	}
	return false
}

func leaks(body string, markers []string) bool {
	for _, m := range markers {
		if strings.Contains(body, m) {
			return true
		}
	}
	return false
}

func namesAField(body []byte) bool {
	var p struct {
		Errors []struct {
			Field string `json:"field"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(body, &p)
	return len(p.Errors) > 0 && p.Errors[0].Field != ""
}

// TestOpenAPISweep walks every operation of the OpenAPI document with hostile values as A's viewer,
// as organisation B (with A's real ids in paths and bodies) and as A's owner (with B's ids in
// bodies), then checks that A's owner gets through every route that names an object, so that a
// mistyped path cannot pass as "not found".
func TestOpenAPISweep(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := seedSweep(e)
	ops := sweepOps(sweepDocument(t, e))
	if len(ops) < 90 {
		t.Fatalf("the document lists only %d operations", len(ops))
	}
	viewer := sweepWho{name: "A's viewer", token: a.viewer, viewer: true}
	other := sweepWho{name: "organisation B", token: b.owner, otherOrg: true}
	owner := sweepWho{name: "A's owner", token: a.owner}
	var requests atomic.Int64
	// The viewer's and B's requests change nothing of A's (or the test fails): they run side by
	// side. The owner's hostile requests may store things, so they run after, then every page is
	// read again, then A's owner sends each valid request (deletions last).
	t.Run("hostile", func(t *testing.T) {
		for _, who := range []sweepWho{viewer, other} {
			t.Run(who.name, func(t *testing.T) {
				t.Parallel()
				requests.Add(sweepAs(t, e, who, ops, a, b))
			})
		}
	})
	t.Run("hostile as A's owner", func(t *testing.T) { requests.Add(sweepAs(t, e, owner, ops, a, b)) })
	t.Run("pages after", func(t *testing.T) {
		for _, op := range ops {
			if op.method == "GET" && sweepExempt[op.String()] == "" {
				r := baseRequest(t, op, a.ids)
				rec, u, body := e.sweepSend(r, a.owner)
				judge(t, owner, r, rec, u, body, a, b)
				requests.Add(1)
			}
		}
	})
	t.Run("A's owner gets through", func(t *testing.T) {
		sort.SliceStable(ops, func(i, j int) bool { return ops[i].method != "DELETE" && ops[j].method == "DELETE" })
		for _, op := range ops {
			if sweepExempt[op.String()] != "" {
				continue
			}
			r := baseRequest(t, op, a.ids)
			rec, u, body := e.sweepSend(r, a.owner)
			requests.Add(1)
			if os.Getenv("SWEEP_DEBUG") != "" {
				t.Logf("valid %s → %d %.200s", op, rec.Code, rec.Body.String())
			}
			judge(t, owner, r, rec, u, body, a, b)
			if !strings.Contains(op.path, "{") || notIDs[op.path] {
				continue
			}
			ok := rec.Code >= 200 && rec.Code < 300
			if (op.method == "GET" && !ok) || rec.Code == http.StatusNotFound || rec.Code == http.StatusMethodNotAllowed {
				t.Errorf("A's owner is refused its own object: %s → %d %.300s", op, rec.Code, rec.Body.String())
			}
		}
	})
	t.Logf("sweep: %d operations, %d requests", len(ops), requests.Load())
}

// sweepAs sends every operation's valid request and its hostile variants as who (A's owner
// sends the valid ones last, and B never sends B's own ids), judging each answer.
func sweepAs(t *testing.T, e *env, who sweepWho, ops []sweepOp, a, b sweepOrg) int64 {
	var n int64
	for _, op := range ops {
		if sweepExempt[op.String()] != "" {
			continue
		}
		base := baseRequest(t, op, a.ids)
		for _, r := range append([]sweepReq{base}, mutations(base, b.ids)...) {
			if (r.foreign && who.otherOrg) || (r.label == "valid" && !who.viewer && !who.otherOrg) {
				continue
			}
			rec, u, body := e.sweepSend(r, who.token)
			if os.Getenv("SWEEP_DEBUG") != "" && rec.Code < 300 {
				t.Logf("accepted: %s as %s [%s] → %d", op, who.name, r.label, rec.Code)
			}
			judge(t, who, r, rec, u, body, a, b)
			n++
		}
	}
	return n
}
