package api_test

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
)

// sweepOrg is an organisation seeded for the OpenAPI sweep: its owner's and (for A) a viewer's
// session, and one real object of every kind a route can name, keyed by kind ("customer", …).
type sweepOrg struct {
	owner, viewer string
	ids           map[string]string
	markers       []string // strings that only this organisation's data contains
}

// sweepMarker names organisation A's customer: B's successful answers must never contain it.
const sweepMarker = "Alpha Sweep Customer"

// seedSweep builds organisation A with one object of each kind (a customer with a contact, invoices
// with a PDF, a credit note, a payment, a planned action, a dispute and a promise with
// attachments, a portal link, a question, a bank-detail change, an import, a pending invitation,
// an API key, a viewer) and organisation B with its own customer, invoice, payment and credit note.
func seedSweep(e *env) (a, b sweepOrg) {
	e.t.Helper()
	a = sweepOrg{owner: e.signup("Org Alpha", "owner@alpha.test").AccessToken, ids: map[string]string{}}
	a.viewer = e.join(a.owner, "viewer@alpha.test", "viewer").AccessToken
	a.ids["user"] = e.me(a.viewer).User.ID
	a.ids["organization"] = e.me(a.owner).Organization.ID
	today := parisToday()
	day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }

	a.ids["customer"] = e.sweepCreate(a.owner, "/api/v1/customers", map[string]any{"name": sweepMarker, "external_id": "ALPHA-1"})
	a.ids["contact"] = e.sweepCreate(a.owner, "/api/v1/customers/"+a.ids["customer"]+"/contacts", map[string]any{
		"name": "Alice Alpha", "role": "accounting", "email": "alice@alpha-customer.test", "receives_reminders": true})
	inv := func(number string, issued, due int, total int64) string {
		return e.sweepCreate(a.owner, "/api/v1/invoices", map[string]any{"customer_id": a.ids["customer"], "number": number,
			"issue_date": day(issued), "due_date": day(due), "total_cents": total})
	}
	a.ids["invoice"] = inv("ALPHA-F1", -50, -20, 50000)
	disputed, promised := inv("ALPHA-F2", -40, -10, 30000), inv("ALPHA-F3", -30, -5, 20000)
	uploadPDF(e, a.owner, a.ids["invoice"], []byte(tinyPDF)).expect(http.StatusNoContent)
	a.ids["creditnote"] = e.sweepCreate(a.owner, "/api/v1/credit-notes", map[string]any{"customer_id": a.ids["customer"],
		"number": "ALPHA-AV1", "issue_date": day(-1), "amount_cents": 1000, "invoice_id": a.ids["invoice"]})
	a.ids["payment"] = e.sweepCreate(a.owner, "/api/v1/payments", map[string]any{"customer_id": a.ids["customer"],
		"received_on": day(-1), "amount_cents": 2000, "method": "transfer", "allocation": "none"})

	var scenarios struct {
		Items []struct {
			ID        string `json:"id"`
			IsDefault bool   `json:"is_default"`
			Steps     []struct {
				ID string `json:"id"`
			} `json:"steps"`
		} `json:"items"`
	}
	e.call("GET", "/api/v1/dunning/scenarios", a.owner, nil).expect(http.StatusOK).json(&scenarios)
	for _, s := range scenarios.Items {
		if s.IsDefault && len(s.Steps) > 0 {
			a.ids["scenario"], a.ids["step"] = s.ID, s.Steps[0].ID
		}
	}
	var run struct {
		Actions []struct {
			ID string `json:"id"`
		} `json:"actions"`
	}
	e.call("POST", "/api/v1/dunning/run", a.owner, map[string]any{"as_of": day(0)}).expect(http.StatusOK).json(&run)
	if len(run.Actions) == 0 {
		e.t.Fatal("sweep seed: the planner planned no action for A")
	}
	a.ids["action"] = run.Actions[0].ID
	a.ids["dispute"] = e.sweepCreate(a.owner, "/api/v1/disputes", map[string]any{"customer_id": a.ids["customer"],
		"invoice_ids": []string{disputed}, "reason": "wrong_amount", "comment": "Alpha dispute"})
	a.ids["promise"] = e.sweepCreate(a.owner, "/api/v1/promises", map[string]any{"customer_id": a.ids["customer"],
		"invoice_ids": []string{promised}, "promised_on": day(5), "method": "transfer"})
	a.ids["link"] = e.sweepCreate(a.owner, "/api/v1/customers/"+a.ids["customer"]+"/portal-links",
		map[string]any{"contact_email": "alice@alpha-customer.test"})
	a.ids["question"], a.ids["bankchange"] = uuid.NewString(), uuid.NewString()
	e.exec(`INSERT INTO portal_questions (id, organization_id, customer_id, link_id, invoice_id, message)
		VALUES (?, ?, ?, ?, ?, 'Alpha question')`, a.ids["question"], a.ids["organization"], a.ids["customer"], a.ids["link"], a.ids["invoice"])
	e.exec(`INSERT INTO bank_detail_changes (id, organization_id, customer_id, link_id, holder, iban, bic, country)
		VALUES (?, ?, ?, ?, 'Alpha SARL', 'FR7630006000011234567890189', 'PSSTFRPPPAR', 'FR')`,
		a.ids["bankchange"], a.ids["organization"], a.ids["customer"], a.ids["link"])
	e.sweepAttach(a.ids["organization"], "portal_questions", a.ids["question"])
	e.sweepAttach(a.ids["organization"], "disputes", a.ids["dispute"])
	a.ids["import"] = e.uploaded(a.owner, "customers", "alpha.csv", []byte("name;external_id\nAlpha Import;ALPHA-IMP\n")).ID
	a.ids["invitation"] = e.sweepCreate(a.owner, "/api/v1/invitations", map[string]any{"email": "pending@alpha.test", "role": "viewer"})
	a.ids["apikey"] = e.sweepCreate(a.owner, "/api/v1/api-keys", map[string]any{"name": "Alpha key", "role": "viewer"})
	a.markers = []string{sweepMarker, "ALPHA-F1", "alice@alpha-customer.test"}
	for _, id := range a.ids {
		a.markers = append(a.markers, id)
	}

	b = sweepOrg{owner: e.signup("Org Beta", "owner@beta.test").AccessToken, ids: map[string]string{}}
	b.ids["user"] = e.me(b.owner).User.ID
	b.ids["organization"] = e.me(b.owner).Organization.ID
	b.ids["customer"] = e.sweepCreate(b.owner, "/api/v1/customers", map[string]any{"name": "Beta Sweep Customer"})
	b.ids["invoice"] = e.sweepCreate(b.owner, "/api/v1/invoices", map[string]any{"customer_id": b.ids["customer"],
		"number": "BETA-F1", "issue_date": day(-50), "due_date": day(-20), "total_cents": 40000})
	b.ids["creditnote"] = e.sweepCreate(b.owner, "/api/v1/credit-notes", map[string]any{"customer_id": b.ids["customer"],
		"number": "BETA-AV1", "issue_date": day(-1), "amount_cents": 1000})
	b.ids["payment"] = e.sweepCreate(b.owner, "/api/v1/payments", map[string]any{"customer_id": b.ids["customer"],
		"received_on": day(-1), "amount_cents": 2000, "method": "transfer", "allocation": "none"})
	e.call("GET", "/api/v1/dunning/scenarios", b.owner, nil).expect(http.StatusOK).json(&scenarios)
	for _, s := range scenarios.Items {
		if s.IsDefault && len(s.Steps) > 0 {
			b.ids["scenario"], b.ids["step"] = s.ID, s.Steps[0].ID
		}
	}
	return a, b
}

// sweepCreate POSTs body to path and returns the id of what was created.
func (e *env) sweepCreate(token, path string, body any) string {
	e.t.Helper()
	var created struct {
		ID string `json:"id"`
	}
	r := e.call("POST", path, token, body)
	if r.Code != http.StatusCreated && r.Code != http.StatusOK {
		e.t.Fatalf("sweep seed: POST %s: %d %s", path, r.Code, r.Body.String())
	}
	r.json(&created)
	if created.ID == "" {
		e.t.Fatalf("sweep seed: POST %s returned no id: %s", path, r.Body.String())
	}
	return created.ID
}

// sweepAttach stores a debtor's attachment on a row of table.
func (e *env) sweepAttach(org, table, id string) {
	e.t.Helper()
	key := "org/" + org + "/portal/attachments/" + uuid.NewString()
	if _, err := e.app.Files.Put(context.Background(), key, strings.NewReader("alpha attachment")); err != nil {
		e.t.Fatal(err)
	}
	e.exec(`UPDATE `+table+` SET attachment_key = ?, attachment_name = 'alpha.txt' WHERE id = ?`, key, id)
}
