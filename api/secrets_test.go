package api_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/relance/relance/api"
)

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
	e := newEnvWith(t, envOptions{log: &logged})
	owner := e.signup("Acme", "owner@acme.test")
	var cust api.CustomerResponse
	e.call("POST", "/api/v1/customers", owner.AccessToken, map[string]any{"name": "Boulangerie Martin"}).
		expect(http.StatusCreated).json(&cust)
	p, err := e.app.Auth.Authenticate(context.Background(), owner.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	link, err := e.app.Portal.CreateLink(context.Background(), p, uuid.MustParse(cust.ID), "claire@martin.test")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link.URL)
	page := u.Path
	token := strings.TrimPrefix(page, "/p/")
	e.call("POST", "/api/v1/invitations", owner.AccessToken, map[string]string{"email": "new@acme.test", "role": "viewer"}).
		expect(http.StatusCreated)
	invitation := e.invitationToken("new@acme.test")

	e.call("GET", page, "", nil).expect(http.StatusOK)
	e.call("GET", page+"/statement.csv", "", nil).expect(http.StatusOK)
	e.call("GET", "/p/"+strings.Repeat("g", 43), "", nil).expect(http.StatusNotFound)
	e.call("GET", "/invite/"+invitation, "", nil).expect(http.StatusOK)
	e.call("GET", "/t/o/"+token, "", nil)

	e.app.DB.Close() // every request below fails on our side
	e.call("GET", page, "", nil).expect(http.StatusInternalServerError)
	e.call("GET", page+"/statement.pdf", "", nil).expect(http.StatusInternalServerError)
	e.call("POST", page+"/question", "", nil).expect(http.StatusInternalServerError)

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
