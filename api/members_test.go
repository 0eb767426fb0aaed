package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/api"
)

func TestInvitationByEmail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	var inv api.InvitationResponse
	e.call("POST", "/api/v1/invitations", owner.AccessToken, map[string]string{"email": "alex@acme.test", "role": "admin"}).
		expect(http.StatusCreated).json(&inv)
	if inv.Status != "pending" || inv.InvitedBy == nil {
		t.Fatalf("invitation = %+v", inv)
	}

	msg := e.mail.WaitForEmail(t, "alex@acme.test", 15*time.Second)
	if !strings.Contains(msg.Subject, "Acme") || !strings.Contains(msg.HTML, "http://localhost:8080/invite/rli_") ||
		len(msg.ReplyTo) != 1 || msg.ReplyTo[0].Address != "owner@acme.test" {
		t.Fatalf("email: subject %q, reply-to %+v", msg.Subject, msg.ReplyTo)
	}
	token := e.invitationToken("alex@acme.test")

	var info api.InvitationLookupResponse
	e.call("GET", "/api/v1/invitations/lookup?token="+token, "", nil).expect(http.StatusOK).json(&info)
	if info.OrganizationName != "Acme" || info.Role != "admin" || info.UserExists {
		t.Fatalf("lookup = %+v", info)
	}
	e.call("POST", "/api/v1/invitations/accept", "", map[string]string{"token": token, "name": "Alex", "password": "short"}).
		problem(http.StatusUnprocessableEntity)
	var tok api.TokenResponse
	e.call("POST", "/api/v1/invitations/accept", "", map[string]string{"token": token, "name": "Alex", "password": "correct horse battery"}).
		expect(http.StatusOK).json(&tok)
	if me := e.me(tok.AccessToken); me.Organization.Role != "admin" || me.User.Name != "Alex" {
		t.Fatalf("new member = %+v", me)
	}
	e.call("POST", "/api/v1/invitations/accept", "", map[string]string{"token": token, "password": "correct horse battery"}).
		problem(http.StatusConflict)
	e.call("GET", "/api/v1/invitations/lookup?token=rli_unknown", "", nil).problem(http.StatusNotFound)

	var list api.InvitationList
	e.call("GET", "/api/v1/invitations?status=accepted", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 1 || list.Items[0].Status != "accepted" {
		t.Fatalf("accepted invitations = %+v", list)
	}
	// Inviting a member again is a conflict; a revoked invitation's link stops working.
	e.call("POST", "/api/v1/invitations", owner.AccessToken, map[string]string{"email": "alex@acme.test", "role": "viewer"}).
		problem(http.StatusConflict)
	e.call("POST", "/api/v1/invitations", owner.AccessToken, map[string]string{"email": "sam@acme.test", "role": "viewer"}).
		expect(http.StatusCreated).json(&inv)
	samToken := e.invitationToken("sam@acme.test")
	e.call("DELETE", "/api/v1/invitations/"+inv.ID, owner.AccessToken, nil).expect(http.StatusNoContent)
	e.call("GET", "/api/v1/invitations/lookup?token="+samToken, "", nil).problem(http.StatusConflict)

	e.call("GET", "/api/v1/invitations?sort=status", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 2 || list.Items[0].Status != "accepted" || list.Items[1].Status != "revoked" {
		t.Fatalf("sorted by status = %+v", list.Items)
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	admin := e.join(owner.AccessToken, "admin@acme.test", "admin")
	viewer := e.join(owner.AccessToken, "viewer@acme.test", "viewer")
	adminID, viewerID := e.me(admin.AccessToken).User.ID, e.me(viewer.AccessToken).User.ID
	ownerID := e.me(owner.AccessToken).User.ID

	// Viewers and collectors read, but do not manage people or keys.
	e.call("GET", "/api/v1/members", viewer.AccessToken, nil).problem(http.StatusForbidden)
	e.call("POST", "/api/v1/invitations", viewer.AccessToken, map[string]string{"email": "x@acme.test", "role": "viewer"}).problem(http.StatusForbidden)
	e.call("POST", "/api/v1/api-keys", viewer.AccessToken, map[string]string{"name": "k", "role": "viewer"}).problem(http.StatusForbidden)
	e.me(viewer.AccessToken)

	// Admins manage members but cannot make or unmake owners.
	var m api.MemberResponse
	e.call("PATCH", "/api/v1/members/"+viewerID, admin.AccessToken, map[string]string{"role": "collector"}).expect(http.StatusOK).json(&m)
	if m.Role != "collector" {
		t.Fatalf("role = %s", m.Role)
	}
	// The new role applies at once, without a new token.
	if me := e.me(viewer.AccessToken); me.Organization.Role != "collector" {
		t.Fatalf("role in use = %s", me.Organization.Role)
	}
	// Collectors see their colleagues (to choose a customer's internal owners), not more.
	e.call("GET", "/api/v1/members", viewer.AccessToken, nil).expect(http.StatusOK)
	e.call("GET", "/api/v1/invitations", viewer.AccessToken, nil).problem(http.StatusForbidden)
	e.call("PATCH", "/api/v1/members/"+viewerID, admin.AccessToken, map[string]string{"role": "owner"}).problem(http.StatusForbidden)
	e.call("PATCH", "/api/v1/members/"+ownerID, admin.AccessToken, map[string]string{"role": "viewer"}).problem(http.StatusForbidden)
	e.call("POST", "/api/v1/invitations", admin.AccessToken, map[string]string{"email": "o@acme.test", "role": "owner"}).problem(http.StatusForbidden)
	e.call("PATCH", "/api/v1/members/"+viewerID, admin.AccessToken, map[string]string{"role": "boss"}).problem(http.StatusUnprocessableEntity)

	// The last owner stays owner.
	e.call("PATCH", "/api/v1/members/"+ownerID, owner.AccessToken, map[string]string{"role": "admin"}).problem(http.StatusConflict)
	e.call("DELETE", "/api/v1/members/"+ownerID, owner.AccessToken, nil).problem(http.StatusConflict)
	e.call("PATCH", "/api/v1/members/"+adminID, owner.AccessToken, map[string]string{"role": "owner"}).expect(http.StatusOK)
	e.call("PATCH", "/api/v1/members/"+ownerID, owner.AccessToken, map[string]string{"role": "admin"}).expect(http.StatusOK)

	// A removed member's tokens stop working at once.
	e.call("DELETE", "/api/v1/members/"+viewerID, admin.AccessToken, nil).expect(http.StatusNoContent)
	e.call("GET", "/api/v1/me", viewer.AccessToken, nil).problem(http.StatusUnauthorized)
	e.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": viewer.RefreshToken}).problem(http.StatusUnauthorized)

	var list api.MemberList
	e.call("GET", "/api/v1/members?sort=email", admin.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 2 || list.Items[0].Email != "admin@acme.test" || list.Items[1].Email != "owner@acme.test" {
		t.Fatalf("members = %+v", list)
	}
}
