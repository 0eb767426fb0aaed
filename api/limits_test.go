package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// pinLimits stops the request limits' clock, so that the test's hits all fall in one window.
func pinLimits(e *env) {
	now := time.Now()
	e.app.Limits.SetClock(func() time.Time { return now })
}

// postQuestion posts the debtor page's question form through page from address ip.
func (f *formsFixture) postQuestion(page, ip, message string) response {
	f.e.t.Helper()
	req := httptest.NewRequest("POST", page+"/question", strings.NewReader(url.Values{"message": {message}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = ip + ":40000"
	rec := httptest.NewRecorder()
	f.e.srv.ServeHTTP(rec, req)
	return response{rec, f.e.t}
}

// 40 questions in a row through one link once all reached the staff's mailboxes. Now a link
// sends 10 an hour, an address 30 over all its links; a question refused for its content does
// not count.
func TestPortalFormsAreLimited(t *testing.T) {
	f := newFormsFixture(t)
	pinLimits(f.e)
	for i := 0; i < 3; i++ {
		rejected(f.postQuestion(f.page, "127.0.0.1", "   "), "Écrivez votre question.")
	}
	var mailsAtLimit int
	for i := 1; i <= 40; i++ {
		r := f.postQuestion(f.page, "127.0.0.1", fmt.Sprintf("Question n° %d", i))
		switch {
		case i <= 10:
			r.expect(http.StatusSeeOther)
			mailsAtLimit = f.mailJobs()
		default:
			r.expect(http.StatusTooManyRequests).has("Ce formulaire a été envoyé trop de fois.", "Question n° ")
			if r.Header().Get("Retry-After") == "" {
				t.Fatal("no Retry-After")
			}
		}
	}
	if n := f.count(`SELECT count(*) FROM portal_questions`); n != 10 {
		t.Fatalf("%d questions stored, want 10", n)
	}
	if f.mailJobs() != mailsAtLimit || mailsAtLimit == 0 {
		t.Fatalf("%d emails after the limit, %d at it", f.mailJobs(), mailsAtLimit)
	}
	// The other forms of the link have their own count.
	r := f.submit(f.page+"/promise", url.Values{"invoice_ids": {f.inv.ID},
		"promised_on": {parisToday().AddDate(0, 0, 5).Format("2006-01-02")}, "method": {"transfer"}}, "", nil)
	f.redirected(r, "promise", "promesse")

	// One address: 30 posts an hour over all links (10 + 1 promise above, then 19 more).
	second, third := f.linkFor(f.customer.ID, "paul@martin.test"), f.linkFor(f.customer.ID, "lea@martin.test")
	for i := 0; i < 10; i++ {
		f.postQuestion(second, "127.0.0.1", "Deuxième lien").expect(http.StatusSeeOther)
	}
	for i := 0; i < 9; i++ {
		f.postQuestion(third, "127.0.0.1", "Troisième lien").expect(http.StatusSeeOther)
	}
	f.postQuestion(third, "127.0.0.1", "Une de trop").expect(http.StatusTooManyRequests)
	f.postQuestion(third, "127.0.0.9", "D'ailleurs").expect(http.StatusSeeOther)
}

func TestSignupAndInvitationLookupAreLimited(t *testing.T) {
	e := newEnv(t)
	pinLimits(e)
	for i := 1; i <= 11; i++ {
		r := e.callFrom("127.0.0.5", "POST", "/api/v1/auth/signup", "", map[string]string{
			"organization_name": "Org", "name": "Owner", "email": fmt.Sprintf("o%d@acme.test", i), "password": "correct horse battery"})
		if i <= 10 {
			r.expect(http.StatusCreated)
		} else if p := r.problem(http.StatusTooManyRequests); r.Header().Get("Retry-After") == "" {
			t.Fatalf("no Retry-After: %+v", p)
		}
	}
	e.callFrom("127.0.0.6", "POST", "/api/v1/auth/signup", "", map[string]string{
		"organization_name": "Org", "name": "Owner", "email": "other@acme.test", "password": "correct horse battery"}).
		expect(http.StatusCreated)

	for i := 1; i <= 31; i++ {
		r := e.callFrom("127.0.0.7", "GET", "/api/v1/invitations/lookup?token=rli_guess"+fmt.Sprint(i), "", nil)
		if i <= 30 {
			r.problem(http.StatusNotFound)
		} else {
			r.problem(http.StatusTooManyRequests)
		}
	}
	e.callFrom("127.0.0.7", "POST", "/api/v1/invitations/accept", "", map[string]string{"token": "rli_x", "password": "x"}).
		problem(http.StatusTooManyRequests)
	e.callFrom("127.0.0.8", "GET", "/api/v1/invitations/lookup?token=rli_guess", "", nil).problem(http.StatusNotFound)
}
