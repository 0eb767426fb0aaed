package webtest

import (
	"net/http"
	"testing"

	"github.com/relance/relance/api"
)

// Org is an organisation (Acme, its owner signed in) with a customer, Boulangerie Martin (C-1).
type Org struct {
	E        *Env
	Token    string // the owner's access token
	Customer api.CustomerResponse
}

// NewOrg starts a Relance for t with Acme and its customer.
func NewOrg(t *testing.T) *Org { t.Helper(); return NewOrgWith(t, Options{}) }

// NewOrgWith is NewOrg on a Relance built with o.
func NewOrgWith(t *testing.T, o Options) *Org {
	t.Helper()
	e := New(t, o)
	owner := e.Signup("Acme", "owner@acme.test")
	f := &Org{E: e, Token: owner.AccessToken}
	e.Call("POST", "/api/v1/customers", f.Token, map[string]any{
		"name": "Boulangerie Martin", "external_id": "C-1", "siren": "732829320", "payment_terms_days": 30,
		"billing_address": map[string]string{"line1": "1 rue de la Paix", "postal_code": "75002", "city": "Paris", "country": "FR"},
	}).Expect(http.StatusCreated).JSON(&f.Customer)
	return f
}

// Invoice creates an invoice of the customer.
func (f *Org) Invoice(number, issue, due string, total int64) api.InvoiceDetail {
	f.E.T.Helper()
	var inv api.InvoiceDetail
	f.E.Call("POST", "/api/v1/invoices", f.Token, map[string]any{"customer_id": f.Customer.ID, "number": number,
		"issue_date": issue, "due_date": due, "total_cents": total, "tax_cents": total / 6}).Expect(http.StatusCreated).JSON(&inv)
	return inv
}

// Get reads path of the API as the owner into v.
func (f *Org) Get(path string, v any) {
	f.E.T.Helper()
	f.E.Call("GET", path, f.Token, nil).Expect(http.StatusOK).JSON(v)
}

// Contact adds a contact of the customer who receives the reminders.
func (f *Org) Contact(email string) {
	f.E.T.Helper()
	f.E.Call("POST", "/api/v1/customers/"+f.Customer.ID+"/contacts", f.Token, map[string]any{
		"name": "Claire Compta", "role": "accounting", "email": email, "receives_reminders": true,
	}).Expect(http.StatusCreated)
}
