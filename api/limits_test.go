package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

// pinLimits stops the request limits' clock, so that the test's hits all fall in one window.
func pinLimits(e *env) { e.PinLimits() }

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
