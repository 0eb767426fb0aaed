package api_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/testenv"
)

// portalFixture is an organisation (Acme) with its customer Boulangerie Martin (C-1), on the
// real app, and helpers to open the customer's page as a debtor would.
type portalFixture struct {
	*ledgerFixture
	p auth.Principal
}

func newPortal(t *testing.T) *portalFixture {
	t.Helper()
	f := &portalFixture{ledgerFixture: newLedger(t)}
	f.p = f.principal(f.token)
	return f
}

func (f *portalFixture) principal(token string) auth.Principal {
	f.e.t.Helper()
	p, err := f.e.app.Auth.Authenticate(context.Background(), token)
	if err != nil {
		f.e.t.Fatal(err)
	}
	return p
}

// link makes a personal link to a customer's page and returns its path (/p/{token}).
func (f *portalFixture) link(p auth.Principal, customer, email string) string {
	f.e.t.Helper()
	l, err := f.e.app.Portal.CreateLink(context.Background(), p, uuid.MustParse(customer), email)
	if err != nil {
		f.e.t.Fatal(err)
	}
	u, err := url.Parse(l.URL)
	if err != nil {
		f.e.t.Fatal(err)
	}
	return u.Path
}

func (f *portalFixture) exec(sql string, args ...any) {
	f.e.t.Helper()
	if err := f.e.app.DB.Gorm.Exec(sql, args...).Error; err != nil {
		f.e.t.Fatal(err)
	}
}

// settings gives the organisation its page settings.
func (f *portalFixture) settings() {
	f.exec(`INSERT INTO portal_settings (organization_id, brand_color, creditor_iban, creditor_bic, contact_phone, contact_email)
		VALUES (?, '#2f9e44', 'FR7630006000011234567890189', 'AGRIFRPPXXX', '+33 1 23 45 67 89', 'compta@acme.test')`, f.p.OrganizationID)
}

func (f *portalFixture) attachPDF(p auth.Principal, invoice string) {
	f.e.t.Helper()
	doc := "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
	if err := f.e.app.Ledger.AttachPDF(context.Background(), p, uuid.MustParse(invoice), strings.NewReader(doc)); err != nil {
		f.e.t.Fatal(err)
	}
}

// get requests path as a browser at ip would, with optional cookies.
func (e *env) browse(ip, method, path string, form url.Values, cookies ...*http.Cookie) response {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	req.RemoteAddr = ip + ":40000"
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return response{rec, e.t}
}

func (r response) has(parts ...string) response {
	r.t.Helper()
	body := html.UnescapeString(r.Body.String())
	for _, p := range parts {
		if !strings.Contains(body, p) {
			r.t.Errorf("the page lacks %q", p)
		}
	}
	return r
}

func (r response) hasNot(parts ...string) response {
	r.t.Helper()
	body := html.UnescapeString(r.Body.String())
	for _, p := range parts {
		if strings.Contains(body, p) {
			r.t.Errorf("the page shows %q", p)
		}
	}
	return r
}

// nb writes amounts and dates the way the page does (no-break space before the euro sign and
// between thousands).
func nb(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

func (f *portalFixture) activities(kind string) int64 {
	var n int64
	if err := f.e.app.DB.Gorm.Raw(`SELECT count(*) FROM activities WHERE organization_id = ? AND kind = ?`,
		f.p.OrganizationID, kind).Scan(&n).Error; err != nil {
		f.e.t.Fatal(err)
	}
	return n
}

// The page shows who is asking, what is owed (with statuses), how to pay and the footer, in the
// customer's language; ?lang= switches and is remembered; each opening is a visit on the timeline.
func TestPortalPageShowsTheAccount(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	f.settings()
	f.contact("claire@martin.test")
	today := parisToday()
	d := func(days int) string { return today.AddDate(0, 0, days).Format(time.DateOnly) }
	late := f.invoice("F-2026-001", d(-40), d(-10), 150000)
	f.invoice("F-2026-002", d(-5), d(25), 90000)
	disputed := f.invoice("F-2026-003", d(-60), d(-30), 20000)
	promised := f.invoice("F-2026-004", d(-50), d(-20), 30000)
	paid := f.invoice("F-2025-099", d(-90), d(-60), 50000)
	// A payment settles F-2025-099 and part of F-2026-001; a credit note is left unallocated.
	f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": d(-3),
		"amount_cents": 60000, "method": "transfer", "reference": "VIR MARTIN", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": paid.ID, "amount_cents": 50000}, {"invoice_id": late.ID, "amount_cents": 10000}}}).
		expect(http.StatusCreated)
	f.e.call("POST", "/api/v1/credit-notes", f.token, map[string]any{"customer_id": f.customer.ID, "number": "AV-1",
		"issue_date": d(-2), "amount_cents": 2500}).expect(http.StatusCreated)
	f.e.call("POST", "/api/v1/disputes", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{disputed.ID},
		"reason": "not_received"}).expect(http.StatusCreated)
	f.e.call("POST", "/api/v1/promises", f.token, map[string]any{"customer_id": f.customer.ID, "invoice_ids": []string{promised.ID},
		"promised_on": d(7), "method": "transfer"}).expect(http.StatusCreated)
	f.attachPDF(f.p, late.ID)
	page := f.link(f.p, f.customer.ID, "claire@martin.test")

	r := f.e.browse("127.0.0.7", "GET", page, nil).expect(http.StatusOK)
	if csp := r.Header().Get("Content-Security-Policy"); csp != api.PortalCSP || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if r.Header().Get("Cache-Control") != "no-store" || r.Header().Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("headers %v", r.Header())
	}
	dueDate := func(days int) string { return today.AddDate(0, 0, days).Format("02/01/2006") }
	r.has(`<html lang="fr">`, "Votre compte chez Acme", "Bonjour Boulangerie Martin,",
		// What is owed: 1 400 + 900 + 200 + 300.
		"Montant dû", nb("2 800,00 €"), "4 factures à régler", "Dont en retard", nb("1 900,00 €"),
		"Dont en litige", nb("200,00 €"), "Plus ancienne échéance", dueDate(-30), "Avoir disponible", nb("25,00 €"),
		// Statuses.
		"En retard de 10 j", "À échoir", "En litige", "Promesse au "+dueDate(7),
		// Transfer details, grouped, with the structured reference.
		"FR76 3000 6000 0112 3456 7890 189", "AGRIFRPPXXX", "RLC-C-1",
		// Contact, logo-less header, brand colour sheet.
		"+33 1 23 45 67 89", "compta@acme.test", "/p/assets/brand/2f9e44.css", "/p/assets/portal.css?v=",
		// The invoice with a PDF links to it.
		page+"/invoices/"+late.ID+"/pdf",
		// Self-service anchors and the statement.
		`href="#question"`, `href="#litige"`, `href="#promesse"`, `href="#coordonnees"`, `id="releve"`,
		page+"/statement.pdf", page+"/statement.csv",
		// Recent payments.
		"Paiements des 12 derniers mois", "VIR MARTIN", `F-2025-099</span>, <span class="nowrap">F-2026-001</span>`, nb("600,00 €"),
		// Footer.
		"Nous ne changeons jamais nos coordonnées bancaires par e-mail.",
		"Le suivi de ce compte est assuré avec Relance pour le compte de Acme.",
		"Retard de paiement : pénalités au taux annuel de",
		`class="skip-link" href="#main"`, `<main id="main"`)
	// Penalties are shown (dunning settings default), on late invoices only, not on disputed ones.
	r.has("Pénalités")
	// Paid invoices are not listed; without Stripe there is no pay button, only the transfer.
	r.hasNot("/pay", "Payer 2", "<script")
	if n := strings.Count(r.Body.String(), "F-2025-099"); n != 1 { // in the payments only
		t.Errorf("the paid invoice shows %d times", n)
	}
	if n := f.activities("portal_visited"); n != 1 {
		t.Errorf("%d visits on the timeline, want 1", n)
	}

	// English on request, remembered by a cookie.
	r = f.e.browse("127.0.0.7", "GET", page+"?lang=en", nil).expect(http.StatusOK)
	r.has(`<html lang="en">`, "Your account with Acme", "€2,800.00", "10 days late", "Not yet due", "Disputed",
		"We never change our bank details by email.", "This account is followed up with Relance on behalf of Acme.",
		"Français")
	var lang *http.Cookie
	for _, c := range r.Result().Cookies() {
		if c.Name == "relance_lang" {
			lang = c
		}
	}
	if lang == nil || lang.Value != "en" || !lang.HttpOnly {
		t.Fatalf("lang cookie %+v", lang)
	}
	f.e.browse("127.0.0.7", "GET", page, nil, lang).expect(http.StatusOK).has("Amount due")
	// Switching the language was no new visit; opening the page again is.
	if n := f.activities("portal_visited"); n != 2 {
		t.Errorf("%d visits on the timeline, want 2", n)
	}
	// Back from a form (?done=…) is no new visit either.
	f.e.browse("127.0.0.7", "GET", page+"?done=question", nil).expect(http.StatusOK)
	if n := f.activities("portal_visited"); n != 2 {
		t.Errorf("%d visits on the timeline after a form, want 2", n)
	}

	// The invoice's PDF, inline or as a download; the download is on the timeline.
	pdf := f.e.browse("127.0.0.7", "GET", page+"/invoices/"+late.ID+"/pdf?download=1", nil).expect(http.StatusOK)
	if pdf.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body.String(), "%PDF-") ||
		!strings.HasPrefix(pdf.Header().Get("Content-Disposition"), `attachment; filename="F-2026-001.pdf"`) {
		t.Errorf("invoice PDF: %v", pdf.Header())
	}
	if n := f.activities("portal_document_downloaded"); n != 1 {
		t.Errorf("%d downloads on the timeline", n)
	}

	// The stylesheets.
	css := f.e.browse("127.0.0.7", "GET", "/p/assets/portal.css", nil).expect(http.StatusOK)
	if !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") || !strings.Contains(css.Body.String(), ".skip-link") {
		t.Errorf("portal.css: %v", css.Header())
	}
	f.e.browse("127.0.0.7", "GET", "/p/assets/brand/2f9e44.css", nil).expect(http.StatusOK).has("--brand:#2f9e44")
	f.e.browse("127.0.0.7", "GET", "/p/assets/brand/zz.css", nil).expect(http.StatusNotFound)
}

// A customer with nothing to pay sees so, with the statement still there; the organisation's
// logo heads the page.
func TestPortalPageAllClear(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	logo := "\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 64)
	if _, err := f.e.app.Portal.SetLogo(context.Background(), f.p, strings.NewReader(logo)); err != nil {
		t.Fatal(err)
	}
	page := f.link(f.p, f.customer.ID, "")
	f.e.browse("127.0.0.2", "GET", page, nil).expect(http.StatusOK).
		has("Votre compte est à jour", "/statement.pdf", `<img class="org-logo" src="`+page+`/logo" alt="Acme">`).
		hasNot("Factures à régler", `href="#litige"`)
	r := f.e.browse("127.0.0.2", "GET", page+"/logo", nil).expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "image/png" || r.Body.String() != logo {
		t.Errorf("logo %v", r.Header())
	}
	// The statement PDF still renders with a logo it cannot draw.
	f.e.browse("127.0.0.2", "GET", page+"/statement.pdf", nil).expect(http.StatusOK)
	f.e.browse("127.0.0.2", "GET", "/p/"+strings.Repeat("q", 43)+"/logo", nil).expect(http.StatusNotFound)
}

// A link opens its customer's account and nothing else: not another customer's invoices, not
// another organisation's, and their PDFs are 404.
func TestPortalTenancy(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	today := parisToday()
	d := func(days int) string { return today.AddDate(0, 0, days).Format(time.DateOnly) }
	mine := f.invoice("F-A-001", d(-30), d(-5), 10000)
	f.attachPDF(f.p, mine.ID)

	// Customer B of the same organisation.
	var b api.CustomerResponse
	f.e.call("POST", "/api/v1/customers", f.token, map[string]any{"name": "Garage Bernard", "external_id": "C-2"}).
		expect(http.StatusCreated).json(&b)
	var bInv api.InvoiceDetail
	f.e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": b.ID, "number": "F-B-777",
		"issue_date": d(-30), "due_date": d(-5), "total_cents": 77700}).expect(http.StatusCreated).json(&bInv)
	f.attachPDF(f.p, bInv.ID)
	f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": b.ID, "received_on": d(-1),
		"amount_cents": 1234, "method": "transfer", "reference": "VIR BERNARD", "allocation": "none"}).expect(http.StatusCreated)

	// Another organisation, with an invoice of the same kind.
	other := f.e.signup("Globex", "owner@globex.test")
	op := f.principal(other.AccessToken)
	var c api.CustomerResponse
	f.e.call("POST", "/api/v1/customers", other.AccessToken, map[string]any{"name": "Client Globex"}).
		expect(http.StatusCreated).json(&c)
	var cInv api.InvoiceDetail
	f.e.call("POST", "/api/v1/invoices", other.AccessToken, map[string]any{"customer_id": c.ID, "number": "G-999",
		"issue_date": d(-30), "due_date": d(-5), "total_cents": 99900}).expect(http.StatusCreated).json(&cInv)
	f.attachPDF(op, cInv.ID)

	page := f.link(f.p, f.customer.ID, "")
	f.e.browse("192.0.2.10", "GET", page, nil).expect(http.StatusOK).
		has("F-A-001", "Boulangerie Martin").
		hasNot("F-B-777", "Garage Bernard", "VIR BERNARD", nb("777,00"), "G-999", "Globex", "Client Globex", nb("999,00"))
	f.e.browse("192.0.2.10", "GET", page+"/invoices/"+mine.ID+"/pdf", nil).expect(http.StatusOK)
	f.e.browse("192.0.2.10", "GET", page+"/invoices/"+bInv.ID+"/pdf", nil).expect(http.StatusNotFound)
	f.e.browse("192.0.2.10", "GET", page+"/invoices/"+cInv.ID+"/pdf", nil).expect(http.StatusNotFound)
	f.e.browse("192.0.2.10", "GET", page+"/invoices/"+uuid.NewString()+"/pdf", nil).expect(http.StatusNotFound)
	f.e.browse("192.0.2.10", "GET", page+"/invoices/not-a-uuid/pdf", nil).expect(http.StatusNotFound)
	for _, format := range []string{"csv", "pdf"} {
		st := f.e.browse("192.0.2.10", "GET", page+"/statement."+format, nil).expect(http.StatusOK)
		text := st.Body.String()
		if format == "pdf" {
			text = testenv.PDFText(st.Body.Bytes())
		}
		for _, s := range []string{"F-B-777", "G-999", "VIR BERNARD", "Garage Bernard", "Globex"} {
			if strings.Contains(text, s) {
				t.Errorf("statement.%s shows %q", format, s)
			}
		}
		if !strings.Contains(text, "F-A-001") {
			t.Errorf("statement.%s lacks F-A-001", format)
		}
	}
	// B's own link shows B only.
	f.e.browse("192.0.2.10", "GET", f.link(f.p, b.ID, ""), nil).expect(http.StatusOK).has("F-B-777").hasNot("F-A-001")
}

var tokenRe = regexp.MustCompile(`^/p/([A-Za-z0-9_-]{43})$`)

// Tokens are 256 random bits in base64url, only their hash is stored; an expired or revoked
// link gets the friendly page (404) with the form for a new one.
func TestPortalLinksExpireAndRevoke(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	f.invoice("F-2026-001", "2026-01-01", "2026-01-31", 10000)
	seen := map[string]bool{}
	var tokens []string
	for range 5 {
		m := tokenRe.FindStringSubmatch(f.link(f.p, f.customer.ID, ""))
		if m == nil {
			t.Fatal("a link is not /p/ and 43 base64url characters")
		}
		if seen[m[1]] {
			t.Fatal("the same token twice")
		}
		seen[m[1]] = true
		tokens = append(tokens, m[1])
	}
	var rows []string
	if err := f.e.app.DB.Gorm.Raw(`SELECT row_to_json(l)::text FROM portal_links l`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var lengths []int
	if err := f.e.app.DB.Gorm.Raw(`SELECT length(token_hash) FROM portal_links`).Scan(&lengths).Error; err != nil {
		t.Fatal(err)
	}
	for _, l := range lengths {
		if l != 32 {
			t.Errorf("token hash of %d bytes", l)
		}
	}
	for _, row := range rows {
		for _, tok := range tokens {
			if strings.Contains(row, tok) || strings.Contains(row, tok[:20]) {
				t.Fatalf("a token is stored: %s", row)
			}
		}
	}

	ok := "/p/" + tokens[0]
	f.e.browse("192.0.2.20", "GET", ok, nil).expect(http.StatusOK).has("F-2026-001")
	f.exec(`UPDATE portal_links SET expires_at = now() - interval '1 minute' WHERE token_hash = sha256(?::bytea)`, tokens[0])
	f.e.browse("192.0.2.20", "GET", ok, nil).expect(http.StatusNotFound).
		has("Ce lien n'est plus valable", `action="/p/expired"`, `name="token" value="`+tokens[0]+`"`, `name="email"`).
		hasNot("F-2026-001", "Boulangerie")
	f.e.browse("192.0.2.20", "GET", ok+"/statement.csv", nil).expect(http.StatusNotFound).hasNot("F-2026-001")

	var id string
	if err := f.e.app.DB.Gorm.Raw(`SELECT id::text FROM portal_links WHERE token_hash = sha256(?::bytea)`, tokens[1]).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	if err := f.e.app.Portal.RevokeLink(context.Background(), f.p, uuid.MustParse(id)); err != nil {
		t.Fatal(err)
	}
	f.e.browse("192.0.2.20", "GET", "/p/"+tokens[1], nil).expect(http.StatusNotFound).has("Ce lien n'est plus valable")
	f.e.browse("192.0.2.20", "GET", "/p/"+tokens[1]+"?lang=en", nil).expect(http.StatusNotFound).
		has("This link is no longer valid", `href="/p/expired?lang=fr"`)
	f.e.browse("192.0.2.20", "GET", "/p/"+tokens[2], nil).expect(http.StatusOK)
}

// Many bad tokens from one address are throttled (429); a valid link from that address still
// opens (it was refused for 15 minutes); other addresses are not affected.
func TestPortalThrottlesGuessing(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	good := f.link(f.p, f.customer.ID, "")
	for i := range 20 {
		f.e.browse("127.0.0.99", "GET", "/p/"+strings.Repeat("x", 42)+string(rune('a'+i)), nil).expect(http.StatusNotFound)
	}
	r := f.e.browse("127.0.0.99", "GET", "/p/"+strings.Repeat("y", 43), nil).expect(http.StatusTooManyRequests)
	r.has("Trop de tentatives")
	if r.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	f.e.browse("127.0.0.99", "GET", good, nil).expect(http.StatusOK).has("Boulangerie Martin")
	f.e.browse("127.0.0.99", "GET", good+"/statement.pdf", nil).expect(http.StatusOK)
	f.e.browse("127.0.0.99", "GET", "/p/"+strings.Repeat("z", 43), nil).expect(http.StatusTooManyRequests)
	f.e.browse("127.0.0.100", "GET", good, nil).expect(http.StatusOK)
}

// A known contact asking on the expired page gets a new link by email; an unknown address gets
// the same answer and no email.
func TestPortalResendsALink(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	f.contact("claire@martin.test")
	f.invoice("F-2026-001", "2026-01-01", "2026-01-31", 10000)
	old := f.link(f.p, f.customer.ID, "claire@martin.test")
	f.exec(`UPDATE portal_links SET expires_at = now() - interval '1 day'`)
	token := strings.TrimPrefix(old, "/p/")

	f.e.browse("192.0.2.30", "GET", "/p/expired", nil).expect(http.StatusOK).has(`action="/p/expired"`, "Recevoir un nouveau lien")
	known := f.e.browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"Claire@Martin.test"}, "token": {token}}).
		expect(http.StatusOK).has("Vérifiez votre messagerie")
	unknown := f.e.browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"nobody@example.test"}, "token": {token}}).
		expect(http.StatusOK)
	if known.Body.String() != unknown.Body.String() {
		t.Error("the answer tells known and unknown addresses apart")
	}
	noToken := f.e.browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"ghost@example.test"}}).expect(http.StatusOK)
	if noToken.Body.String() != known.Body.String() {
		t.Error("the answer without a token differs")
	}
	f.e.browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"not an email"}}).
		expect(http.StatusUnprocessableEntity).has("Saisissez une adresse e-mail valide.", `aria-invalid="true"`)

	msg := f.e.mail.WaitForEmail(t, "claire@martin.test", 15*time.Second)
	if !strings.Contains(msg.Subject, "Acme") {
		t.Errorf("subject %q", msg.Subject)
	}
	m := regexp.MustCompile(`http://localhost:8080(/p/[A-Za-z0-9_-]{43})`).FindStringSubmatch(msg.Text)
	if m == nil || m[1] == old {
		t.Fatalf("no new link in %q", msg.Text)
	}
	f.e.browse("192.0.2.30", "GET", m[1], nil).expect(http.StatusOK).has("F-2026-001")
	if n := f.activities("portal_link_resent"); n != 1 {
		t.Errorf("%d resends on the timeline", n)
	}
	// Nothing went to the unknown addresses: one email queued in all, and it is the one that arrived.
	if sent, queued := f.e.mailJobs(`true`); sent != 1 || queued != 1 {
		t.Errorf("%d emails queued, %d sent, want 1", queued, sent)
	}
	if n := f.e.mail.Count(t); n != 1 {
		t.Errorf("%d emails, want 1", n)
	}
	// Asking again at once sends nothing more (one link per quiet spell).
	f.e.browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"claire@martin.test"}}).expect(http.StatusOK)
	if n := f.activities("portal_link_resent"); n != 1 {
		t.Errorf("%d resends after asking twice", n)
	}
}
