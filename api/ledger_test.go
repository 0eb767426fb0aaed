package api_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/relance/relance/api"
	"github.com/relance/relance/web/webtest"
)

// ledgerFixture is an organisation with a customer (webtest.Org).
type ledgerFixture struct {
	*webtest.Org
	e        *env
	token    string
	customer api.CustomerResponse
}

func newLedger(t *testing.T) *ledgerFixture {
	o := webtest.NewOrg(t)
	return &ledgerFixture{Org: o, e: wrapEnv(o.E), token: o.Token, customer: o.Customer}
}

func (f *ledgerFixture) invoice(number, issue, due string, total int64) api.InvoiceDetail {
	f.e.t.Helper()
	return f.Invoice(number, issue, due, total)
}

func (f *ledgerFixture) get(path string, v any) { f.e.t.Helper(); f.Get(path, v) }

func fieldsOf(p api.Problem) map[string]string {
	m := map[string]string{}
	for _, e := range p.Errors {
		m[e.Field] = e.Message
	}
	return m
}

func TestCustomerDataQuality(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	c := f.customer
	if c.VATNumberSuggested != "FR44732829320" {
		t.Errorf("suggested VAT %q", c.VATNumberSuggested)
	}
	want := map[string]bool{"missing_reminder_email": true, "missing_phone": true}
	if len(c.DataProblems) != 2 || !want[c.DataProblems[0]] || !want[c.DataProblems[1]] {
		t.Fatalf("problems of a customer without contacts: %v", c.DataProblems)
	}
	var list api.CustomerList
	f.get("/api/v1/customers?incomplete=true", &list)
	if list.Total != 1 {
		t.Fatalf("incomplete filter: %+v", list)
	}
	e := f.e
	e.call("POST", "/api/v1/customers", f.token, map[string]any{"name": "Garage Dupont", "segment": "Artisan"}).expect(http.StatusCreated)
	for q, want := range map[string]int64{"zzzz": 0, "martin": 1, "732 829 320": 1, "FR44732829320": 1, "C-1": 1} {
		f.get("/api/v1/customers?q="+url.QueryEscape(q), &list)
		if list.Total != want {
			t.Errorf("search %q found %d, want %d", q, list.Total, want)
		}
	}
	var segs api.SegmentList
	f.get("/api/v1/customer-segments", &segs)
	if len(segs.Items) != 1 || segs.Items[0] != "Artisan" {
		t.Errorf("segments %v", segs.Items)
	}
	f.get("/api/v1/customers?incomplete=true", &list)
	if list.Total != 2 {
		t.Fatalf("incomplete filter: %+v", list)
	}

	// A contact with an email and a phone fixes both problems; the phone is stored as E.164.
	var k api.ContactResponse
	f.e.call("POST", "/api/v1/customers/"+c.ID+"/contacts", f.token, map[string]any{"name": "Claire", "role": "accounting",
		"email": "compta@martin.test", "phone": "01 23 45 67 89", "preferred_channel": "email", "receives_reminders": true}).
		expect(http.StatusCreated).json(&k)
	if k.Phone != "+33123456789" {
		t.Errorf("phone %q", k.Phone)
	}
	f.get("/api/v1/customers/"+c.ID, &c)
	if len(c.DataProblems) != 0 || len(c.Contacts) != 1 {
		t.Fatalf("after the contact: %v", c.DataProblems)
	}
	f.get("/api/v1/customers?incomplete=true", &list)
	if list.Total != 1 || list.Items[0].Name != "Garage Dupont" {
		t.Fatalf("still incomplete: %+v", list)
	}

	// Bad identifiers and no terms are problems, not refusals.
	var bad api.CustomerResponse
	f.e.call("POST", "/api/v1/customers", f.token, map[string]any{"name": "Sloppy SAS", "siren": "123456789", "vat_number": "FR00123456789"}).
		expect(http.StatusCreated).json(&bad)
	for _, code := range []string{"invalid_siren", "invalid_vat", "missing_payment_terms", "missing_reminder_email"} {
		if !strings.Contains(strings.Join(bad.DataProblems, ","), code) {
			t.Errorf("%s missing from %v", code, bad.DataProblems)
		}
	}

	// What cannot be stored is refused, naming each field.
	p := f.e.call("POST", "/api/v1/customers", f.token, map[string]any{"name": "", "currency": "euro", "payment_terms_days": 400}).
		problem(http.StatusUnprocessableEntity)
	for _, field := range []string{"name", "currency", "payment_terms_days"} {
		if fieldsOf(p)[field] == "" {
			t.Errorf("no error for %s: %+v", field, p.Errors)
		}
	}
	p = f.e.call("POST", "/api/v1/customers/"+c.ID+"/contacts", f.token, map[string]any{"name": "X", "email": "not-an-email",
		"phone": "12", "preferred_channel": "fax"}).problem(http.StatusUnprocessableEntity)
	for _, field := range []string{"email", "phone", "preferred_channel"} {
		if fieldsOf(p)[field] == "" {
			t.Errorf("no error for %s: %+v", field, p.Errors)
		}
	}
	f.e.call("POST", "/api/v1/customers", f.token, map[string]any{"name": "Dup", "external_id": "C-1"}).problem(http.StatusConflict)
}

func TestPaymentsAllocateAndBalancesStayConsistent(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	old := f.invoice("F-001", "2026-01-01", "2026-01-31", 100000)
	mid := f.invoice("F-002", "2026-02-01", "2026-03-02", 50000)
	recent := f.invoice("F-003", "2026-03-01", "2026-03-31", 30000)

	// Automatic: the invoice named in the reference first, then the oldest due.
	var pay api.PaymentResponse
	f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-04-02",
		"amount_cents": 40000, "method": "transfer", "reference": "VIR F-003 + acompte"}).expect(http.StatusCreated).json(&pay)
	if len(pay.Allocations) != 2 || pay.Allocations[0].InvoiceNumber != "F-001" && pay.Allocations[1].InvoiceNumber != "F-001" {
		t.Fatalf("allocations %+v", pay.Allocations)
	}
	f.get("/api/v1/invoices/"+recent.ID, &recent)
	f.get("/api/v1/invoices/"+old.ID, &old)
	if recent.Status != "paid" || recent.BalanceCents != 0 || recent.PaidOn == nil || *recent.PaidOn != "2026-04-02" {
		t.Fatalf("F-003 = %+v", recent.InvoiceResponse)
	}
	if old.Status != "partially_paid" || old.BalanceCents != 90000 {
		t.Fatalf("F-001 = %+v", old.InvoiceResponse)
	}

	// Manual: every bad line is named.
	p := f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-04-03",
		"amount_cents": 60000, "method": "check", "allocation": "manual", "allocations": []map[string]any{
			{"invoice_id": mid.ID, "amount_cents": 50001},
			{"invoice_id": old.ID, "amount_cents": -5},
			{"invoice_id": recent.ID, "amount_cents": 1},
		}}).problem(http.StatusUnprocessableEntity)
	errs := fieldsOf(p)
	if errs["allocations[1].amount_cents"] == "" {
		t.Errorf("negative line not refused: %+v", p.Errors)
	}
	p = f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-04-03",
		"amount_cents": 60000, "method": "check", "allocation": "manual", "allocations": []map[string]any{
			{"invoice_id": mid.ID, "amount_cents": 50001}, {"invoice_id": recent.ID, "amount_cents": 1}}}).problem(http.StatusUnprocessableEntity)
	errs = fieldsOf(p)
	if errs["allocations[0].amount_cents"] == "" || errs["allocations[1].invoice_id"] == "" {
		t.Errorf("over-allocation or paid invoice not refused: %+v", p.Errors)
	}
	p = f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-04-03",
		"amount_cents": 10000, "method": "check", "allocation": "manual", "allocations": []map[string]any{
			{"invoice_id": mid.ID, "amount_cents": 20000}}}).problem(http.StatusUnprocessableEntity)
	if fieldsOf(p)["allocations"] == "" {
		t.Errorf("allocating more than the payment: %+v", p.Errors)
	}
	p = f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-04-03",
		"amount_cents": -1, "currency": "USD", "method": "bitcoin"}).problem(http.StatusUnprocessableEntity)
	for _, field := range []string{"amount_cents", "currency", "method"} {
		if fieldsOf(p)[field] == "" {
			t.Errorf("no error for %s: %+v", field, p.Errors)
		}
	}
	// Nothing of the refused payments was stored.
	var payments api.PaymentList
	f.get("/api/v1/payments", &payments)
	if payments.Total != 1 || len(payments.Items[0].Allocations) != 2 {
		t.Fatalf("payments stored: %+v", payments)
	}

	// Unallocated money stays as credit, then is allocated by hand.
	var credit api.PaymentResponse
	f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-04-05",
		"amount_cents": 20000, "method": "card", "allocation": "none"}).expect(http.StatusCreated).json(&credit)
	var cu api.CustomerResponse
	f.get("/api/v1/customers/"+f.customer.ID, &cu)
	if cu.UnallocatedCreditCents != 20000 || cu.BalanceCents != 140000 {
		t.Fatalf("credit %d, balance %d", cu.UnallocatedCreditCents, cu.BalanceCents)
	}
	f.e.call("POST", "/api/v1/payments/"+credit.ID+"/allocations", f.token, map[string]any{"allocations": []map[string]any{
		{"invoice_id": mid.ID, "amount_cents": 20000}}}).expect(http.StatusOK).json(&credit)
	if credit.UnallocatedCents != 0 {
		t.Fatalf("unallocated %d", credit.UnallocatedCents)
	}

	// A credit note settles an invoice; a reversal makes the invoices due again.
	var cn api.CreditNoteResponse
	f.e.call("POST", "/api/v1/credit-notes", f.token, map[string]any{"customer_id": f.customer.ID, "number": "AV-1",
		"issue_date": "2026-04-06", "amount_cents": 30000, "invoice_id": mid.ID}).expect(http.StatusCreated).json(&cn)
	f.get("/api/v1/invoices/"+mid.ID, &mid)
	if mid.Status != "paid" || len(mid.Settlements) != 2 || cn.UnallocatedCents != 0 {
		t.Fatalf("F-002 after credit note: %+v", mid)
	}
	f.e.call("POST", "/api/v1/payments/"+pay.ID+"/reverse", f.token, map[string]any{"reason": "Rejet de virement"}).expect(http.StatusOK).json(&pay)
	f.e.call("POST", "/api/v1/payments/"+pay.ID+"/reverse", f.token, map[string]any{"reason": "again"}).problem(http.StatusConflict)
	f.get("/api/v1/invoices/"+recent.ID, &recent)
	f.get("/api/v1/invoices/"+old.ID, &old)
	if recent.Status != "open" || recent.BalanceCents != 30000 || old.BalanceCents != 100000 || old.Status != "open" {
		t.Fatalf("after reversal: F-003 %+v, F-001 %+v", recent.InvoiceResponse, old.InvoiceResponse)
	}
	f.get("/api/v1/customers/"+f.customer.ID, &cu)
	if cu.BalanceCents != 130000 || cu.OpenInvoices != 2 || cu.UnallocatedCreditCents != 0 {
		t.Fatalf("customer after reversal: balance %d, open %d, credit %d", cu.BalanceCents, cu.OpenInvoices, cu.UnallocatedCreditCents)
	}

	// The timeline tells the story.
	var tl api.ActivityList
	f.get("/api/v1/invoices/"+recent.ID+"/activities", &tl)
	kinds := []string{}
	for _, a := range tl.Items {
		kinds = append(kinds, a.Kind)
	}
	if strings.Join(kinds, ",") != "payment.reversed,payment.allocated,invoice.created" {
		t.Fatalf("timeline %v", kinds)
	}
}

func TestInvoiceRules(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	inv := f.invoice("F-100", "2026-01-10", "2026-02-09", 12000)
	f.e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": f.customer.ID, "number": "F-100",
		"issue_date": "2026-01-10", "total_cents": 100}).problem(http.StatusConflict)
	p := f.e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": f.customer.ID, "number": "F-101",
		"issue_date": "2026-13-01", "due_date": "2025-01-01", "total_cents": 0, "tax_cents": -1, "currency": "USD"}).
		problem(http.StatusUnprocessableEntity)
	for _, field := range []string{"issue_date"} {
		if fieldsOf(p)[field] == "" {
			t.Errorf("no error for %s: %+v", field, p.Errors)
		}
	}
	p = f.e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": f.customer.ID, "number": "F-101",
		"issue_date": "2026-01-01", "due_date": "2025-01-01", "total_cents": 0, "tax_cents": -1, "currency": "USD"}).
		problem(http.StatusUnprocessableEntity)
	for _, field := range []string{"due_date", "total_cents", "tax_cents", "currency"} {
		if fieldsOf(p)[field] == "" {
			t.Errorf("no error for %s: %+v", field, p.Errors)
		}
	}
	f.e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": "0196d6f3-0000-7000-8000-000000000000",
		"number": "F-102", "issue_date": "2026-01-01", "total_cents": 100}).problem(http.StatusUnprocessableEntity)

	// The due date defaults to the customer's terms (30 days).
	var d api.InvoiceDetail
	f.e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": f.customer.ID, "number": "F-103",
		"issue_date": "2026-01-31", "total_cents": 5000}).expect(http.StatusCreated).json(&d)
	if d.DueDate != "2026-03-02" || d.Currency != "EUR" {
		t.Fatalf("defaults: due %s currency %s", d.DueDate, d.Currency)
	}

	// Settled in part, the total no longer changes; cancelled, it cannot be paid.
	f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-02-01",
		"amount_cents": 2000, "method": "transfer", "reference": "F-100"}).expect(http.StatusCreated)
	f.e.call("PUT", "/api/v1/invoices/"+inv.ID, f.token, map[string]any{"customer_id": f.customer.ID, "number": "F-100",
		"issue_date": "2026-01-10", "due_date": "2026-02-09", "total_cents": 999}).problem(http.StatusConflict)
	f.e.call("PUT", "/api/v1/invoices/"+inv.ID, f.token, map[string]any{"customer_id": f.customer.ID, "number": "F-100",
		"issue_date": "2026-01-10", "due_date": "2026-03-09", "total_cents": 12000, "notes": "report accepté"}).expect(http.StatusOK).json(&inv)
	if inv.DueDate != "2026-03-09" || inv.BalanceCents != 10000 {
		t.Fatalf("after update %+v", inv.InvoiceResponse)
	}
	f.e.call("POST", "/api/v1/invoices/"+inv.ID+"/cancel", f.token, nil).problem(http.StatusConflict)
	f.e.call("POST", "/api/v1/invoices/"+inv.ID+"/write-off", f.token, map[string]string{"reason": "liquidation"}).expect(http.StatusOK).json(&inv)
	if inv.Status != "written_off" {
		t.Fatalf("status %s", inv.Status)
	}
	f.e.call("POST", "/api/v1/invoices/"+d.ID+"/cancel", f.token, nil).expect(http.StatusOK)
	var list api.InvoiceList
	f.get("/api/v1/invoices?status=open,partially_paid", &list)
	if list.Total != 0 {
		t.Fatalf("open invoices %+v", list)
	}
	f.get("/api/v1/invoices?sort=-number&q=F-10", &list)
	if list.Total != 2 || list.Items[0].Number != "F-103" {
		t.Fatalf("search %+v", list)
	}
	f.e.call("GET", "/api/v1/invoices?status=lost", f.token, nil).problem(http.StatusUnprocessableEntity)
}

func uploadPDF(e *env, token, invoiceID string, content []byte) response {
	return e.uploadFile("PUT", "/api/v1/invoices/"+invoiceID+"/pdf", token, "invoice.pdf", content)
}

const tinyPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

func TestInvoicePDF(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	inv := f.invoice("F-200", "2026-01-10", "2026-02-09", 12000)
	f.e.call("GET", "/api/v1/invoices/"+inv.ID+"/pdf", f.token, nil).problem(http.StatusNotFound)
	uploadPDF(f.e, f.token, inv.ID, []byte("GIF89a not a pdf")).problem(http.StatusUnprocessableEntity)
	uploadPDF(f.e, f.token, inv.ID, []byte("%PDF-1.4 truncated")).problem(http.StatusUnprocessableEntity)
	big := append([]byte(tinyPDF), bytes.Repeat([]byte(" "), 10<<20)...)
	uploadPDF(f.e, f.token, inv.ID, append(big, "%%EOF"...)).problem(http.StatusUnprocessableEntity)
	f.get("/api/v1/invoices/"+inv.ID, &inv)
	if inv.HasPDF {
		t.Fatal("a refused file was kept")
	}
	uploadPDF(f.e, f.token, inv.ID, []byte(tinyPDF)).expect(http.StatusNoContent)
	r := f.e.call("GET", "/api/v1/invoices/"+inv.ID+"/pdf?download=true", f.token, nil).expect(http.StatusOK)
	if r.Header().Get("Content-Type") != "application/pdf" || r.Body.String() != tinyPDF ||
		!strings.Contains(r.Header().Get("Content-Disposition"), `attachment; filename=F-200.pdf`) {
		t.Fatalf("download: %v %q", r.Header(), r.Body.String())
	}
	f.get("/api/v1/invoices/"+inv.ID, &inv)
	if !inv.HasPDF {
		t.Fatal("has_pdf false after upload")
	}
}

func TestLedgerRolesAndTenancy(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	inv := f.invoice("F-300", "2026-01-10", "2026-02-09", 12000)
	uploadPDF(f.e, f.token, inv.ID, []byte(tinyPDF)).expect(http.StatusNoContent)
	var pay api.PaymentResponse
	f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-02-01",
		"amount_cents": 1000, "method": "transfer", "allocation": "none"}).expect(http.StatusCreated).json(&pay)
	var cn api.CreditNoteResponse
	f.e.call("POST", "/api/v1/credit-notes", f.token, map[string]any{"customer_id": f.customer.ID, "number": "AV-1",
		"issue_date": "2026-02-01", "amount_cents": 500}).expect(http.StatusCreated).json(&cn)
	contact := f.customer.ID + "/contacts/"
	var k api.ContactResponse
	f.e.call("POST", "/api/v1/customers/"+contact[:len(contact)-1], f.token, map[string]any{"name": "Paul", "email": "p@x.test"}).
		expect(http.StatusCreated).json(&k)

	// Viewers read but do not write.
	viewer := f.e.join(f.token, "viewer@acme.test", "viewer")
	f.e.call("GET", "/api/v1/invoices/"+inv.ID, viewer.AccessToken, nil).expect(http.StatusOK)
	f.e.call("POST", "/api/v1/customers", viewer.AccessToken, map[string]any{"name": "X"}).problem(http.StatusForbidden)
	f.e.call("POST", "/api/v1/invoices/"+inv.ID+"/write-off", viewer.AccessToken, nil).problem(http.StatusForbidden)

	other := f.e.signup("Other", "owner@other.test")
	customerBody := map[string]any{"name": "Stolen"}
	assertInvisibleToOtherOrgs(t, f.e, other.AccessToken, []crossOrgRequest{
		{"GET", "/api/v1/customers/" + f.customer.ID, nil},
		{"PUT", "/api/v1/customers/" + f.customer.ID, customerBody},
		{"DELETE", "/api/v1/customers/" + f.customer.ID, nil},
		{"GET", "/api/v1/customers/" + f.customer.ID + "/activities", nil},
		{"GET", "/api/v1/customers/" + f.customer.ID + "/contacts", nil},
		{"POST", "/api/v1/customers/" + f.customer.ID + "/contacts", map[string]any{"name": "Spy"}},
		{"PUT", "/api/v1/customers/" + contact + k.ID, map[string]any{"name": "Spy"}},
		{"DELETE", "/api/v1/customers/" + contact + k.ID, nil},
		{"GET", "/api/v1/invoices/" + inv.ID, nil},
		{"PUT", "/api/v1/invoices/" + inv.ID, map[string]any{"customer_id": f.customer.ID, "number": "X", "issue_date": "2026-01-01", "total_cents": 1}},
		{"POST", "/api/v1/invoices/" + inv.ID + "/cancel", nil},
		{"POST", "/api/v1/invoices/" + inv.ID + "/write-off", nil},
		{"GET", "/api/v1/invoices/" + inv.ID + "/pdf", nil},
		{"GET", "/api/v1/invoices/" + inv.ID + "/activities", nil},
		{"GET", "/api/v1/payments/" + pay.ID, nil},
		{"POST", "/api/v1/payments/" + pay.ID + "/allocations", map[string]any{"auto": true}},
		{"POST", "/api/v1/payments/" + pay.ID + "/reverse", map[string]any{"reason": "x"}},
		{"GET", "/api/v1/credit-notes/" + cn.ID, nil},
	}, func() {
		var c api.CustomerResponse
		f.get("/api/v1/customers/"+f.customer.ID, &c)
		if c.Name != "Boulangerie Martin" || c.ArchivedAt != nil || len(c.Contacts) != 1 {
			t.Fatalf("customer changed by another organisation: %+v", c)
		}
		f.get("/api/v1/invoices/"+inv.ID, &inv)
		if inv.Status != "open" {
			t.Fatalf("invoice changed by another organisation: %+v", inv.InvoiceResponse)
		}
	})
	uploadPDF(f.e, other.AccessToken, inv.ID, []byte(tinyPDF)).problem(http.StatusNotFound)
	// Naming another organisation's customer in a body is refused too.
	f.e.call("POST", "/api/v1/invoices", other.AccessToken, map[string]any{"customer_id": f.customer.ID, "number": "F-1",
		"issue_date": "2026-01-01", "total_cents": 100}).problem(http.StatusUnprocessableEntity)
	f.e.call("POST", "/api/v1/payments", other.AccessToken, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-01-01",
		"amount_cents": 100, "method": "cash"}).problem(http.StatusUnprocessableEntity)
	var lists struct{ Total int64 }
	for _, path := range []string{"/api/v1/customers", "/api/v1/invoices", "/api/v1/payments", "/api/v1/credit-notes"} {
		f.e.call("GET", path, other.AccessToken, nil).expect(http.StatusOK).json(&lists)
		if lists.Total != 0 {
			t.Errorf("%s shows %d rows of another organisation", path, lists.Total)
		}
	}
}
