package api_test

import (
	"net/http"
	"testing"

	"github.com/relance/relance/api"
)

// Every address someone types follows one rule (locale.Email): the sign-up, an invitation, a
// contact, the reminders' reply-to and the debtor page's contact refuse a display name and a
// domain without a dot, which some of them used to take.
func TestEmailAddressesFollowOneRule(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	var settings api.DunningSettingsResponse
	f.get("/api/v1/dunning/settings", &settings)
	for _, bad := range []string{"Jean <jean@acme.test>", "jean.dupont@localhost"} {
		for _, tc := range []struct {
			method, path, field string
			body                any
		}{
			{"POST", "/api/v1/auth/signup", "email", map[string]string{"name": "Jean", "email": bad,
				"password": "correct horse battery", "organization_name": "Acme"}},
			{"POST", "/api/v1/invitations", "email", map[string]string{"email": bad, "role": "viewer"}},
			{"POST", "/api/v1/customers/" + f.customer.ID + "/contacts", "email", map[string]string{"name": "Jean", "email": bad}},
			{"PUT", "/api/v1/dunning/settings", "reply_to", func() api.DunningSettings {
				s := settings.DunningSettings
				s.ReplyTo = bad
				return s
			}()},
		} {
			p := f.e.call(tc.method, tc.path, f.token, tc.body).problem(http.StatusUnprocessableEntity)
			if got := fieldsOf(p)[tc.field]; got == "" {
				t.Errorf("%s %s with %q: no error on %s: %+v", tc.method, tc.path, bad, tc.field, p.Errors)
			}
		}
	}
	// A bare address, with spaces around it, is taken, and stored trimmed.
	s := settings.DunningSettings
	s.ReplyTo = "  compta@acme.test "
	var saved api.DunningSettingsResponse
	f.e.call("PUT", "/api/v1/dunning/settings", f.token, s).expect(http.StatusOK).json(&saved)
	if saved.ReplyTo != "compta@acme.test" {
		t.Errorf("reply_to saved as %q", saved.ReplyTo)
	}
}
