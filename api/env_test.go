package api_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/app"
	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/internal/testenv"
	"github.com/relance/relance/web"
	"github.com/relance/relance/web/webtest"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// env is a running Relance for one test (webtest.Env), with the short names these tests use.
type env struct {
	*webtest.Env
	t    *testing.T
	app  *app.App
	srv  *web.Server
	mail *testenv.Mailpit
}

func newEnv(t *testing.T) *env { t.Helper(); return newEnvWith(t, envOptions{}) }

// envOptions change what newEnvWith builds (webtest.Options).
type envOptions struct {
	log    io.Writer
	config func(*config.Config)
}

func newEnvWith(t *testing.T, o envOptions) *env {
	t.Helper()
	return wrapEnv(webtest.New(t, webtest.Options{Log: o.log, Config: o.config}))
}

func wrapEnv(w *webtest.Env) *env { return &env{Env: w, t: w.T, app: w.App, srv: w.Srv, mail: w.Mail} }

// response is an HTTP answer (webtest.Response) with the short names these tests use.
type response struct{ webtest.Response }

func recorded(rec *httptest.ResponseRecorder, t *testing.T) response {
	return response{webtest.Response{ResponseRecorder: rec, T: t}}
}

func (r response) json(v any) { r.T.Helper(); r.JSON(v) }

func (r response) problem(status int) api.Problem { r.T.Helper(); return r.Problem(status) }

func (r response) expect(status int) response { r.T.Helper(); r.Expect(status); return r }

func (r response) has(parts ...string) response { r.T.Helper(); r.Has(parts...); return r }

func (e *env) call(method, path, token string, body any) response {
	return response{e.CallFrom("127.0.0.1", method, path, token, body)}
}

func (e *env) callFrom(ip, method, path, token string, body any) response {
	return response{e.CallFrom(ip, method, path, token, body)}
}

func (e *env) send(ip, method, path, token string, rd io.Reader, json bool) response {
	return response{e.Send(ip, method, path, token, rd, json)}
}

func (e *env) browse(ip, method, path string, form url.Values, cookies ...*http.Cookie) response {
	return response{e.Browse(ip, method, path, form, cookies...)}
}

func (e *env) signup(org, email string) api.TokenResponse { return e.Signup(org, email) }

func (e *env) join(adminToken, email, role string) api.TokenResponse {
	return e.Join(adminToken, email, role)
}

func (e *env) invitationToken(address string) string { return e.InvitationToken(address) }

func (e *env) me(token string) api.MeResponse { return e.Me(token) }

// uploadFile sends content as the multipart field "file" named name, as the SPA uploads a file.
func (e *env) uploadFile(method, path, token, name string, content []byte) response {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", name)
	part.Write(content)
	w.Close()
	req := httptest.NewRequest(method, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return response{e.Serve("", req)}
}
