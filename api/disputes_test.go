package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/api"
)

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
