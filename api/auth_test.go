package api_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/relance/relance/api"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signup("Acme", "owner@acme.test")

	var tok api.TokenResponse
	e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "OWNER@acme.test", "password": "correct horse battery"}).
		expect(http.StatusOK).json(&tok)
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 900 || tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("bad token response %+v", tok)
	}
	if me := e.me(tok.AccessToken); me.User == nil || me.User.Email != "owner@acme.test" || me.Organization.Name != "Acme" || me.Organization.Role != "owner" {
		t.Fatalf("me = %+v", me)
	}

	for _, c := range []struct{ email, password string }{
		{"owner@acme.test", "wrong password"},
		{"nobody@acme.test", "correct horse battery"},
	} {
		p := e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": c.email, "password": c.password}).problem(http.StatusUnauthorized)
		if p.Detail != "Email or password is incorrect." {
			t.Errorf("detail %q reveals more than it should", p.Detail)
		}
	}
	e.call("GET", "/api/v1/me", "", nil).problem(http.StatusUnauthorized)
	e.call("GET", "/api/v1/me", "not-a-token", nil).problem(http.StatusUnauthorized)
}

func TestLoginThrottledPerAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signup("Acme", "owner@acme.test")
	bad := map[string]string{"email": "owner@acme.test", "password": "guess"}
	for i := 0; i < 5; i++ {
		e.call("POST", "/api/v1/auth/login", "", bad).problem(http.StatusUnauthorized)
	}
	// Even the right password waits now, so guessing cannot go on.
	r := e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "correct horse battery"})
	r.problem(http.StatusTooManyRequests)
	if s, err := strconv.Atoi(r.Header().Get("Retry-After")); err != nil || s < 60 || s > 15*60+1 {
		t.Fatalf("Retry-After = %q", r.Header().Get("Retry-After"))
	}
	// The owner, from another address, still signs in: guesses back off, they never lock.
	e.callFrom("127.0.0.3", "POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "correct horse battery"}).
		expect(http.StatusOK)
	// Another account from another address is not affected.
	e.signup("Other", "other@acme.test")
	e.callFrom("127.0.0.2", "POST", "/api/v1/auth/login", "", map[string]string{"email": "other@acme.test", "password": "correct horse battery"}).
		expect(http.StatusOK)
}

// An account guessed at from many addresses: past 20 failures each address gets 2 tries on it,
// and the right password from an address that has not failed still signs in.
func TestLoginUnderAttackBacksOffWithoutLockingOut(t *testing.T) {
	e := newEnv(t)
	e.signup("Acme", "owner@acme.test")
	bad := map[string]string{"email": "owner@acme.test", "password": "guess"}
	right := map[string]string{"email": "owner@acme.test", "password": "correct horse battery"}
	for a := 0; a < 5; a++ {
		for i := 0; i < 4; i++ {
			e.callFrom("127.0.1."+strconv.Itoa(a), "POST", "/api/v1/auth/login", "", bad).problem(http.StatusUnauthorized)
		}
	}
	e.callFrom("127.0.2.1", "POST", "/api/v1/auth/login", "", bad).problem(http.StatusUnauthorized)
	e.callFrom("127.0.2.1", "POST", "/api/v1/auth/login", "", bad).problem(http.StatusUnauthorized)
	e.callFrom("127.0.2.1", "POST", "/api/v1/auth/login", "", bad).problem(http.StatusTooManyRequests)
	e.callFrom("127.0.1.0", "POST", "/api/v1/auth/login", "", right).problem(http.StatusTooManyRequests)
	e.callFrom("127.0.2.2", "POST", "/api/v1/auth/login", "", right).expect(http.StatusOK)
}

func TestLoginThrottledPerAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signup("Acme", "owner@acme.test")
	for i := 0; i < 30; i++ { // spraying many accounts from one address
		e.callFrom("127.0.0.9", "POST", "/api/v1/auth/login", "", map[string]string{
			"email": "user" + strconv.Itoa(i) + "@acme.test", "password": "guess"}).problem(http.StatusUnauthorized)
	}
	e.callFrom("127.0.0.9", "POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "correct horse battery"}).
		problem(http.StatusTooManyRequests)
	e.callFrom("127.0.0.10", "POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "correct horse battery"}).
		expect(http.StatusOK)
}

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.signup("Acme", "owner@acme.test")

	var second api.TokenResponse
	e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": first.RefreshToken}).expect(http.StatusOK).json(&second)
	if second.RefreshToken == first.RefreshToken || second.AccessToken == "" {
		t.Fatal("refresh did not rotate")
	}
	e.me(second.AccessToken)

	// The rotated token is dead; presenting it again (a stolen copy) also kills its successor.
	e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": first.RefreshToken}).problem(http.StatusUnauthorized)
	e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": second.RefreshToken}).problem(http.StatusUnauthorized)
}

func TestLogoutRevokesRefreshToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.signup("Acme", "owner@acme.test")
	e.call("POST", "/api/v1/auth/logout", "", map[string]string{"refresh_token": tok.RefreshToken}).expect(http.StatusNoContent)
	e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": tok.RefreshToken}).problem(http.StatusUnauthorized)
	// Logging out twice is harmless.
	e.call("POST", "/api/v1/auth/logout", "", map[string]string{"refresh_token": tok.RefreshToken}).expect(http.StatusNoContent)
}

func TestSwitchOrganization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agency := e.signup("Agency", "agent@agency.test")
	client := e.signup("Client SAS", "boss@client.test")
	e.call("POST", "/api/v1/invitations", client.AccessToken, map[string]string{"email": "agent@agency.test", "role": "collector"}).
		expect(http.StatusCreated)
	var joined api.TokenResponse
	e.call("POST", "/api/v1/invitations/accept", "", map[string]string{"token": e.invitationToken("agent@agency.test"), "password": "correct horse battery"}).
		expect(http.StatusOK).json(&joined)

	me := e.me(joined.AccessToken)
	if me.Organization.Name != "Client SAS" || me.Organization.Role != "collector" || len(me.Memberships) != 2 {
		t.Fatalf("after joining: %+v", me)
	}
	var back api.TokenResponse
	e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": joined.RefreshToken, "organization_id": agency.OrganizationID}).
		expect(http.StatusOK).json(&back)
	if me := e.me(back.AccessToken); me.Organization.Name != "Agency" || me.Organization.Role != "owner" {
		t.Fatalf("after switching: %+v", me.Organization)
	}
	// The next login opens the organisation used last.
	var tok api.TokenResponse
	e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "agent@agency.test", "password": "correct horse battery"}).expect(http.StatusOK).json(&tok)
	if tok.OrganizationID != agency.OrganizationID {
		t.Fatalf("login opened %s, want the last used %s", tok.OrganizationID, agency.OrganizationID)
	}
	// Switching into an organisation one does not belong to is a 404.
	other := e.signup("Stranger", "x@stranger.test")
	e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": back.RefreshToken, "organization_id": other.OrganizationID}).
		problem(http.StatusNotFound)
}

func TestSignupValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	p := e.call("POST", "/api/v1/auth/signup", "", map[string]string{"organization_name": " ", "email": "not-an-email", "password": "short"}).
		problem(http.StatusUnprocessableEntity)
	got := map[string]bool{}
	for _, f := range p.Errors {
		got[f.Field] = f.Message != ""
	}
	for _, f := range []string{"organization_name", "name", "email", "password"} {
		if !got[f] {
			t.Errorf("no error for %s in %+v", f, p.Errors)
		}
	}
	e.signup("Acme", "owner@acme.test")
	e.call("POST", "/api/v1/auth/signup", "", map[string]string{
		"organization_name": "Acme 2", "name": "X", "email": "owner@acme.test", "password": "correct horse battery"}).
		problem(http.StatusConflict)

	r := e.call("POST", "/api/v1/auth/login", "", "{not json")
	r.problem(http.StatusUnprocessableEntity)
}
