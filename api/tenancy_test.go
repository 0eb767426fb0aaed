package api_test

import (
	"net/http"
	"testing"

	"github.com/relance/relance/api"
)

// crossOrgRequest is a request that names an object of organisation A.
type crossOrgRequest struct {
	method, path string
	body         any
}

// assertInvisibleToOtherOrgs checks the tenancy rule every resource follows: a member (or an API
// key) of organisation B asking for any object of organisation A gets a 404, as if it did not
// exist, and the object is unchanged for A (check reads it back).
func assertInvisibleToOtherOrgs(t *testing.T, e *env, otherToken string, reqs []crossOrgRequest, check func()) {
	t.Helper()
	for _, r := range reqs {
		p := e.call(r.method, r.path, otherToken, r.body).problem(http.StatusNotFound)
		if p.Detail == "" {
			t.Errorf("%s %s: empty problem", r.method, r.path)
		}
	}
	check()
}

func TestOrganizationsCannotSeeEachOther(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.signup("Org A", "owner@a.test")
	b := e.signup("Org B", "owner@b.test")
	memberA := e.join(a.AccessToken, "member@a.test", "collector")
	memberAID := e.me(memberA.AccessToken).User.ID

	var keyA api.CreatedAPIKeyResponse
	e.call("POST", "/api/v1/api-keys", a.AccessToken, map[string]string{"name": "A's key", "role": "viewer"}).
		expect(http.StatusCreated).json(&keyA)
	var invA api.InvitationResponse
	e.call("POST", "/api/v1/invitations", a.AccessToken, map[string]string{"email": "pending@a.test", "role": "viewer"}).
		expect(http.StatusCreated).json(&invA)

	var keyB api.CreatedAPIKeyResponse
	e.call("POST", "/api/v1/api-keys", b.AccessToken, map[string]string{"name": "B's key", "role": "admin"}).
		expect(http.StatusCreated).json(&keyB)

	reqs := []crossOrgRequest{
		{"DELETE", "/api/v1/api-keys/" + keyA.ID, nil},
		{"DELETE", "/api/v1/invitations/" + invA.ID, nil},
		{"PATCH", "/api/v1/members/" + memberAID, map[string]string{"role": "viewer"}},
		{"DELETE", "/api/v1/members/" + memberAID, nil},
	}
	for _, token := range []string{b.AccessToken, keyB.Key} {
		assertInvisibleToOtherOrgs(t, e, token, reqs, func() {
			e.me(keyA.Key) // A's key still works
			if me := e.me(memberA.AccessToken); me.Organization.Role != "collector" {
				t.Fatalf("A's member changed: %+v", me.Organization)
			}
			var list api.InvitationList
			e.call("GET", "/api/v1/invitations?status=pending", a.AccessToken, nil).expect(http.StatusOK).json(&list)
			if list.Total != 1 {
				t.Fatalf("A's invitation was revoked by B")
			}
		})
	}

	// Lists only ever show one's own organisation.
	var keys api.APIKeyList
	e.call("GET", "/api/v1/api-keys", b.AccessToken, nil).expect(http.StatusOK).json(&keys)
	if keys.Total != 1 || keys.Items[0].Name != "B's key" {
		t.Fatalf("B sees keys %+v", keys)
	}
	var members api.MemberList
	e.call("GET", "/api/v1/members", keyB.Key, nil).expect(http.StatusOK).json(&members)
	if members.Total != 1 || members.Items[0].Email != "owner@b.test" {
		t.Fatalf("B sees members %+v", members)
	}
}
