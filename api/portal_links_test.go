package api_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/portal"
)

// exec runs a statement on the test's database: what debtors do on the page (questions,
// bank-detail changes, attachments) is set up directly, the dashboard side is tested over HTTP.
func (e *env) exec(sql string, args ...any) {
	e.t.Helper()
	if err := e.app.DB.Gorm.Exec(sql, args...).Error; err != nil {
		e.t.Fatalf("%s: %v", sql, err)
	}
}

func (f *ledgerFixture) orgID() string {
	f.e.t.Helper()
	return f.e.me(f.token).Organization.ID
}

func (f *ledgerFixture) portalLink(email string) api.PortalLinkCreated {
	f.e.t.Helper()
	var l api.PortalLinkCreated
	f.e.call("POST", "/api/v1/customers/"+f.customer.ID+"/portal-links", f.token, map[string]string{"contact_email": email}).
		expect(http.StatusCreated).json(&l)
	return l
}

func tokenOf(t *testing.T, link string) string {
	t.Helper()
	i := strings.Index(link, "/p/")
	if i < 0 {
		t.Fatalf("no token in %q", link)
	}
	return link[i+3:]
}

// question records a question asked on the page through link (nil: none) about invoice.
func (f *ledgerFixture) question(linkID, invoiceID *string, message string) string {
	f.e.t.Helper()
	id := uuid.NewString()
	f.e.exec(`INSERT INTO portal_questions (id, organization_id, customer_id, link_id, invoice_id, message)
		VALUES (?, ?, ?, ?, ?, ?)`, id, f.orgID(), f.customer.ID, linkID, invoiceID, message)
	return id
}

// bankChange records new bank details given on the page.
func (f *ledgerFixture) bankChange(linkID *string, iban string) string {
	f.e.t.Helper()
	id := uuid.NewString()
	f.e.exec(`INSERT INTO bank_detail_changes (id, organization_id, customer_id, link_id, holder, iban, bic, country)
		VALUES (?, ?, ?, ?, 'Boulangerie Martin SARL', ?, 'PSSTFRPPPAR', 'FR')`, id, f.orgID(), f.customer.ID, linkID, iban)
	return id
}

// attach stores a file as a debtor's attachment to a row of table.
func (f *ledgerFixture) attach(table, id, name, content string) {
	f.e.t.Helper()
	key := "org/" + f.orgID() + "/portal/attachments/" + uuid.NewString()
	if _, err := f.e.app.Files.Put(context.Background(), key, strings.NewReader(content)); err != nil {
		f.e.t.Fatal(err)
	}
	f.e.exec(`UPDATE `+table+` SET attachment_key = ?, attachment_name = ? WHERE id = ?`, key, name, id)
}

func (f *ledgerFixture) kinds() map[string]int {
	f.e.t.Helper()
	var list api.ActivityList
	f.get("/api/v1/customers/"+f.customer.ID+"/activities?limit=200", &list)
	out := map[string]int{}
	for _, a := range list.Items {
		out[a.Kind]++
	}
	return out
}

// Staff make links for a customer, see them with their visits (never their tokens) and revoke
// them; a link opens its own customer's page and nothing else.
func TestPortalLinksFromTheDashboard(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	ctx := context.Background()
	l := f.portalLink("Claire@Martin.test")
	token := tokenOf(t, l.URL)
	if !strings.HasPrefix(l.URL, "http://localhost:8080/p/") || len(token) != 43 || l.ContactEmail != "claire@martin.test" {
		t.Fatalf("link %+v", l)
	}
	if d := time.Until(l.ExpiresAt); d < 89*24*time.Hour || d > 91*24*time.Hour {
		t.Fatalf("expires in %s, want the default 90 days", d)
	}
	p := f.e.call("POST", "/api/v1/customers/"+f.customer.ID+"/portal-links", f.token, map[string]string{"contact_email": "claire@"}).
		problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["contact_email"] == "" {
		t.Fatalf("problem %+v", p.Errors)
	}

	// The link opens the page of this customer of this organisation.
	acc, err := f.e.app.Portal.Open(ctx, token, "127.0.0.1")
	if err != nil || acc.OrganizationID.String() != f.orgID() || acc.CustomerID.String() != f.customer.ID {
		t.Fatalf("open: %+v %v", acc, err)
	}

	// A shorter lifetime applies to the next links.
	settings := map[string]any{"link_lifetime_days": 7, "promise_horizon_days": 30, "brand_color": "#1c7ed6",
		"creditor_iban": "", "creditor_bic": "", "payment_methods": []string{}, "contact_phone": "", "contact_email": ""}
	f.e.call("PUT", "/api/v1/portal/settings", f.token, settings).expect(http.StatusOK)
	short := f.portalLink("")
	if d := time.Until(short.ExpiresAt); d < 6*24*time.Hour || d > 8*24*time.Hour {
		t.Fatalf("expires in %s, want 7 days", d)
	}

	var list api.PortalLinkList
	r := f.e.call("GET", "/api/v1/customers/"+f.customer.ID+"/portal-links", f.token, nil).expect(http.StatusOK)
	r.json(&list)
	if strings.Contains(r.Body.String(), token) {
		t.Fatal("the list shows a token")
	}
	if list.Total != 2 || list.Items[0].ID != short.ID || list.Items[1].ID != l.ID {
		t.Fatalf("links %+v", list)
	}
	first := list.Items[1]
	if first.Status != "active" || first.Source != "staff" || first.VisitCount != 1 || first.LastVisitedAt == nil ||
		first.CreatedByName == nil || *first.CreatedByName != "Owner of Acme" || first.ContactEmail != "claire@martin.test" {
		t.Fatalf("link %+v", first)
	}

	viewer := f.e.join(f.token, "viewer@acme.test", "viewer")
	f.e.call("GET", "/api/v1/customers/"+f.customer.ID+"/portal-links", viewer.AccessToken, nil).expect(http.StatusOK)
	f.e.call("POST", "/api/v1/customers/"+f.customer.ID+"/portal-links", viewer.AccessToken, map[string]string{}).
		problem(http.StatusForbidden)
	f.e.call("DELETE", "/api/v1/portal-links/"+l.ID, viewer.AccessToken, nil).problem(http.StatusForbidden)

	f.e.call("DELETE", "/api/v1/portal-links/"+l.ID, f.token, nil).expect(http.StatusNoContent)
	f.e.call("DELETE", "/api/v1/portal-links/"+l.ID, f.token, nil).expect(http.StatusNoContent)
	if _, err := f.e.app.Portal.Open(ctx, token, "127.0.0.1"); !errors.Is(err, portal.ErrLinkInvalid) {
		t.Fatalf("a revoked link opened: %v", err)
	}
	f.get("/api/v1/customers/"+f.customer.ID+"/portal-links", &list)
	if list.Items[1].Status != "revoked" || list.Items[1].RevokedAt == nil || list.Items[0].Status != "active" {
		t.Fatalf("after revocation %+v", list.Items)
	}
	if k := f.kinds(); k["portal_link_created"] != 2 || k["portal_link_revoked"] < 1 || k["portal_visited"] != 1 {
		t.Fatalf("timeline %v", k)
	}

	// Another organisation's link opens its own customer only.
	other := f.e.signup("Other", "owner@other.test")
	var theirs api.CustomerResponse
	f.e.call("POST", "/api/v1/customers", other.AccessToken, map[string]any{"name": "Client de B"}).
		expect(http.StatusCreated).json(&theirs)
	var bl api.PortalLinkCreated
	f.e.call("POST", "/api/v1/customers/"+theirs.ID+"/portal-links", other.AccessToken, map[string]string{}).
		expect(http.StatusCreated).json(&bl)
	acc, err = f.e.app.Portal.Open(ctx, tokenOf(t, bl.URL), "127.0.0.1")
	if err != nil || acc.CustomerID.String() != theirs.ID || acc.OrganizationID.String() == f.orgID() {
		t.Fatalf("B's link opens %+v %v", acc, err)
	}
	f.e.call("GET", "/api/v1/customers/"+theirs.ID+"/portal-links", f.token, nil).problem(http.StatusNotFound)
}

// Every id route of the dashboard side answers 404 to another organisation, whose lists stay
// empty, and changes nothing.
func TestPortalStaffInvisibleToOtherOrgs(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	inv := f.invoice("T-1", "2026-01-05", "2026-02-04", 10000)
	link := f.portalLink("claire@martin.test")
	q := f.question(&link.ID, &inv.ID, "Une question ?")
	f.attach("portal_questions", q, "note.pdf", tinyPDF)
	var d api.DisputeResponse
	f.e.call("POST", "/api/v1/disputes", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{inv.ID},
		"reason": "other"}).expect(http.StatusCreated).json(&d)
	f.attach("disputes", d.ID, "note.pdf", tinyPDF)
	change := f.bankChange(&link.ID, "FR1420041010050500013M02606")

	other := f.e.signup("Other", "owner@other.test")
	var keyB api.CreatedAPIKeyResponse
	f.e.call("POST", "/api/v1/api-keys", other.AccessToken, map[string]string{"name": "B", "role": "admin"}).
		expect(http.StatusCreated).json(&keyB)
	reqs := []crossOrgRequest{
		{"POST", "/api/v1/customers/" + f.customer.ID + "/portal-links", map[string]string{}},
		{"GET", "/api/v1/customers/" + f.customer.ID + "/portal-links", nil},
		{"DELETE", "/api/v1/portal-links/" + link.ID, nil},
		{"POST", "/api/v1/portal/questions/" + q + "/answer", map[string]string{"answer": "Non."}},
		{"GET", "/api/v1/portal/questions/" + q + "/attachment", nil},
		{"GET", "/api/v1/disputes/" + d.ID + "/attachment", nil},
		{"POST", "/api/v1/bank-detail-changes/" + change + "/confirm", nil},
		{"POST", "/api/v1/bank-detail-changes/" + change + "/reject", nil},
	}
	for _, token := range []string{other.AccessToken, keyB.Key} {
		assertInvisibleToOtherOrgs(t, f.e, token, reqs, func() {
			var links api.PortalLinkList
			f.get("/api/v1/customers/"+f.customer.ID+"/portal-links", &links)
			if links.Total != 1 || links.Items[0].Status != "active" {
				t.Fatalf("A's links %+v", links)
			}
			var qs api.PortalQuestionList
			f.get("/api/v1/portal/questions?status=open", &qs)
			if qs.Total != 1 {
				t.Fatal("another organisation answered A's question")
			}
			var changes api.BankDetailChangeList
			f.get("/api/v1/bank-detail-changes?status=pending", &changes)
			if changes.Total != 1 || f.e.count(`SELECT count(*) FROM customer_bank_accounts`) != 0 {
				t.Fatal("another organisation decided A's bank details")
			}
		})
	}
	for _, path := range []string{"/api/v1/portal/questions", "/api/v1/disputes", "/api/v1/promises", "/api/v1/bank-detail-changes",
		"/api/v1/portal/questions?customer_id=" + f.customer.ID, "/api/v1/disputes?customer_id=" + f.customer.ID} {
		var list struct{ Total int64 }
		f.e.call("GET", path, other.AccessToken, nil).expect(http.StatusOK).json(&list)
		if list.Total != 0 {
			t.Errorf("%s: the other organisation sees %d", path, list.Total)
		}
	}
	var st api.PortalSettingsResponse
	f.e.call("PUT", "/api/v1/portal/settings", other.AccessToken, api.PortalSettingsRequest{LinkLifetimeDays: 3,
		PromiseHorizonDays: 3, BrandColor: "#000000"}).expect(http.StatusOK)
	f.get("/api/v1/portal/settings", &st)
	if st.LinkLifetimeDays != 90 {
		t.Fatal("another organisation's settings apply to A")
	}
}
