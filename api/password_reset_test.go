package api_test

import (
	"crypto/sha256"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/api"
)

// resetToken reads the reset link's token out of the email that arrived for address.
func (e *env) resetToken(address string) (token, subject string) {
	e.t.Helper()
	msg := e.mail.WaitForEmail(e.t, address, 15*time.Second)
	i := strings.Index(msg.Text, "/reset-password#token=")
	if i < 0 {
		e.t.Fatalf("no reset link in %q", msg.Text)
	}
	return strings.Fields(msg.Text[i+len("/reset-password#token="):])[0], msg.Subject
}

func TestPasswordResetByEmail(t *testing.T) {
	e := newEnv(t)
	first := e.signup("Acme", "owner@acme.test")
	var other api.TokenResponse // a second device
	e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "correct horse battery"}).
		expect(http.StatusOK).json(&other)

	// The same answer whether or not the address has an account; only the account gets an email.
	unknown := e.call("POST", "/api/v1/auth/password-reset", "", map[string]string{"email": "nobody@acme.test"}).expect(http.StatusAccepted)
	known := e.call("POST", "/api/v1/auth/password-reset", "", map[string]string{"email": "Owner@Acme.test"}).expect(http.StatusAccepted)
	if unknown.Body.String() != known.Body.String() || unknown.Header().Get("Content-Type") != known.Header().Get("Content-Type") {
		t.Fatalf("answers differ: %q / %q", unknown.Body.String(), known.Body.String())
	}
	token, subject := e.resetToken("owner@acme.test")
	if subject != "Choose a new Relance password" {
		t.Fatalf("subject %q", subject)
	}
	if n := e.count(`SELECT count(*) FROM river_job WHERE kind = 'mail.send'`); n != 1 {
		t.Fatalf("%d emails, want 1 (none for the unknown address)", n)
	}
	// Kept hashed: the token itself is nowhere in the table.
	sum := sha256.Sum256([]byte(token))
	if e.count(`SELECT count(*) FROM password_resets WHERE token_hash = $1`, sum[:]) != 1 ||
		e.count(`SELECT count(*) FROM password_resets WHERE position(convert_to($1, 'UTF8') in token_hash) > 0`, token) != 0 {
		t.Fatal("the reset token is not stored as its hash")
	}

	for i := 0; i < 5; i++ { // the owner tries the passwords they remember, then gives up
		e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "an old one"}).
			problem(http.StatusUnauthorized)
	}
	p := e.call("POST", "/api/v1/auth/password-reset/confirm", "", map[string]string{"token": token, "password": "short"}).
		problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["password"] == "" {
		t.Fatalf("errors %+v", p.Errors)
	}
	e.call("POST", "/api/v1/auth/password-reset/confirm", "", map[string]string{"token": token, "password": "a brand new passphrase"}).
		expect(http.StatusNoContent)

	// Every session ended; the old password is refused, the new one signs in.
	for _, rt := range []string{first.RefreshToken, other.RefreshToken} {
		e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": rt}).problem(http.StatusUnauthorized)
	}
	e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "correct horse battery"}).
		problem(http.StatusUnauthorized)
	e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test", "password": "a brand new passphrase"}).
		expect(http.StatusOK)

	// Single use.
	p = e.call("POST", "/api/v1/auth/password-reset/confirm", "", map[string]string{"token": token, "password": "yet another passphrase"}).
		problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["token"] == "" {
		t.Fatalf("errors %+v", p.Errors)
	}
	// Expiring: a link an hour old no longer works.
	e.signup("Other", "second@acme.test")
	e.call("POST", "/api/v1/auth/password-reset", "", map[string]string{"email": "second@acme.test"}).expect(http.StatusAccepted)
	late, _ := e.resetToken("second@acme.test")
	if err := e.app.DB.Gorm.Exec(`UPDATE password_resets SET created_at = created_at - interval '1 hour', expires_at = expires_at - interval '1 hour'`).Error; err != nil {
		t.Fatal(err)
	}
	e.call("POST", "/api/v1/auth/password-reset/confirm", "", map[string]string{"token": late, "password": "yet another passphrase"}).
		problem(http.StatusUnprocessableEntity)
	e.call("POST", "/api/v1/auth/password-reset/confirm", "", map[string]string{"token": "rlp_made-up", "password": "yet another passphrase"}).
		problem(http.StatusUnprocessableEntity)
}

func TestPasswordResetEmailInFrench(t *testing.T) {
	e := newEnv(t)
	e.call("POST", "/api/v1/auth/signup", "", map[string]string{"organization_name": "Démo", "name": "Camille",
		"email": "camille@demo.test", "password": "correct horse battery", "locale": "fr"}).expect(http.StatusCreated)
	e.call("POST", "/api/v1/auth/password-reset", "", map[string]string{"email": "camille@demo.test"}).expect(http.StatusAccepted)
	if _, subject := e.resetToken("camille@demo.test"); subject != "Choisissez un nouveau mot de passe Relance" {
		t.Fatalf("subject %q", subject)
	}
}

// Requests are limited per address asked about (whether or not it has an account: the limit
// must not tell either) and per client address.
func TestPasswordResetIsLimited(t *testing.T) {
	e := newEnv(t)
	pinLimits(e)
	e.signup("Acme", "owner@acme.test")
	for _, email := range []string{"owner@acme.test", "nobody@acme.test"} {
		for i := 1; i <= 4; i++ {
			r := e.callFrom("127.0.0.4", "POST", "/api/v1/auth/password-reset", "", map[string]string{"email": email})
			if i <= 3 {
				r.expect(http.StatusAccepted)
			} else {
				r.problem(http.StatusTooManyRequests)
			}
		}
	}
	if n := e.count(`SELECT count(*) FROM river_job WHERE kind = 'mail.send'`); n != 3 {
		t.Fatalf("%d emails, want 3", n)
	}
	for i := 0; i < 2; i++ {
		e.callFrom("127.0.0.4", "POST", "/api/v1/auth/password-reset", "", map[string]string{"email": "x" + string(rune('a'+i)) + "@acme.test"}).
			expect(http.StatusAccepted)
	}
	e.callFrom("127.0.0.4", "POST", "/api/v1/auth/password-reset", "", map[string]string{"email": "fresh@acme.test"}).
		problem(http.StatusTooManyRequests)
	e.callFrom("127.0.0.5", "POST", "/api/v1/auth/password-reset", "", map[string]string{"email": "fresh@acme.test"}).
		expect(http.StatusAccepted)
	for i := 1; i <= 21; i++ {
		r := e.callFrom("127.0.0.6", "POST", "/api/v1/auth/password-reset/confirm", "", map[string]string{"token": "rlp_guess", "password": "a brand new passphrase"})
		if i <= 20 {
			r.problem(http.StatusUnprocessableEntity)
		} else {
			r.problem(http.StatusTooManyRequests)
		}
	}
}
