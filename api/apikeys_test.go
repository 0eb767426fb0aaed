package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/relance/relance/api"
)

func TestAPIKeyLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")

	var created api.CreatedAPIKeyResponse
	e.call("POST", "/api/v1/api-keys", owner.AccessToken, map[string]string{"name": "ERP sync", "role": "collector"}).
		expect(http.StatusCreated).json(&created)
	if !strings.HasPrefix(created.Key, "rlk_") || len(created.Key) < 40 || !strings.HasPrefix(created.Key, created.Prefix) {
		t.Fatalf("key %q with prefix %q", created.Key, created.Prefix)
	}

	// The key works on the same routes, as its organisation, with its role, and no user.
	me := e.me(created.Key)
	if me.User != nil || me.Organization.ID != owner.OrganizationID || me.Organization.Role != "collector" {
		t.Fatalf("key sees %+v", me)
	}

	// Listed without its secret, with when it was last used.
	r := e.call("GET", "/api/v1/api-keys", owner.AccessToken, nil).expect(http.StatusOK)
	if strings.Contains(r.Body.String(), created.Key) {
		t.Fatal("the list shows the secret")
	}
	var list api.APIKeyList
	r.json(&list)
	if list.Total != 1 || list.Items[0].LastUsedAt == nil || list.Items[0].CreatedBy == nil || *list.Items[0].CreatedBy != "Owner of Acme" {
		t.Fatalf("list = %+v", list)
	}

	// A collector key may not manage keys.
	e.call("GET", "/api/v1/api-keys", created.Key, nil).problem(http.StatusForbidden)

	e.call("DELETE", "/api/v1/api-keys/"+created.ID, owner.AccessToken, nil).expect(http.StatusNoContent)
	e.call("GET", "/api/v1/me", created.Key, nil).problem(http.StatusUnauthorized)
	e.call("GET", "/api/v1/api-keys", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Items[0].RevokedAt == nil {
		t.Fatal("revoked key not shown as revoked")
	}
}

func TestAPIKeyValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	p := e.call("POST", "/api/v1/api-keys", owner.AccessToken, map[string]string{"name": "", "role": "owner"}).
		problem(http.StatusUnprocessableEntity)
	fields := map[string]bool{}
	for _, f := range p.Errors {
		fields[f.Field] = true
	}
	if !fields["name"] || !fields["role"] {
		t.Fatalf("errors = %+v", p.Errors)
	}
	// An admin key can create keys, but never more powerful than itself.
	var admin api.CreatedAPIKeyResponse
	e.call("POST", "/api/v1/api-keys", owner.AccessToken, map[string]string{"name": "admin", "role": "admin"}).
		expect(http.StatusCreated).json(&admin)
	e.call("POST", "/api/v1/api-keys", admin.Key, map[string]string{"name": "child", "role": "viewer"}).expect(http.StatusCreated)
}

func TestListParameters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	for _, n := range []string{"Beta", "Alpha", "Gamma"} {
		e.call("POST", "/api/v1/api-keys", owner.AccessToken, map[string]string{"name": n, "role": "viewer"}).expect(http.StatusCreated)
	}
	var list api.APIKeyList
	e.call("GET", "/api/v1/api-keys?sort=-name&limit=2", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 3 || len(list.Items) != 2 || list.Items[0].Name != "Gamma" || list.Items[1].Name != "Beta" {
		t.Fatalf("sorted page = %+v", list)
	}
	e.call("GET", "/api/v1/api-keys?sort=name&offset=2", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if len(list.Items) != 1 || list.Items[0].Name != "Gamma" {
		t.Fatalf("offset page = %+v", list)
	}
	e.call("GET", "/api/v1/api-keys?q=alp", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 1 || list.Items[0].Name != "Alpha" {
		t.Fatalf("search = %+v", list)
	}
	for _, bad := range []string{"sort=key_hash", "limit=-1", "limit=1000", "offset=x"} {
		e.call("GET", "/api/v1/api-keys?"+bad, owner.AccessToken, nil).problem(http.StatusUnprocessableEntity)
	}
}
