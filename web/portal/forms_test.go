package portal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/api"
	"github.com/relance/relance/internal/portal"
	"github.com/relance/relance/internal/testenv"
	"github.com/relance/relance/web/webtest"
)

// formsFixture is Acme with its customer Boulangerie Martin (French), an accounting owner
// (compta@acme.test, who reads English), open invoices, and the page link sent to the debtor's
// contact claire@martin.test.
type formsFixture struct {
	*webtest.Org
	org   string
	page  string // /p/{token}
	inv   api.InvoiceDetail
	inv2  api.InvoiceDetail
	other api.InvoiceDetail // an invoice of another customer of Acme
	// mail.send jobs before the test's forms (invitations are emails too)
	mailJobsBefore int
}

func newFormsFixture(t *testing.T) *formsFixture {
	t.Helper()
	f := &formsFixture{Org: webtest.NewOrg(t)}
	f.org = f.E.Me(f.Token).Organization.ID
	today := webtest.ParisToday()
	f.inv = f.Invoice("F-2026-001", today.AddDate(0, 0, -40).Format(time.DateOnly), today.AddDate(0, 0, -10).Format(time.DateOnly), 124000)
	f.inv2 = f.Invoice("F-2026-002", today.AddDate(0, 0, -20).Format(time.DateOnly), today.AddDate(0, 0, 10).Format(time.DateOnly), 30000)
	var other api.CustomerResponse
	f.E.Call("POST", "/api/v1/customers", f.Token, map[string]any{"name": "Garage Dupont"}).Expect(http.StatusCreated).JSON(&other)
	f.E.Call("POST", "/api/v1/invoices", f.Token, map[string]any{"customer_id": other.ID, "number": "G-1",
		"issue_date": today.AddDate(0, 0, -40).Format(time.DateOnly), "due_date": today.AddDate(0, 0, -10).Format(time.DateOnly),
		"total_cents": 5000}).Expect(http.StatusCreated).JSON(&f.other)
	f.Contact("claire@martin.test")
	f.page = f.linkFor(f.Customer.ID, "claire@martin.test")
	f.mailJobsBefore = f.count(`SELECT count(*) FROM river_job WHERE kind = 'mail.send'`)
	return f
}

// withAccountingOwner makes compta@acme.test (English) the customer's accounting owner.
func (f *formsFixture) withAccountingOwner() {
	f.E.T.Helper()
	f.E.Join(f.Token, "compta@acme.test", "collector")
	f.sql(`UPDATE users SET locale = 'en' WHERE email = 'compta@acme.test'`)
	f.sql(`UPDATE customers SET accounting_owner_id = (SELECT id FROM users WHERE email = 'compta@acme.test') WHERE id = ?`, f.Customer.ID)
	f.mailJobsBefore = f.count(`SELECT count(*) FROM river_job WHERE kind = 'mail.send'`)
}

func (f *formsFixture) linkFor(customer, email string) string {
	f.E.T.Helper()
	p, err := f.E.App.Auth.Authenticate(context.Background(), f.Token)
	if err != nil {
		f.E.T.Fatal(err)
	}
	l, err := f.E.App.Portal.CreateLink(context.Background(), p, uuid.MustParse(customer), email)
	if err != nil {
		f.E.T.Fatal(err)
	}
	u, _ := url.Parse(l.URL)
	return u.Path
}

func (f *formsFixture) sql(q string, args ...any) {
	f.E.T.Helper()
	if err := f.E.App.DB.Gorm.Exec(q, args...).Error; err != nil {
		f.E.T.Fatalf("%s: %v", q, err)
	}
}

func (f *formsFixture) count(q string, args ...any) int {
	f.E.T.Helper()
	var n int
	if err := f.E.App.DB.Gorm.Raw(q, args...).Scan(&n).Error; err != nil {
		f.E.T.Fatalf("%s: %v", q, err)
	}
	return n
}

// submit posts a form as a browser would: multipart when there is a file (name → content).
func (f *formsFixture) submit(path string, values url.Values, fileName string, content []byte, cookies ...*http.Cookie) webtest.Response {
	f.E.T.Helper()
	var body bytes.Buffer
	ctype := "application/x-www-form-urlencoded"
	if fileName != "" || content != nil {
		w := multipart.NewWriter(&body)
		for k, vs := range values {
			for _, v := range vs {
				_ = w.WriteField(k, v)
			}
		}
		part, _ := w.CreateFormFile("attachment", fileName)
		_, _ = part.Write(content)
		_ = w.Close()
		ctype = w.FormDataContentType()
	} else {
		body.WriteString(values.Encode())
	}
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", ctype)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	return f.E.Serve("", req)
}

// redirected checks the Post/Redirect/Get answer and follows it.
func (f *formsFixture) redirected(r webtest.Response, done, anchor string) webtest.Response {
	f.E.T.Helper()
	r.Expect(http.StatusSeeOther)
	want := f.page + "?done=" + done + "#" + anchor
	if loc := r.Header().Get("Location"); loc != want {
		f.E.T.Fatalf("redirect to %q, want %q", loc, want)
	}
	return f.E.Call("GET", f.page+"?done="+done, "", nil).Expect(http.StatusOK)
}

// rejected checks a 422 answer: the page again, with the error texts.
func rejected(r webtest.Response, texts ...string) webtest.Response {
	r.T.Helper()
	r.Expect(http.StatusUnprocessableEntity)
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		r.T.Fatalf("content type %q", ct)
	}
	body := r.Body.String()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			r.T.Errorf("the page lacks %q", s)
		}
	}
	return r
}

// portalFiles lists the files stored under the organisation's portal folder.
func (f *formsFixture) portalFiles() []string {
	f.E.T.Helper()
	var out []string
	root := filepath.Join(f.E.App.Config.StorageDir, "org", f.org, "portal")
	_ = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func (f *formsFixture) mailJobs() int {
	return f.count(`SELECT count(*) FROM river_job WHERE kind = 'mail.send'`) - f.mailJobsBefore
}

var (
	pdfProof = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	fakePDF  = []byte("MZ\x90\x00\x03\x00\x00\x00 this is an executable named .pdf")
)

func TestPortalQuestionForm(t *testing.T) {
	t.Parallel()
	f := newFormsFixture(t)
	f.withAccountingOwner()

	// Bad input: the page again (422) in the customer's language, the errors next to their
	// fields, the values kept — and nothing stored, no file, no email.
	r := f.submit(f.page+"/question", url.Values{"message": {"   "}}, "", nil)
	rejected(r, "Écrivez votre question.", `class="error-summary"`, `href="#q-message"`, `aria-invalid="true"`)
	r = f.submit(f.page+"/question", url.Values{"message": {"Où en est l'avoir ?"}, "invoice_id": {f.other.ID}}, "", nil)
	rejected(r, "Choisissez une facture dans la liste.", "Où en est l&#39;avoir ?")
	r = f.submit(f.page+"/question", url.Values{"message": {"Voici le bon de livraison"}}, "bl.pdf", fakePDF)
	rejected(r, "Joignez un fichier PDF, PNG ou JPEG.", "Voici le bon de livraison")
	big := append(append([]byte{}, pdfProof...), bytes.Repeat([]byte("0"), portal.MaxAttachment)...)
	r = f.submit(f.page+"/question", url.Values{"message": {"Voici le scan"}, "invoice_id": {f.inv.ID}}, "scan.pdf", big)
	rejected(r, "Le fichier dépasse 5 Mo.", "Voici le scan")
	if !strings.Contains(r.Body.String(), `value="`+f.inv.ID+`" selected`) {
		t.Error("the chosen invoice was not kept")
	}
	// Past what a form may weigh, the form cannot be read: the page says why.
	huge := append(append([]byte{}, pdfProof...), bytes.Repeat([]byte("0"), 17<<20)...)
	rejected(f.submit(f.page+"/question", url.Values{"message": {"Trop lourd"}}, "scan.pdf", huge), "Le fichier dépasse 5 Mo.")
	if n := f.count(`SELECT count(*) FROM portal_questions`); n != 0 {
		t.Fatalf("%d questions stored from bad input", n)
	}
	if files := f.portalFiles(); len(files) != 0 || f.mailJobs() != 0 {
		t.Fatalf("bad input left files %v and %d emails", files, f.mailJobs())
	}

	// A good question: stored with its invoice, link and attachment, on the timeline, and
	// emailed to the accounting owner in English, replying to the debtor.
	r = f.submit(f.page+"/question", url.Values{"message": {"Bonjour,\nla facture F-2026-001 inclut-elle la remise ?"},
		"invoice_id": {f.inv.ID}}, "C:\\scans\\bon de commande.pdf", pdfProof)
	f.redirected(r, "question", "question").Has("Votre question a bien été envoyée.")
	var q struct {
		Message, AttachmentKey, AttachmentName string
		InvoiceID, LinkID                      *string
	}
	if err := f.E.App.DB.Gorm.Raw(`SELECT message, attachment_key, attachment_name, invoice_id, link_id FROM portal_questions`).Scan(&q).Error; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q.Message, "remise") || q.InvoiceID == nil || *q.InvoiceID != f.inv.ID || q.LinkID == nil ||
		q.AttachmentName != "bon de commande.pdf" || !strings.HasPrefix(q.AttachmentKey, "org/"+f.org+"/portal/questions/") {
		t.Fatalf("question stored as %+v", q)
	}
	rc, err := f.E.App.Files.Open(context.Background(), q.AttachmentKey)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(stored, pdfProof) {
		t.Fatal("the attachment stored is not the file sent")
	}
	if f.timelineKinds()["portal_question"] != 1 {
		t.Fatalf("timeline %v", f.timelineKinds())
	}
	msg := f.waitForMail("compta@acme.test", "Question from")
	if msg.Subject != "Question from Boulangerie Martin on their payment page" || len(msg.ReplyTo) != 1 ||
		msg.ReplyTo[0].Address != "claire@martin.test" || !strings.Contains(msg.Text, "> la facture F-2026-001 inclut-elle la remise ?") ||
		!strings.Contains(msg.Text, "Invoice: F-2026-001") || !strings.Contains(msg.Text, "/customers/"+f.Customer.ID) {
		t.Fatalf("staff email: %q reply-to %v\n%s", msg.Subject, msg.ReplyTo, msg.Text)
	}
}

func TestPortalDisputeForm(t *testing.T) {
	t.Parallel()
	f := newFormsFixture(t)
	// No accounting or sales owner: the organisation's owner (English) is told.

	for _, tc := range []struct {
		name   string
		values url.Values
		file   []byte
		want   string
	}{
		{"no invoice", url.Values{"reason": {"wrong_amount"}}, nil, "Choisissez au moins une facture."},
		{"another customer's invoice", url.Values{"invoice_ids": {f.inv.ID, f.other.ID}, "reason": {"wrong_amount"}}, nil,
			"Choisissez des factures dans la liste."},
		{"no reason", url.Values{"invoice_ids": {f.inv.ID}, "comment": {"Remise oubliée"}}, nil, "Choisissez un motif dans la liste."},
		{"disguised file", url.Values{"invoice_ids": {f.inv.ID}, "reason": {"wrong_amount"}}, fakePDF, "Joignez un fichier PDF, PNG ou JPEG."},
	} {
		name := ""
		if tc.file != nil {
			name = "preuve.pdf"
		}
		r := rejected(f.submit(f.page+"/dispute", tc.values, name, tc.file), tc.want)
		if tc.name == "no reason" && !strings.Contains(r.Body.String(), "Remise oubliée") {
			t.Errorf("%s: the comment was not kept", tc.name)
		}
	}
	if n := f.count(`SELECT count(*) FROM disputes`); n != 0 || len(f.portalFiles()) != 0 || f.mailJobs() != 0 {
		t.Fatalf("bad input stored %d disputes, files %v, %d emails", n, f.portalFiles(), f.mailJobs())
	}

	r := f.submit(f.page+"/dispute", url.Values{"invoice_ids": {f.inv.ID}, "reason": {"goods_missing_or_defective"},
		"comment": {"Deux palettes manquantes"}}, "photo.jpg", append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF"), make([]byte, 64)...))
	f.redirected(r, "dispute", "litige").Has("Votre contestation est enregistrée.", "En litige")
	var d struct {
		Source, Reason, Comment, AttachmentKey, AttachmentName string
		LinkID                                                 *string
	}
	if err := f.E.App.DB.Gorm.Raw(`SELECT source, reason, comment, attachment_key, attachment_name, link_id FROM disputes`).Scan(&d).Error; err != nil {
		t.Fatal(err)
	}
	if d.Source != "portal" || d.Reason != "goods_missing_or_defective" || d.Comment != "Deux palettes manquantes" ||
		d.AttachmentName != "photo.jpg" || !strings.HasSuffix(d.AttachmentKey, ".jpg") || d.LinkID == nil {
		t.Fatalf("dispute stored as %+v", d)
	}
	if n := f.count(`SELECT count(*) FROM dispute_invoices WHERE invoice_id = ?`, f.inv.ID); n != 1 {
		t.Fatalf("%d dispute invoices", n)
	}
	msg := f.waitForMail("owner@acme.test", "Dispute from")
	if msg.Subject != "Dispute from Boulangerie Martin: F-2026-001" || !strings.Contains(msg.Text, "Goods missing or defective") ||
		!strings.Contains(msg.Text, "Deux palettes manquantes") || !strings.Contains(msg.Text, "photo.jpg") {
		t.Fatalf("staff email %q:\n%s", msg.Subject, msg.Text)
	}

	// The disputed invoice leaves the dunning flow: the planner plans nothing for it (the other
	// customer's late invoice shows the planner ran).
	if planned := f.plan(webtest.ParisToday()); planned["F-2026-001"] || !planned["G-1"] {
		t.Fatalf("planned %v", planned)
	}
	// It is no longer offered in the dispute form.
	page := f.E.Call("GET", f.page, "", nil).Expect(http.StatusOK).Body.String()
	litige := page[strings.Index(page, `id="litige"`):strings.Index(page, `id="promesse"`)]
	if strings.Contains(litige, f.inv.ID) || !strings.Contains(litige, f.inv2.ID) {
		t.Error("the dispute form offers the wrong invoices")
	}
}

func TestPortalPromiseForm(t *testing.T) {
	t.Parallel()
	f := newFormsFixture(t)
	f.withAccountingOwner()
	today := webtest.ParisToday()

	for _, tc := range []struct {
		name string
		on   string
		want string
	}{
		{"past the horizon", today.AddDate(0, 0, 31).Format(time.DateOnly), "Choisissez une date dans les 30 prochains jours."},
		{"in the past", today.AddDate(0, 0, -1).Format(time.DateOnly), "Choisissez aujourd&#39;hui ou une date ultérieure."},
		{"not a date", "bientôt", "Saisissez la date au format JJ/MM/AAAA."},
	} {
		r := f.submit(f.page+"/promise", url.Values{"invoice_ids": {f.inv.ID}, "promised_on": {tc.on}, "method": {"check"}}, "", nil)
		rejected(r, tc.want, `value="`+tc.on+`"`, `<option value="check" selected>`)
	}
	rejected(f.submit(f.page+"/promise", url.Values{"invoice_ids": {f.other.ID}, "promised_on": {today.Format(time.DateOnly)},
		"method": {"transfer"}}, "", nil), "Choisissez des factures dans la liste.")
	if n := f.count(`SELECT count(*) FROM promises`); n != 0 || f.mailJobs() != 0 {
		t.Fatalf("bad input stored %d promises, %d emails", n, f.mailJobs())
	}

	// The horizon is the organisation's setting.
	f.sql(`INSERT INTO portal_settings (organization_id, promise_horizon_days) VALUES (?, 45)`, f.org)
	on := today.AddDate(0, 0, 40)
	r := f.submit(f.page+"/promise", url.Values{"invoice_ids": {f.inv.ID, f.inv2.ID}, "promised_on": {on.Format(time.DateOnly)},
		"method": {"transfer"}}, "", nil)
	f.redirected(r, "promise", "promesse").Has("Merci, votre date de paiement est enregistrée.", "Promesse au")
	var p struct {
		Source, Method, Status string
		PromisedOn             time.Time
		LinkID                 *string
	}
	if err := f.E.App.DB.Gorm.Raw(`SELECT source, method, status, promised_on, link_id FROM promises`).Scan(&p).Error; err != nil {
		t.Fatal(err)
	}
	if p.Source != "portal" || p.Method != "transfer" || p.Status != "open" || !p.PromisedOn.Equal(on) || p.LinkID == nil {
		t.Fatalf("promise stored as %+v", p)
	}
	// The debtor's contact gets the confirmation in the customer's language (French).
	msg := f.waitForMail("claire@martin.test", "Acme : votre promesse")
	date := on.Format("02/01/2006")
	if msg.Subject != "Acme : votre promesse de paiement au "+date || !strings.Contains(msg.Text, "par virement le "+date) ||
		!strings.Contains(msg.Text, "F-2026-001 : "+nb("1 240,00 €")) || !strings.Contains(msg.Text, "Total : "+nb("1 540,00 €")) {
		t.Fatalf("confirmation %q:\n%s", msg.Subject, msg.Text)
	}

	// The promise holds the late invoice until its date plus the grace days (3), then the
	// planner resumes by itself.
	if planned := f.plan(today); planned["F-2026-001"] || !planned["G-1"] {
		t.Fatalf("planned %v under a promise", planned)
	}
	if planned := f.plan(on.AddDate(0, 0, 3)); planned["F-2026-001"] || planned["F-2026-002"] {
		t.Fatalf("planned %v within the grace days", planned)
	}

	// Changing the date replaces the promise; an English customer reads English.
	f.sql(`UPDATE customers SET language = 'en' WHERE id = ?`, f.Customer.ID)
	r = f.submit(f.page+"/promise", url.Values{"invoice_ids": {f.inv.ID, f.inv2.ID}, "promised_on": {today.Format("02/01/2006")},
		"method": {"card"}}, "", nil)
	f.redirected(r, "promise", "promesse")
	if n := f.count(`SELECT count(*) FROM promises WHERE status = 'cancelled'`); n != 1 {
		t.Fatalf("%d promises replaced", n)
	}
	if n := f.count(`SELECT count(*) FROM promises WHERE status = 'open' AND promised_on = ?`, today.Format(time.DateOnly)); n != 1 {
		t.Fatal("the new promise is not open")
	}
	// Wait for that confirmation itself (the mailbox holds other mail: the French one, an invitation).
	var english bool
	for deadline := time.Now().Add(15 * time.Second); !english && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for _, s := range f.mailSubjects() {
			english = english || s == "Acme: your payment promise for "+today.Format("2 January 2006")
		}
	}
	if !english {
		t.Fatalf("no English confirmation among %v", f.mailSubjects())
	}
	if planned := f.plan(today.AddDate(0, 0, 4)); !planned["F-2026-001"] {
		t.Fatalf("the planner did not resume after the new date and its grace days: %v", planned)
	}
}

// timelineKinds counts the customer's activities by kind.
func (f *formsFixture) timelineKinds() map[string]int {
	f.E.T.Helper()
	var rows []struct {
		Kind string
		N    int
	}
	if err := f.E.App.DB.Gorm.Raw(`SELECT kind, count(*) AS n FROM activities WHERE customer_id = ? GROUP BY kind`,
		f.Customer.ID).Scan(&rows).Error; err != nil {
		f.E.T.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Kind] = r.N
	}
	return out
}

// plan runs the planner as of a day and returns the invoice numbers it planned.
func (f *formsFixture) plan(asOf time.Time) map[string]bool {
	f.E.T.Helper()
	var run api.RunResponse
	f.E.Call("POST", "/api/v1/dunning/run", f.Token, map[string]any{"ignore_window": true,
		"as_of": asOf.Format(time.DateOnly)}).Expect(http.StatusOK).JSON(&run)
	out := map[string]bool{}
	for _, a := range run.Actions {
		for _, n := range a.InvoiceNumbers {
			out[n] = true
		}
	}
	return out
}

// waitForMail waits for the email to address whose subject starts with subject (other emails,
// such as invitations, go to the same people).
func (f *formsFixture) waitForMail(address, subject string) testenv.Email {
	f.E.T.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var list struct{ Messages []testenv.Email }
		f.mailpit("/api/v1/search?query="+url.QueryEscape("to:"+address), &list)
		for _, m := range list.Messages {
			if strings.HasPrefix(m.Subject, subject) {
				var full testenv.Email
				f.mailpit("/api/v1/message/"+m.ID, &full)
				return full
			}
		}
		if time.Now().After(deadline) {
			f.E.T.Fatalf("no email %q… for %s", subject, address)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (f *formsFixture) mailpit(path string, v any) {
	f.E.T.Helper()
	resp, err := http.Get(f.E.Mail.APIURL + path)
	if err != nil {
		f.E.T.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		f.E.T.Fatal(err)
	}
}

func (f *formsFixture) mailSubjects() []string {
	f.E.T.Helper()
	var list struct{ Messages []struct{ Subject string } }
	f.mailpit("/api/v1/messages", &list)
	var out []string
	for _, m := range list.Messages {
		out = append(out, m.Subject)
	}
	return out
}

func TestPortalBankDetailsForm(t *testing.T) {
	t.Parallel()
	f := newFormsFixture(t)
	f.withAccountingOwner()

	r := f.submit(f.page+"/bank-details", url.Values{"holder": {"Boulangerie Martin SARL"}, "iban": {"FR14 2004 1010 0505 0001 3M02 607"},
		"bic": {"PSSTFRPPPAR"}}, "", nil)
	rejected(r, "Cet IBAN n&#39;est pas valide : vérifiez qu&#39;il n&#39;y a pas de faute de frappe.",
		`value="FR14 2004 1010 0505 0001 3M02 607"`, `value="Boulangerie Martin SARL"`, `href="#b-iban"`)
	r = f.submit(f.page+"/bank-details", url.Values{"holder": {"Boulangerie Martin SARL"}, "iban": {"FR1420041010050500013M02606"},
		"bic": {"DEUTDEFF"}}, "", nil)
	rejected(r, "Ce BIC est d&#39;un autre pays que l&#39;IBAN (FR).")
	// An English page (the language switch is remembered in a cookie) reads English errors.
	r = f.submit(f.page+"/bank-details", url.Values{"holder": {""}, "iban": {"DE89 3704 0044 0532 0130"}}, "", nil,
		&http.Cookie{Name: "relance_lang", Value: "en"})
	rejected(r, "Enter the account holder&#39;s name.", "An IBAN of this country has 22 characters.", "correct the 2 fields")
	if n := f.count(`SELECT count(*) FROM bank_detail_changes`); n != 0 || f.mailJobs() != 0 {
		t.Fatalf("bad input stored %d changes, %d emails", n, f.mailJobs())
	}

	r = f.submit(f.page+"/bank-details", url.Values{"holder": {"  Boulangerie   Martin SARL "}, "iban": {"fr14 2004 1010 0505 0001 3m02 606"},
		"bic": {"psstfrpppar"}}, "", nil)
	f.redirected(r, "bank", "coordonnees").Has("Vos coordonnées ont été transmises.")
	var ch struct{ Holder, IBAN, BIC, Country, Status string }
	if err := f.E.App.DB.Gorm.Raw(`SELECT holder, iban, bic, country, status FROM bank_detail_changes`).Scan(&ch).Error; err != nil {
		t.Fatal(err)
	}
	if ch != (struct{ Holder, IBAN, BIC, Country, Status string }{"Boulangerie Martin SARL", "FR1420041010050500013M02606", "PSSTFRPPPAR", "FR", "pending"}) {
		t.Fatalf("change stored as %+v", ch)
	}
	// Nothing else changes before staff confirm.
	if n := f.count(`SELECT count(*) FROM customer_bank_accounts`); n != 0 {
		t.Fatal("the bank account changed without confirmation")
	}
	if f.timelineKinds()["portal_bank_details"] != 1 {
		t.Fatalf("timeline %v", f.timelineKinds())
	}
	msg := f.waitForMail("compta@acme.test", "New bank details")
	if msg.Subject != "New bank details submitted for Boulangerie Martin" || !strings.Contains(msg.Text, "FR14 2004 1010 0505 0001 3M02 606") ||
		!strings.Contains(msg.Text, "Country: France") || !strings.Contains(msg.Text, "Nothing changes until you confirm") {
		t.Fatalf("alert %q:\n%s", msg.Subject, msg.Text)
	}
}

// Forms through a bad link get the friendly page, and store nothing.
func TestPortalFormsNeedAValidLink(t *testing.T) {
	t.Parallel()
	f := newFormsFixture(t)
	r := f.submit("/p/"+strings.Repeat("x", 43)+"/question", url.Values{"message": {"Bonjour"}}, "", nil)
	r.Expect(http.StatusNotFound)
	if n := f.count(`SELECT count(*) FROM portal_questions`); n != 0 {
		t.Fatal("a question was stored through a bad link")
	}
}

// The hourly check closes promises past their date plus the grace days: kept when paid, broken
// (with promise_broken on the timeline) when not, and the planner resumes for the broken one.
func TestPortalPromiseCheck(t *testing.T) {
	t.Parallel()
	f := newFormsFixture(t)
	today := webtest.ParisToday()
	promise := func(inv string, on time.Time) string {
		var p api.PromiseResponse
		f.E.Call("POST", "/api/v1/promises", f.Token, map[string]any{"customer_id": f.Customer.ID, "invoice_ids": []string{inv},
			"promised_on": on.Format(time.DateOnly), "method": "transfer"}).Expect(http.StatusCreated).JSON(&p)
		return p.ID
	}
	broken := promise(f.inv.ID, today.AddDate(0, 0, -4)) // date + 3 grace days was yesterday
	kept := promise(f.inv2.ID, today.AddDate(0, 0, -5))
	f.E.Call("POST", "/api/v1/payments", f.Token, map[string]any{"customer_id": f.Customer.ID,
		"received_on": today.Format(time.DateOnly), "amount_cents": 30000, "method": "transfer", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": f.inv2.ID, "amount_cents": 30000}}}).Expect(http.StatusCreated)
	waiting := promise(f.inv.ID, today.AddDate(0, 0, -3)) // still within its grace days today

	// Through River, as the periodic job runs it.
	err := f.E.App.DB.Gorm.Transaction(func(tx *gorm.DB) error {
		return f.E.App.Queue.Enqueue(context.Background(), tx, portal.PromiseCheckArgs{})
	})
	if err != nil {
		t.Fatal(err)
	}
	status := func(id string) string {
		var s string
		f.E.App.DB.Gorm.Raw(`SELECT status FROM promises WHERE id = ?`, id).Scan(&s)
		return s
	}
	deadline := time.Now().Add(15 * time.Second)
	for status(broken) == "open" && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if status(broken) != "broken" || status(kept) != "kept" || status(waiting) != "open" {
		t.Fatalf("statuses: broken %s, kept %s, waiting %s", status(broken), status(kept), status(waiting))
	}
	if n := f.count(`SELECT count(*) FROM activities WHERE kind = 'promise_broken' AND invoice_id = ?`, f.inv.ID); n != 1 {
		t.Fatalf("%d promise_broken activities", n)
	}
	// Again: nothing more to close.
	k, b, err := f.E.App.Portal.CheckPromises(context.Background())
	if err != nil || k+b != 0 {
		t.Fatalf("second check closed %d kept, %d broken (%v)", k, b, err)
	}
	// The invoice is still held by the waiting promise today; tomorrow the planner resumes.
	if planned := f.plan(today); planned["F-2026-001"] {
		t.Fatalf("planned %v while a promise holds", planned)
	}
	if planned := f.plan(today.AddDate(0, 0, 1)); !planned["F-2026-001"] {
		t.Fatalf("after the promises, planned %v", planned)
	}
}

// postQuestion posts the debtor page's question form through page from address ip.
func (f *formsFixture) postQuestion(page, ip, message string) webtest.Response {
	f.E.T.Helper()
	return f.E.Browse(ip, "POST", page+"/question", url.Values{"message": {message}})
}

// 40 questions in a row through one link once all reached the staff's mailboxes. Now a link
// sends 10 an hour, an address 30 over all its links; a question refused for its content does
// not count.
func TestPortalFormsAreLimited(t *testing.T) {
	f := newFormsFixture(t)
	f.E.PinLimits()
	for i := 0; i < 3; i++ {
		rejected(f.postQuestion(f.page, "127.0.0.1", "   "), "Écrivez votre question.")
	}
	var mailsAtLimit int
	for i := 1; i <= 40; i++ {
		r := f.postQuestion(f.page, "127.0.0.1", fmt.Sprintf("Question n° %d", i))
		switch {
		case i <= 10:
			r.Expect(http.StatusSeeOther)
			mailsAtLimit = f.mailJobs()
		default:
			r.Expect(http.StatusTooManyRequests).Has("Ce formulaire a été envoyé trop de fois.", "Question n° ")
			if r.Header().Get("Retry-After") == "" {
				t.Fatal("no Retry-After")
			}
		}
	}
	if n := f.count(`SELECT count(*) FROM portal_questions`); n != 10 {
		t.Fatalf("%d questions stored, want 10", n)
	}
	if f.mailJobs() != mailsAtLimit || mailsAtLimit == 0 {
		t.Fatalf("%d emails after the limit, %d at it", f.mailJobs(), mailsAtLimit)
	}
	// The other forms of the link have their own count.
	r := f.submit(f.page+"/promise", url.Values{"invoice_ids": {f.inv.ID},
		"promised_on": {webtest.ParisToday().AddDate(0, 0, 5).Format("2006-01-02")}, "method": {"transfer"}}, "", nil)
	f.redirected(r, "promise", "promesse")

	// One address: 30 posts an hour over all links (10 + 1 promise above, then 19 more).
	second, third := f.linkFor(f.Customer.ID, "paul@martin.test"), f.linkFor(f.Customer.ID, "lea@martin.test")
	for i := 0; i < 10; i++ {
		f.postQuestion(second, "127.0.0.1", "Deuxième lien").Expect(http.StatusSeeOther)
	}
	for i := 0; i < 9; i++ {
		f.postQuestion(third, "127.0.0.1", "Troisième lien").Expect(http.StatusSeeOther)
	}
	f.postQuestion(third, "127.0.0.1", "Une de trop").Expect(http.StatusTooManyRequests)
	f.postQuestion(third, "127.0.0.9", "D'ailleurs").Expect(http.StatusSeeOther)
}

// The debtor page's forms refuse the same text, showing the form again instead of a 500.
func TestPortalFormsRefuseUnstorableText(t *testing.T) {
	t.Parallel()
	f := newFormsFixture(t)
	rejected(f.submit(f.page+"/question", url.Values{"message": {"Bonjour\x00"}}, "", nil), "NUL")
	rejected(f.submit(f.page+"/question", url.Values{"message": {"Bonjour \xff"}}, "", nil), "UTF-8")
	rejected(f.submit(f.page+"/question", url.Values{"message": {"Voici le bon"}}, "bl\x00.pdf", fakePDF))
	rejected(f.submit(f.page+"/dispute", url.Values{"invoice_ids": {f.inv.ID}, "reason": {"other"}, "comment": {"x\x00"}}, "", nil))
	if n := f.count(`SELECT count(*) FROM portal_questions`) + f.count(`SELECT count(*) FROM disputes`); n != 0 {
		t.Fatalf("%d rows stored", n)
	}
	r := f.E.Browse("127.0.0.1", "POST", "/p/expired", url.Values{"email": {"claire@martin.test\x00"}})
	if r.Code != http.StatusUnprocessableEntity {
		t.Fatalf("resend with a NUL: %d", r.Code)
	}
}
