package portal_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/testenv"
	webportal "github.com/relance/relance/web/portal"
	"github.com/relance/relance/web/webtest"
)

// portalFixture is an organisation (Acme) with its customer Boulangerie Martin (C-1), on the
// real app, and helpers to open the customer's page as a debtor would.
type portalFixture struct {
	*webtest.Org
	p auth.Principal
}

func newPortal(t *testing.T) *portalFixture {
	t.Helper()
	f := &portalFixture{Org: webtest.NewOrg(t)}
	f.p = f.principal(f.Token)
	return f
}

func (f *portalFixture) principal(token string) auth.Principal {
	f.E.T.Helper()
	p, err := f.E.App.Auth.Authenticate(context.Background(), token)
	if err != nil {
		f.E.T.Fatal(err)
	}
	return p
}

// link makes a personal link to a customer's page and returns its path (/p/{token}).
func (f *portalFixture) link(p auth.Principal, customer, email string) string {
	f.E.T.Helper()
	l, err := f.E.App.Portal.CreateLink(context.Background(), p, uuid.MustParse(customer), email)
	if err != nil {
		f.E.T.Fatal(err)
	}
	u, err := url.Parse(l.URL)
	if err != nil {
		f.E.T.Fatal(err)
	}
	return u.Path
}

func (f *portalFixture) exec(sql string, args ...any) {
	f.E.T.Helper()
	if err := f.E.App.DB.Gorm.Exec(sql, args...).Error; err != nil {
		f.E.T.Fatal(err)
	}
}

// settings gives the organisation its page settings.
func (f *portalFixture) settings() {
	f.exec(`INSERT INTO portal_settings (organization_id, brand_color, creditor_iban, creditor_bic, contact_phone, contact_email)
		VALUES (?, '#2f9e44', 'FR7630006000011234567890189', 'AGRIFRPPXXX', '+33 1 23 45 67 89', 'compta@acme.test')`, f.p.OrganizationID)
}

func (f *portalFixture) attachPDF(p auth.Principal, invoice string) {
	f.E.T.Helper()
	doc := "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
	if err := f.E.App.Ledger.AttachPDF(context.Background(), p, uuid.MustParse(invoice), strings.NewReader(doc)); err != nil {
		f.E.T.Fatal(err)
	}
}

// nb writes amounts and dates the way the page does (no-break space before the euro sign and
// between thousands).
func nb(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

func (f *portalFixture) activities(kind string) int64 {
	var n int64
	if err := f.E.App.DB.Gorm.Raw(`SELECT count(*) FROM activities WHERE organization_id = ? AND kind = ?`,
		f.p.OrganizationID, kind).Scan(&n).Error; err != nil {
		f.E.T.Fatal(err)
	}
	return n
}

// The page shows who is asking, what is owed (with statuses), how to pay and the footer, in the
// customer's language; ?lang= switches and is remembered; each opening is a visit on the timeline.
func TestPortalPageShowsTheAccount(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	f.settings()
	f.Contact("claire@martin.test")
	today := webtest.ParisToday()
	d := webtest.Day
	late := f.Invoice("F-2026-001", d(-40), d(-10), 150000)
	f.Invoice("F-2026-002", d(-5), d(25), 90000)
	disputed := f.Invoice("F-2026-003", d(-60), d(-30), 20000)
	promised := f.Invoice("F-2026-004", d(-50), d(-20), 30000)
	paid := f.Invoice("F-2025-099", d(-90), d(-60), 50000)
	// A payment settles F-2025-099 and part of F-2026-001; a credit note is left unallocated.
	f.E.Call("POST", "/api/v1/payments", f.Token, map[string]any{"customer_id": f.Customer.ID, "received_on": d(-3),
		"amount_cents": 60000, "method": "transfer", "reference": "VIR MARTIN", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": paid.ID, "amount_cents": 50000}, {"invoice_id": late.ID, "amount_cents": 10000}}}).
		Expect(http.StatusCreated)
	f.E.Call("POST", "/api/v1/credit-notes", f.Token, map[string]any{"customer_id": f.Customer.ID, "number": "AV-1",
		"issue_date": d(-2), "amount_cents": 2500}).Expect(http.StatusCreated)
	f.E.Call("POST", "/api/v1/disputes", f.Token, map[string]any{"customer_id": f.Customer.ID, "invoice_ids": []string{disputed.ID},
		"reason": "not_received"}).Expect(http.StatusCreated)
	f.E.Call("POST", "/api/v1/promises", f.Token, map[string]any{"customer_id": f.Customer.ID, "invoice_ids": []string{promised.ID},
		"promised_on": d(7), "method": "transfer"}).Expect(http.StatusCreated)
	f.attachPDF(f.p, late.ID)
	page := f.link(f.p, f.Customer.ID, "claire@martin.test")

	r := f.E.Browse("127.0.0.7", "GET", page, nil).Expect(http.StatusOK)
	if csp := r.Header().Get("Content-Security-Policy"); csp != webportal.CSP || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if r.Header().Get("Cache-Control") != "no-store" || r.Header().Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("headers %v", r.Header())
	}
	dueDate := func(days int) string { return today.AddDate(0, 0, days).Format("02/01/2006") }
	r.Has(`<html lang="fr">`, "Votre compte chez Acme", "Bonjour Boulangerie Martin,",
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
	r.Has("Pénalités")
	// Paid invoices are not listed; without Stripe there is no pay button, only the transfer.
	r.HasNot("/pay", "Payer 2", "<script")
	if n := strings.Count(r.Body.String(), "F-2025-099"); n != 1 { // in the payments only
		t.Errorf("the paid invoice shows %d times", n)
	}
	if n := f.activities("portal_visited"); n != 1 {
		t.Errorf("%d visits on the timeline, want 1", n)
	}

	// English on request, remembered by a cookie.
	r = f.E.Browse("127.0.0.7", "GET", page+"?lang=en", nil).Expect(http.StatusOK)
	r.Has(`<html lang="en">`, "Your account with Acme", "€2,800.00", "10 days late", "Not yet due", "Disputed",
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
	f.E.Browse("127.0.0.7", "GET", page, nil, lang).Expect(http.StatusOK).Has("Amount due")
	// Switching the language was no new visit; opening the page again is.
	if n := f.activities("portal_visited"); n != 2 {
		t.Errorf("%d visits on the timeline, want 2", n)
	}
	// Back from a form (?done=…) is no new visit either.
	f.E.Browse("127.0.0.7", "GET", page+"?done=question", nil).Expect(http.StatusOK)
	if n := f.activities("portal_visited"); n != 2 {
		t.Errorf("%d visits on the timeline after a form, want 2", n)
	}

	// The invoice's PDF, inline or as a download; the download is on the timeline.
	pdf := f.E.Browse("127.0.0.7", "GET", page+"/invoices/"+late.ID+"/pdf?download=1", nil).Expect(http.StatusOK)
	if pdf.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body.String(), "%PDF-") ||
		!strings.HasPrefix(pdf.Header().Get("Content-Disposition"), `attachment; filename="F-2026-001.pdf"`) {
		t.Errorf("invoice PDF: %v", pdf.Header())
	}
	if n := f.activities("portal_document_downloaded"); n != 1 {
		t.Errorf("%d downloads on the timeline", n)
	}

	// The stylesheets.
	css := f.E.Browse("127.0.0.7", "GET", "/p/assets/portal.css", nil).Expect(http.StatusOK)
	if !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") || !strings.Contains(css.Body.String(), ".skip-link") {
		t.Errorf("portal.css: %v", css.Header())
	}
	f.E.Browse("127.0.0.7", "GET", "/p/assets/brand/2f9e44.css", nil).Expect(http.StatusOK).Has("--brand:#2f9e44")
	f.E.Browse("127.0.0.7", "GET", "/p/assets/brand/zz.css", nil).Expect(http.StatusNotFound)
}

// A customer with nothing to pay sees so, with the statement still there; the organisation's
// logo heads the page.
func TestPortalPageAllClear(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	logo := "\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 64)
	if _, err := f.E.App.Portal.SetLogo(context.Background(), f.p, strings.NewReader(logo)); err != nil {
		t.Fatal(err)
	}
	page := f.link(f.p, f.Customer.ID, "")
	f.E.Browse("127.0.0.2", "GET", page, nil).Expect(http.StatusOK).
		Has("Votre compte est à jour", "/statement.pdf", `<img class="org-logo" src="`+page+`/logo" alt="Acme">`).
		HasNot("Factures à régler", `href="#litige"`)
	r := f.E.Browse("127.0.0.2", "GET", page+"/logo", nil).Expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "image/png" || r.Body.String() != logo {
		t.Errorf("logo %v", r.Header())
	}
	// The statement PDF still renders with a logo it cannot draw.
	f.E.Browse("127.0.0.2", "GET", page+"/statement.pdf", nil).Expect(http.StatusOK)
	f.E.Browse("127.0.0.2", "GET", "/p/"+strings.Repeat("q", 43)+"/logo", nil).Expect(http.StatusNotFound)
}

// A link opens its customer's account and nothing else: not another customer's invoices, not
// another organisation's, and their PDFs are 404.
func TestPortalTenancy(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	d := webtest.Day
	mine := f.Invoice("F-A-001", d(-30), d(-5), 10000)
	f.attachPDF(f.p, mine.ID)

	// Customer B of the same organisation.
	var b api.CustomerResponse
	f.E.Call("POST", "/api/v1/customers", f.Token, map[string]any{"name": "Garage Bernard", "external_id": "C-2"}).
		Expect(http.StatusCreated).JSON(&b)
	var bInv api.InvoiceDetail
	f.E.Call("POST", "/api/v1/invoices", f.Token, map[string]any{"customer_id": b.ID, "number": "F-B-777",
		"issue_date": d(-30), "due_date": d(-5), "total_cents": 77700}).Expect(http.StatusCreated).JSON(&bInv)
	f.attachPDF(f.p, bInv.ID)
	f.E.Call("POST", "/api/v1/payments", f.Token, map[string]any{"customer_id": b.ID, "received_on": d(-1),
		"amount_cents": 1234, "method": "transfer", "reference": "VIR BERNARD", "allocation": "none"}).Expect(http.StatusCreated)

	// Another organisation, with an invoice of the same kind.
	other := f.E.Signup("Globex", "owner@globex.test")
	op := f.principal(other.AccessToken)
	var c api.CustomerResponse
	f.E.Call("POST", "/api/v1/customers", other.AccessToken, map[string]any{"name": "Client Globex"}).
		Expect(http.StatusCreated).JSON(&c)
	var cInv api.InvoiceDetail
	f.E.Call("POST", "/api/v1/invoices", other.AccessToken, map[string]any{"customer_id": c.ID, "number": "G-999",
		"issue_date": d(-30), "due_date": d(-5), "total_cents": 99900}).Expect(http.StatusCreated).JSON(&cInv)
	f.attachPDF(op, cInv.ID)

	page := f.link(f.p, f.Customer.ID, "")
	f.E.Browse("192.0.2.10", "GET", page, nil).Expect(http.StatusOK).
		Has("F-A-001", "Boulangerie Martin").
		HasNot("F-B-777", "Garage Bernard", "VIR BERNARD", nb("777,00"), "G-999", "Globex", "Client Globex", nb("999,00"))
	f.E.Browse("192.0.2.10", "GET", page+"/invoices/"+mine.ID+"/pdf", nil).Expect(http.StatusOK)
	f.E.Browse("192.0.2.10", "GET", page+"/invoices/"+bInv.ID+"/pdf", nil).Expect(http.StatusNotFound)
	f.E.Browse("192.0.2.10", "GET", page+"/invoices/"+cInv.ID+"/pdf", nil).Expect(http.StatusNotFound)
	f.E.Browse("192.0.2.10", "GET", page+"/invoices/"+uuid.NewString()+"/pdf", nil).Expect(http.StatusNotFound)
	f.E.Browse("192.0.2.10", "GET", page+"/invoices/not-a-uuid/pdf", nil).Expect(http.StatusNotFound)
	for _, format := range []string{"csv", "pdf"} {
		st := f.E.Browse("192.0.2.10", "GET", page+"/statement."+format, nil).Expect(http.StatusOK)
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
	f.E.Browse("192.0.2.10", "GET", f.link(f.p, b.ID, ""), nil).Expect(http.StatusOK).Has("F-B-777").HasNot("F-A-001")
}

var tokenRe = regexp.MustCompile(`^/p/([A-Za-z0-9_-]{43})$`)

// Tokens are 256 random bits in base64url, only their hash is stored; an expired or revoked
// link gets the friendly page (404) with the form for a new one.
func TestPortalLinksExpireAndRevoke(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	f.Invoice("F-2026-001", "2026-01-01", "2026-01-31", 10000)
	seen := map[string]bool{}
	var tokens []string
	for range 5 {
		m := tokenRe.FindStringSubmatch(f.link(f.p, f.Customer.ID, ""))
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
	if err := f.E.App.DB.Gorm.Raw(`SELECT row_to_json(l)::text FROM portal_links l`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var lengths []int
	if err := f.E.App.DB.Gorm.Raw(`SELECT length(token_hash) FROM portal_links`).Scan(&lengths).Error; err != nil {
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
	f.E.Browse("192.0.2.20", "GET", ok, nil).Expect(http.StatusOK).Has("F-2026-001")
	f.exec(`UPDATE portal_links SET expires_at = now() - interval '1 minute' WHERE token_hash = sha256(?::bytea)`, tokens[0])
	f.E.Browse("192.0.2.20", "GET", ok, nil).Expect(http.StatusNotFound).
		Has("Ce lien n'est plus valable", `action="/p/expired"`, `name="token" value="`+tokens[0]+`"`, `name="email"`).
		HasNot("F-2026-001", "Boulangerie")
	f.E.Browse("192.0.2.20", "GET", ok+"/statement.csv", nil).Expect(http.StatusNotFound).HasNot("F-2026-001")

	var id string
	if err := f.E.App.DB.Gorm.Raw(`SELECT id::text FROM portal_links WHERE token_hash = sha256(?::bytea)`, tokens[1]).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	if err := f.E.App.Portal.RevokeLink(context.Background(), f.p, uuid.MustParse(id)); err != nil {
		t.Fatal(err)
	}
	f.E.Browse("192.0.2.20", "GET", "/p/"+tokens[1], nil).Expect(http.StatusNotFound).Has("Ce lien n'est plus valable")
	f.E.Browse("192.0.2.20", "GET", "/p/"+tokens[1]+"?lang=en", nil).Expect(http.StatusNotFound).
		Has("This link is no longer valid", `href="/p/expired?lang=fr"`)
	f.E.Browse("192.0.2.20", "GET", "/p/"+tokens[2], nil).Expect(http.StatusOK)
}

// Many bad tokens from one address are throttled (429); a valid link from that address still
// opens (it was refused for 15 minutes); other addresses are not affected.
func TestPortalThrottlesGuessing(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	good := f.link(f.p, f.Customer.ID, "")
	for i := range 20 {
		f.E.Browse("127.0.0.99", "GET", "/p/"+strings.Repeat("x", 42)+string(rune('a'+i)), nil).Expect(http.StatusNotFound)
	}
	r := f.E.Browse("127.0.0.99", "GET", "/p/"+strings.Repeat("y", 43), nil).Expect(http.StatusTooManyRequests)
	r.Has("Trop de tentatives")
	if r.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	f.E.Browse("127.0.0.99", "GET", good, nil).Expect(http.StatusOK).Has("Boulangerie Martin")
	f.E.Browse("127.0.0.99", "GET", good+"/statement.pdf", nil).Expect(http.StatusOK)
	f.E.Browse("127.0.0.99", "GET", "/p/"+strings.Repeat("z", 43), nil).Expect(http.StatusTooManyRequests)
	f.E.Browse("127.0.0.100", "GET", good, nil).Expect(http.StatusOK)
}

// A known contact asking on the expired page gets a new link by email; an unknown address gets
// the same answer and no email.
func TestPortalResendsALink(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	f.Contact("claire@martin.test")
	f.Invoice("F-2026-001", "2026-01-01", "2026-01-31", 10000)
	old := f.link(f.p, f.Customer.ID, "claire@martin.test")
	f.exec(`UPDATE portal_links SET expires_at = now() - interval '1 day'`)
	token := strings.TrimPrefix(old, "/p/")

	f.E.Browse("192.0.2.30", "GET", "/p/expired", nil).Expect(http.StatusOK).Has(`action="/p/expired"`, "Recevoir un nouveau lien")
	known := f.E.Browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"Claire@Martin.test"}, "token": {token}}).
		Expect(http.StatusOK).Has("Vérifiez votre messagerie")
	unknown := f.E.Browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"nobody@example.test"}, "token": {token}}).
		Expect(http.StatusOK)
	if known.Body.String() != unknown.Body.String() {
		t.Error("the answer tells known and unknown addresses apart")
	}
	noToken := f.E.Browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"ghost@example.test"}}).Expect(http.StatusOK)
	if noToken.Body.String() != known.Body.String() {
		t.Error("the answer without a token differs")
	}
	f.E.Browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"not an email"}}).
		Expect(http.StatusUnprocessableEntity).Has("Saisissez une adresse e-mail valide.", `aria-invalid="true"`)

	msg := f.E.Mail.WaitForEmail(t, "claire@martin.test", 15*time.Second)
	if !strings.Contains(msg.Subject, "Acme") {
		t.Errorf("subject %q", msg.Subject)
	}
	m := regexp.MustCompile(`http://localhost:8080(/p/[A-Za-z0-9_-]{43})`).FindStringSubmatch(msg.Text)
	if m == nil || m[1] == old {
		t.Fatalf("no new link in %q", msg.Text)
	}
	f.E.Browse("192.0.2.30", "GET", m[1], nil).Expect(http.StatusOK).Has("F-2026-001")
	if n := f.activities("portal_link_resent"); n != 1 {
		t.Errorf("%d resends on the timeline", n)
	}
	// Nothing went to the unknown addresses: one email queued in all, and it is the one that arrived.
	if sent, queued := f.E.MailJobs(`true`); sent != 1 || queued != 1 {
		t.Errorf("%d emails queued, %d sent, want 1", queued, sent)
	}
	if n := f.E.Mail.Count(t); n != 1 {
		t.Errorf("%d emails, want 1", n)
	}
	// Asking again at once sends nothing more (one link per quiet spell).
	f.E.Browse("192.0.2.30", "POST", "/p/expired", url.Values{"email": {"claire@martin.test"}}).Expect(http.StatusOK)
	if n := f.activities("portal_link_resent"); n != 1 {
		t.Errorf("%d resends after asking twice", n)
	}
}
