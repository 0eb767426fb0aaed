package api_test

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
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

func (e *env) uploadFile(method, path, token, name string, content []byte) response {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", name)
	part.Write(content)
	w.Close()
	req := httptest.NewRequest(method, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	req.RemoteAddr = "127.0.0.1:40000"
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return recorded(rec, e.t)
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

var pngLogo = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")

// Admins set the page: validated field by field (in French for French callers), the logo by
// its content.
func TestPortalSettingsOverHTTP(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	var st api.PortalSettingsResponse
	f.get("/api/v1/portal/settings", &st)
	if st.LinkLifetimeDays != 90 || st.PromiseHorizonDays != 30 || st.BrandColor != "#1c7ed6" || st.HasLogo ||
		strings.Join(st.PaymentMethods, ",") != "card,sepa_debit" || st.UpdatedAt != nil {
		t.Fatalf("defaults %+v", st)
	}
	good := api.PortalSettingsRequest{LinkLifetimeDays: 120, PromiseHorizonDays: 45, BrandColor: "#0B7285",
		CreditorIBAN: "fr14 2004 1010 0505 0001 3m02 606", CreditorBIC: "psstfrpppar", PaymentMethods: []string{"sepa_debit"},
		ContactPhone: "01 23 45 67 89", ContactEmail: "compta@acme.test"}
	f.e.call("PUT", "/api/v1/portal/settings", f.token, good).expect(http.StatusOK).json(&st)
	if st.CreditorIBAN != "FR1420041010050500013M02606" || st.CreditorBIC != "PSSTFRPPPAR" || st.BrandColor != "#0b7285" ||
		st.ContactPhone != "+33123456789" || strings.Join(st.PaymentMethods, ",") != "sepa_debit" || st.UpdatedAt == nil {
		t.Fatalf("saved %+v", st)
	}
	var again api.PortalSettingsResponse
	f.get("/api/v1/portal/settings", &again)
	if again.LinkLifetimeDays != 120 || again.CreditorIBAN != st.CreditorIBAN {
		t.Fatalf("read back %+v", again)
	}

	bad := api.PortalSettingsRequest{LinkLifetimeDays: 731, PromiseHorizonDays: 0, BrandColor: "bleu",
		CreditorIBAN: "FR1420041010050500013M02607", CreditorBIC: "PSST", PaymentMethods: []string{"card", "cheque"},
		ContactPhone: "12", ContactEmail: "compta@"}
	p := f.e.callFR("PUT", "/api/v1/portal/settings", f.token, bad).problem(http.StatusUnprocessableEntity)
	got := fieldsOf(p)
	for _, field := range []string{"link_lifetime_days", "promise_horizon_days", "brand_color", "creditor_iban",
		"creditor_bic", "payment_methods", "contact_phone", "contact_email"} {
		if got[field] == "" {
			t.Errorf("no problem for %s: %+v", field, p.Errors)
		}
	}
	if got["link_lifetime_days"] != "Entre 1 et 730 jours." || got["brand_color"] != "Utilisez une couleur comme #1c7ed6." {
		t.Errorf("French texts %v", got)
	}
	f.get("/api/v1/portal/settings", &again)
	if again.LinkLifetimeDays != 120 {
		t.Fatal("refused settings were saved")
	}

	collector := f.e.join(f.token, "collector@acme.test", "collector")
	f.e.call("GET", "/api/v1/portal/settings", collector.AccessToken, nil).expect(http.StatusOK)
	f.e.call("PUT", "/api/v1/portal/settings", collector.AccessToken, good).problem(http.StatusForbidden)
	f.e.uploadFile("PUT", "/api/v1/portal/settings/logo", collector.AccessToken, "logo.png", pngLogo).problem(http.StatusForbidden)
	f.e.call("DELETE", "/api/v1/portal/settings/logo", collector.AccessToken, nil).problem(http.StatusForbidden)

	// The logo: told by its content, whatever its name.
	f.e.call("GET", "/api/v1/portal/settings/logo", f.token, nil).problem(http.StatusNotFound)
	for name, content := range map[string][]byte{
		"logo.png":  []byte("GIF89a\x01\x00\x01\x00"),
		"logo.svg":  []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"large.png": append(bytes.Clone(pngLogo), make([]byte, 1<<20)...),
	} {
		p := f.e.uploadFile("PUT", "/api/v1/portal/settings/logo", f.token, name, content).problem(http.StatusUnprocessableEntity)
		if fieldsOf(p)["file"] == "" {
			t.Errorf("%s: %+v", name, p.Errors)
		}
	}
	f.e.uploadFile("PUT", "/api/v1/portal/settings/logo", f.token, "logo.gif", pngLogo).expect(http.StatusOK).json(&st)
	if !st.HasLogo || st.LinkLifetimeDays != 120 {
		t.Fatalf("after upload %+v", st)
	}
	r := f.e.call("GET", "/api/v1/portal/settings/logo", collector.AccessToken, nil).expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "image/png" || !bytes.Equal(r.Body.Bytes(), pngLogo) {
		t.Fatalf("logo %q %q", r.Header().Get("Content-Type"), r.Body.String())
	}
	svg := `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b7285"/></svg>`
	req := httptest.NewRequest("PUT", "/api/v1/portal/settings/logo", strings.NewReader(svg))
	req.Header.Set("Content-Type", "image/svg+xml")
	req.Header.Set("Authorization", "Bearer "+f.token)
	rec := httptest.NewRecorder()
	f.e.srv.ServeHTTP(rec, req)
	recorded(rec, t).expect(http.StatusOK)
	r = f.e.call("GET", "/api/v1/portal/settings/logo", f.token, nil).expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "image/svg+xml" || r.Body.String() != svg || r.Header().Get("Content-Security-Policy") == "" {
		t.Fatalf("svg logo %v %q", r.Header(), r.Body.String())
	}
	if n := f.e.count(`SELECT count(*) FROM portal_settings WHERE logo_key LIKE '%.svg'`); n != 1 {
		t.Fatalf("%d svg logos", n)
	}
	f.e.call("DELETE", "/api/v1/portal/settings/logo", f.token, nil).expect(http.StatusOK).json(&st)
	if st.HasLogo {
		t.Fatal("logo still set")
	}
	f.e.call("GET", "/api/v1/portal/settings/logo", f.token, nil).problem(http.StatusNotFound)
}

// Questions asked on the page are listed, answered once, and the answer reaches the contact who
// asked by email.
func TestPortalQuestionsAnsweredByEmail(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	f.contact("compta@martin.test")
	inv := f.invoice("F-118", "2026-03-01", "2026-03-31", 124000)
	link := f.portalLink("claire@martin.test")
	q1 := f.question(&link.ID, &inv.ID, "Bonjour,\nla facture F-118 est-elle bien à notre nom ?")
	q2 := f.question(nil, nil, "Pouvez-vous nous envoyer un relevé ?")
	f.attach("portal_questions", q1, "bon de commande.pdf", tinyPDF)

	var list api.PortalQuestionList
	f.get("/api/v1/portal/questions", &list)
	if list.Total != 2 {
		t.Fatalf("questions %+v", list)
	}
	var first api.PortalQuestionResponse
	for _, q := range list.Items {
		if q.ID == q1 {
			first = q
		}
	}
	if first.CustomerName != "Boulangerie Martin" || first.InvoiceNumber == nil || *first.InvoiceNumber != "F-118" ||
		first.ContactEmail != "claire@martin.test" || !first.HasAttachment || first.Status != "open" {
		t.Fatalf("question %+v", first)
	}
	for query, want := range map[string]int64{
		"status=open": 2, "status=answered": 0, "customer_id=" + f.customer.ID: 2, "q=" + url.QueryEscape("relevé"): 1,
		"q=F-118": 1, "limit=1&offset=1": 2,
	} {
		f.get("/api/v1/portal/questions?"+query, &list)
		if list.Total != want {
			t.Errorf("%s: total %d, want %d", query, list.Total, want)
		}
	}
	for query, field := range map[string]string{"status=closed": "status", "customer_id=42": "customer_id", "sort=answer": "sort"} {
		p := f.e.call("GET", "/api/v1/portal/questions?"+query, f.token, nil).problem(http.StatusUnprocessableEntity)
		if fieldsOf(p)[field] == "" {
			t.Errorf("%s: %+v", query, p.Errors)
		}
	}

	r := f.e.call("GET", "/api/v1/portal/questions/"+q1+"/attachment", f.token, nil).expect(http.StatusOK)
	if r.Body.String() != tinyPDF || r.Header().Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(r.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("attachment %v", r.Header())
	}
	f.e.call("GET", "/api/v1/portal/questions/"+q2+"/attachment", f.token, nil).problem(http.StatusNotFound)

	viewer := f.e.join(f.token, "viewer@acme.test", "viewer")
	f.e.call("GET", "/api/v1/portal/questions", viewer.AccessToken, nil).expect(http.StatusOK)
	f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", viewer.AccessToken, map[string]string{"answer": "Oui."}).
		problem(http.StatusForbidden)
	p := f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", f.token, map[string]string{"answer": "  "}).
		problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["answer"] == "" {
		t.Fatalf("problem %+v", p.Errors)
	}

	answer := "Oui, elle est bien au nom de Boulangerie Martin SARL."
	var answered api.PortalQuestionResponse
	f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", f.token, map[string]string{"answer": answer}).
		expect(http.StatusOK).json(&answered)
	if answered.Status != "answered" || answered.Answer != answer || answered.AnsweredAt == nil ||
		answered.AnsweredByName == nil || answered.EmailedTo != "claire@martin.test" {
		t.Fatalf("answered %+v", answered)
	}
	msg := f.e.mail.WaitForEmail(t, "claire@martin.test", 20*time.Second)
	if !strings.Contains(msg.Text, answer) || !strings.Contains(msg.Text, "> la facture F-118 est-elle bien") ||
		!strings.Contains(msg.Subject, "F-118") || !strings.Contains(msg.Subject, "Acme") {
		t.Fatalf("answer email %q:\n%s", msg.Subject, msg.Text)
	}
	if len(msg.ReplyTo) != 1 || msg.ReplyTo[0].Address != "owner@acme.test" {
		t.Fatalf("reply to %+v", msg.ReplyTo)
	}
	f.e.call("POST", "/api/v1/portal/questions/"+q1+"/answer", f.token, map[string]string{"answer": "Encore ?"}).
		problem(http.StatusConflict)

	// Without a link, the answer goes to the customer's accounting contact.
	f.e.call("POST", "/api/v1/portal/questions/"+q2+"/answer", f.token, map[string]string{"answer": "Le voici."}).
		expect(http.StatusOK).json(&answered)
	if answered.EmailedTo != "compta@martin.test" {
		t.Fatalf("emailed to %q", answered.EmailedTo)
	}
	f.e.mail.WaitForEmail(t, "compta@martin.test", 20*time.Second)
	f.get("/api/v1/portal/questions?status=answered", &list)
	if list.Total != 2 {
		t.Fatalf("answered %d", list.Total)
	}
	if k := f.kinds(); k["portal_question_answered"] != 2 {
		t.Fatalf("timeline %v", k)
	}
}

// Disputes and promises (from the page or not) are listed with their invoices; bank details
// change only once staff confirm, and a change is decided once.
func TestDisputesPromisesAndBankDetailChanges(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	today := parisToday()
	a := f.invoice("F-201", today.AddDate(0, 0, -40).Format(time.DateOnly), today.AddDate(0, 0, -10).Format(time.DateOnly), 50000)
	b := f.invoice("F-202", today.AddDate(0, 0, -35).Format(time.DateOnly), today.AddDate(0, 0, -5).Format(time.DateOnly), 20000)
	link := f.portalLink("claire@martin.test")
	var d api.DisputeResponse
	f.e.call("POST", "/api/v1/disputes", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{a.ID, b.ID},
		"reason": "goods_missing_or_defective", "comment": "Deux cartons manquants"}).expect(http.StatusCreated).json(&d)
	f.e.exec(`UPDATE disputes SET source = 'portal', link_id = ? WHERE id = ?`, link.ID, d.ID)
	f.attach("disputes", d.ID, "photo.jpg", "\xff\xd8\xff\xe0 photo")
	var pr api.PromiseResponse
	f.e.call("POST", "/api/v1/promises", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{b.ID},
		"promised_on": today.AddDate(0, 0, 7).Format(time.DateOnly), "method": "transfer"}).expect(http.StatusCreated).json(&pr)

	var disputes api.DisputeList
	f.get("/api/v1/disputes", &disputes)
	if disputes.Total != 1 {
		t.Fatalf("disputes %+v", disputes)
	}
	got := disputes.Items[0]
	if got.CustomerName != "Boulangerie Martin" || len(got.Invoices) != 2 || got.Invoices[0].Number != "F-201" ||
		got.Invoices[1].Number != "F-202" || got.Invoices[0].BalanceCents != 50000 || got.Source != "portal" ||
		got.LinkID == nil || *got.LinkID != link.ID || !got.HasAttachment || len(got.InvoiceIDs) != 2 {
		t.Fatalf("dispute %+v", got)
	}
	r := f.e.call("GET", "/api/v1/disputes/"+d.ID+"/attachment", f.token, nil).expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "image/jpeg" || !strings.Contains(r.Header().Get("Content-Disposition"), "photo.jpg") {
		t.Fatalf("attachment %v", r.Header())
	}
	for query, want := range map[string]int64{"status=open": 1, "status=resolved": 0, "customer_id=" + f.customer.ID: 1,
		"customer_id=" + uuid.NewString(): 0, "q=F-202": 1, "q=cartons": 1, "q=nothing": 0} {
		f.get("/api/v1/disputes?"+query, &disputes)
		if disputes.Total != want {
			t.Errorf("disputes?%s: %d, want %d", query, disputes.Total, want)
		}
	}
	f.e.call("GET", "/api/v1/disputes?status=closed", f.token, nil).problem(http.StatusUnprocessableEntity)

	var promises api.PromiseList
	f.get("/api/v1/promises?status=open", &promises)
	if promises.Total != 1 || promises.Items[0].CustomerName != "Boulangerie Martin" || len(promises.Items[0].Invoices) != 1 ||
		promises.Items[0].Invoices[0].Number != "F-202" || promises.Items[0].PromisedOn != today.AddDate(0, 0, 7).Format(time.DateOnly) {
		t.Fatalf("promises %+v", promises)
	}
	f.e.call("POST", "/api/v1/promises/"+pr.ID+"/cancel", f.token, nil).expect(http.StatusNoContent)
	f.get("/api/v1/promises?status=open", &promises)
	if promises.Total != 0 {
		t.Fatalf("open promises %+v", promises)
	}
	f.get("/api/v1/promises?status=cancelled&customer_id="+f.customer.ID, &promises)
	if promises.Total != 1 || promises.Items[0].ClosedAt == nil {
		t.Fatalf("cancelled promises %+v", promises)
	}
	p := f.e.call("GET", "/api/v1/promises?status=late", f.token, nil).problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["status"] == "" {
		t.Fatalf("problem %+v", p.Errors)
	}

	// Bank details: nothing changes until staff confirm.
	first := f.bankChange(&link.ID, "FR1420041010050500013M02606")
	accounts := func() int {
		return f.e.count(`SELECT count(*) FROM customer_bank_accounts WHERE customer_id = $1`, f.customer.ID)
	}
	if accounts() != 0 {
		t.Fatal("an account before confirmation")
	}
	var changes api.BankDetailChangeList
	f.get("/api/v1/bank-detail-changes?status=pending", &changes)
	if changes.Total != 1 || changes.Items[0].IBAN != "FR1420041010050500013M02606" || changes.Items[0].CurrentIBAN != nil ||
		changes.Items[0].ContactEmail != "claire@martin.test" || changes.Items[0].CustomerName != "Boulangerie Martin" {
		t.Fatalf("changes %+v", changes)
	}
	viewer := f.e.join(f.token, "viewer@acme.test", "viewer")
	f.e.call("GET", "/api/v1/bank-detail-changes", viewer.AccessToken, nil).expect(http.StatusOK)
	f.e.call("POST", "/api/v1/bank-detail-changes/"+first+"/confirm", viewer.AccessToken, nil).problem(http.StatusForbidden)
	f.e.call("POST", "/api/v1/bank-detail-changes/"+first+"/reject", viewer.AccessToken, nil).problem(http.StatusForbidden)
	if accounts() != 0 {
		t.Fatal("a viewer changed the account")
	}
	var decided api.BankDetailChangeResponse
	f.e.call("POST", "/api/v1/bank-detail-changes/"+first+"/confirm", f.token, nil).expect(http.StatusOK).json(&decided)
	if decided.Status != "confirmed" || decided.DecidedAt == nil || decided.DecidedByName == nil ||
		decided.CurrentIBAN == nil || *decided.CurrentIBAN != "FR1420041010050500013M02606" {
		t.Fatalf("confirmed %+v", decided)
	}
	if n := f.e.count(`SELECT count(*) FROM customer_bank_accounts WHERE customer_id = $1 AND iban = 'FR1420041010050500013M02606'
		AND change_id = $2`, f.customer.ID, first); n != 1 {
		t.Fatal("no account after confirmation")
	}
	f.e.call("POST", "/api/v1/bank-detail-changes/"+first+"/reject", f.token, nil).problem(http.StatusConflict)
	f.e.call("POST", "/api/v1/bank-detail-changes/"+first+"/confirm", f.token, nil).problem(http.StatusConflict)

	second := f.bankChange(nil, "DE89370400440532013000")
	f.e.call("POST", "/api/v1/bank-detail-changes/"+second+"/reject", f.token, nil).expect(http.StatusOK).json(&decided)
	if decided.Status != "rejected" || decided.CurrentIBAN == nil || *decided.CurrentIBAN != "FR1420041010050500013M02606" {
		t.Fatalf("rejected %+v", decided)
	}
	f.e.call("POST", "/api/v1/bank-detail-changes/"+second+"/confirm", f.token, nil).problem(http.StatusConflict)
	if n := f.e.count(`SELECT count(*) FROM customer_bank_accounts WHERE iban = 'DE89370400440532013000'`); n != 0 {
		t.Fatal("a rejected IBAN became the account")
	}
	for status, want := range map[string]int64{"pending": 0, "confirmed": 1, "rejected": 1, "": 2} {
		f.get("/api/v1/bank-detail-changes?status="+status, &changes)
		if changes.Total != want {
			t.Errorf("%q changes: %d, want %d", status, changes.Total, want)
		}
	}
	if k := f.kinds(); k["bank_details_confirmed"] != 1 || k["bank_details_rejected"] != 1 {
		t.Fatalf("timeline %v", k)
	}
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
