package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/api"
)

// rawCall sends body as is (it may hold bytes json.Marshal cannot write).
func (e *env) rawCall(method, path, token string, body []byte) response {
	e.t.Helper()
	return e.send("127.0.0.1", method, path, token, bytes.NewReader(body), true)
}

// field returns the message of the problem's error on field, failing when there is none.
func field(t *testing.T, p api.Problem, name string) string {
	t.Helper()
	for _, f := range p.Errors {
		if f.Field == name {
			return f.Message
		}
	}
	t.Fatalf("no error on %q in %+v", name, p.Errors)
	return ""
}

// Text no column can store is refused when the request is read, naming the field, instead of
// failing in the database with a 500.
func TestUnstorableTextIsRefusedNamingTheField(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	e := f.e

	// Unauthenticated: a 10 KB email at login, a NUL byte in it.
	p := e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": incompressible(10*1024) + "@x.test", "password": "x"}).
		problem(http.StatusUnprocessableEntity)
	if got := field(t, p, "email"); got != "At most 254 characters." {
		t.Errorf("10 KB email: %q", got)
	}
	p = e.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "owner@acme.test\x00", "password": "x"}).problem(http.StatusUnprocessableEntity)
	field(t, p, "email")

	// Database limits are checked first: an organisation name of 201 characters, a credit note
	// number of 101.
	p = e.call("POST", "/api/v1/auth/signup", "", map[string]string{"organization_name": strings.Repeat("O", 201),
		"name": "Long", "email": "long@org.test", "password": "correct horse battery"}).problem(http.StatusUnprocessableEntity)
	field(t, p, "organization_name")
	p = e.call("POST", "/api/v1/credit-notes", f.token, map[string]any{"customer_id": f.customer.ID, "number": strings.Repeat("9", 101),
		"issue_date": "2026-03-01", "amount_cents": 100}).problem(http.StatusUnprocessableEntity)
	field(t, p, "number")

	// NUL bytes and invalid UTF-8 in bodies, nested or not, in English and in French.
	p = e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": f.customer.ID, "number": "F-1\x00",
		"issue_date": "2026-03-01", "total_cents": 100}).problem(http.StatusUnprocessableEntity)
	if got := field(t, p, "number"); got != "Remove the NUL character (\\u0000)." {
		t.Errorf("NUL: %q", got)
	}
	p = e.rawCall("PUT", "/api/v1/customers/"+f.customer.ID, f.token,
		[]byte(`{"name":"Boulangerie","billing_address":{"city":"Par`+"\xff"+`is"}}`)).problem(http.StatusUnprocessableEntity)
	if got := field(t, p, "billing_address.city"); got != "Use valid UTF-8 text." {
		t.Errorf("invalid UTF-8: %q", got)
	}
	p = e.callFR("POST", "/api/v1/customers/"+f.customer.ID+"/contacts", f.token, map[string]any{"name": "A\x00", "role": "accounting"}).
		problem(http.StatusUnprocessableEntity)
	if got := field(t, p, "name"); got != "Retirez le caractère NUL (\\u0000)." {
		t.Errorf("French NUL: %q", got)
	}

	// Query parameters: q (the search words) and any other; a path parameter names nothing.
	for _, q := range []string{"%00", "%FF%FE", strings.Repeat("x", 201)} {
		p = e.call("GET", "/api/v1/customers?q="+q, f.token, nil).problem(http.StatusUnprocessableEntity)
		field(t, p, "q")
	}
	p = e.call("GET", "/api/v1/invoices?segment=%00", f.token, nil).problem(http.StatusUnprocessableEntity)
	field(t, p, "segment")
	e.call("GET", "/api/v1/customers/%00", f.token, nil).problem(http.StatusNotFound)

	// Nothing was stored, and sane text still goes through.
	var list api.CustomerList
	f.get("/api/v1/customers?q=Boulangerie", &list)
	if list.Total != 1 || list.Items[0].Name != "Boulangerie Martin" {
		t.Fatalf("customers: %+v", list)
	}
}

// Amounts are bounded (10^13 minor units) so that no sum overflows: two invoices of 5×10^18
// cents used to make the customer list, the customer page, /dunning/tomorrow, /dunning/run, the
// debtor page and its statement answer 500 for good.
func TestAmountsAreBoundedSoSumsCannotOverflow(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	f.contact("compta@boulangerie.test")
	issue, due := parisToday().AddDate(0, 0, -40).Format(time.DateOnly), parisToday().AddDate(0, 0, -20).Format(time.DateOnly)
	for i := range 2 {
		p := f.e.call("POST", "/api/v1/invoices", f.token, map[string]any{"customer_id": f.customer.ID, "number": "HUGE-" + string(rune('A'+i)),
			"issue_date": issue, "due_date": due, "total_cents": int64(5_000_000_000_000_000_000)}).problem(http.StatusUnprocessableEntity)
		if got := field(t, p, "total_cents"); got != "At most 10000000000000 (in minor units)." {
			t.Errorf("total_cents: %q", got)
		}
	}
	over := int64(10_000_000_000_001)
	for _, c := range []struct {
		path, field string
		body        map[string]any
	}{
		{"/api/v1/payments", "amount_cents", map[string]any{"customer_id": f.customer.ID, "received_on": issue, "amount_cents": over, "method": "transfer"}},
		{"/api/v1/credit-notes", "amount_cents", map[string]any{"customer_id": f.customer.ID, "number": "AV-1", "issue_date": issue, "amount_cents": over}},
		{"/api/v1/customers", "credit_limit_cents", map[string]any{"name": "Big", "credit_limit_cents": over}},
	} {
		field(t, f.e.call("POST", c.path, f.token, c.body).problem(http.StatusUnprocessableEntity), c.field)
	}

	// The largest amounts allowed add up without trouble on every page that sums them.
	big := f.invoice("BIG-1", issue, due, 10_000_000_000_000)
	f.invoice("BIG-2", issue, due, 10_000_000_000_000)
	var c api.CustomerResponse
	f.get("/api/v1/customers/"+f.customer.ID, &c)
	if c.BalanceCents != 20_000_000_000_000 {
		t.Errorf("customer balance %d", c.BalanceCents)
	}
	f.e.call("GET", "/api/v1/customers", f.token, nil).expect(http.StatusOK)
	f.e.call("GET", "/api/v1/dunning/tomorrow", f.token, nil).expect(http.StatusOK)
	f.e.call("POST", "/api/v1/dunning/run", f.token, map[string]any{}).expect(http.StatusOK)
	token := tokenOf(t, f.portalLink("compta@boulangerie.test").URL)
	for _, path := range []string{"/p/" + token, "/p/" + token + "/statement.pdf", "/p/" + token + "/statement.csv"} {
		f.e.browse("127.0.0.1", "GET", path, nil).expect(http.StatusOK)
	}
	p := f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": issue,
		"amount_cents": 100, "method": "transfer", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": big.ID, "amount_cents": over}}}).problem(http.StatusUnprocessableEntity)
	field(t, p, "allocations[0].amount_cents")

	// The database refuses them too, whatever path a row takes.
	err := f.e.app.DB.Gorm.Exec(`UPDATE invoices SET total_cents = 5000000000000000000, balance_cents = 5000000000000000000 WHERE id = ?`, big.ID).Error
	if err == nil || !strings.Contains(err.Error(), "invoices_total_cents_bound") {
		t.Fatalf("the database took an amount of 5×10^18: %v", err)
	}
}

// Lowering an unpaid invoice's total used to answer 500 (the total was saved before the balance).
func TestLoweringAnInvoiceTotal(t *testing.T) {
	t.Parallel()
	f := newLedger(t)
	inv := f.invoice("F-LOW", "2026-03-01", "2026-03-31", 5000)
	body := map[string]any{"customer_id": f.customer.ID, "number": "F-LOW", "issue_date": "2026-03-01", "due_date": "2026-03-31", "total_cents": 100}
	var got api.InvoiceDetail
	f.e.call("PUT", "/api/v1/invoices/"+inv.ID, f.token, body).expect(http.StatusOK).json(&got)
	if got.TotalCents != 100 || got.BalanceCents != 100 || got.Status != "open" {
		t.Fatalf("after lowering: %+v", got.InvoiceResponse)
	}
	body["total_cents"] = 7000 // and up again
	f.e.call("PUT", "/api/v1/invoices/"+inv.ID, f.token, body).expect(http.StatusOK).json(&got)
	if got.TotalCents != 7000 || got.BalanceCents != 7000 {
		t.Fatalf("after raising: %+v", got.InvoiceResponse)
	}

	// Once partly paid, the amounts stay (a credit note corrects them): a clear 409, not a 500.
	f.e.call("POST", "/api/v1/payments", f.token, map[string]any{"customer_id": f.customer.ID, "received_on": "2026-03-10",
		"amount_cents": 2000, "method": "transfer", "allocation": "auto"}).expect(http.StatusCreated)
	body["total_cents"] = 1000
	f.e.call("PUT", "/api/v1/invoices/"+inv.ID, f.token, body).problem(http.StatusConflict)
	f.get("/api/v1/invoices/"+inv.ID, &got)
	if got.TotalCents != 7000 || got.BalanceCents != 5000 || got.Status != "partially_paid" {
		t.Fatalf("a settled invoice changed: %+v", got.InvoiceResponse)
	}
}
