package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/api"
)

// frenchInvoices is an export from a French accounting package: semicolons, decimal commas with
// spaces (and a non-breaking space) between thousands, dd/mm/yyyy dates, accented headers and
// names; encoded as Windows-1252 (Latin-1 with €) by the test.
const frenchInvoices = "N° facture;Code client;Raison sociale;Date facture;Date d'échéance;Montant TTC;TVA\r\n" +
	"FA-2025-001;C001;Société Générale d'Élevage;15/01/2025;14/02/2025;1 234,56;205,76\r\n" +
	"FA-2025-002;C001;Société Générale d'Élevage;20/01/2025;;12\u00a0000,00 €;2 000,00\r\n" +
	"FA-2025-003;C002;Boulangerie Dupré;03/02/2025;05/03/2025;99,90;16,65\r\n"

func invoicesByNumber(e *env, token string) map[string]api.InvoiceResponse {
	e.t.Helper()
	var list api.InvoiceList
	e.call("GET", "/api/v1/invoices?limit=200", token, nil).expect(http.StatusOK).json(&list)
	out := map[string]api.InvoiceResponse{}
	for _, inv := range list.Items {
		out[inv.Number] = inv
	}
	return out
}

func TestImportFrenchCSV(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	file := windows1252(t, frenchInvoices)

	im := e.uploaded(owner.AccessToken, "invoices", "export factures.csv", file)
	d := im.Detected
	if im.Status != "uploaded" || d.Encoding != "windows-1252" || d.Separator != ";" || !d.DecimalComma || d.DateFormat != "dmy" {
		t.Fatalf("detected %+v (status %s)", d, im.Status)
	}
	if d.Headers[0] != "N° facture" || d.Headers[4] != "Date d'échéance" || len(d.Sample) != 3 || d.Sample[0][2] != "Société Générale d'Élevage" {
		t.Fatalf("headers %q sample %q", d.Headers, d.Sample)
	}
	want := map[string]string{"number": "N° facture", "customer_external_id": "Code client", "customer_name": "Raison sociale",
		"issue_date": "Date facture", "due_date": "Date d'échéance", "total": "Montant TTC", "tax": "TVA"}
	for field, header := range want {
		if im.Mapping[field] != header {
			t.Errorf("mapping[%s] = %q, want %q (all: %v)", field, im.Mapping[field], header, im.Mapping)
		}
	}
	if len(im.Fields) == 0 || im.Fields[0].Name != "number" || !im.Fields[0].Required {
		t.Errorf("fields %+v", im.Fields)
	}

	im = e.runImport(owner.AccessToken, im.ID, "dry-run", nil)
	if im.Status != "validated" || im.Report == nil || im.Report.RowsTotal != 3 || im.Report.WouldCreate != 3 ||
		im.Report.CustomersCreated != 2 || im.Report.ErrorRows != 0 || !im.Report.DryRun {
		t.Fatalf("dry run: %s %+v", im.Status, im.Report)
	}
	if n := len(invoicesByNumber(e, owner.AccessToken)); n != 0 {
		t.Fatalf("the dry run created %d invoices", n)
	}

	im = e.runImport(owner.AccessToken, im.ID, "commit", nil)
	if im.Status != "done" || im.Report.Created != 3 || im.Report.CustomersCreated != 2 || im.Progress.Processed != 3 ||
		im.Progress.Total != 3 || im.FinishedAt == nil {
		t.Fatalf("commit: %s %+v %+v", im.Status, im.Report, im.Progress)
	}
	invoices := invoicesByNumber(e, owner.AccessToken)
	a, b, c := invoices["FA-2025-001"], invoices["FA-2025-002"], invoices["FA-2025-003"]
	if a.TotalCents != 123456 || a.TaxCents != 20576 || a.DueDate != "2025-02-14" || a.IssueDate != "2025-01-15" ||
		a.CustomerName != "Société Générale d'Élevage" || a.BalanceCents != 123456 || a.Status != "open" || a.Currency != "EUR" {
		t.Errorf("FA-2025-001 = %+v", a)
	}
	if b.TotalCents != 1200000 || b.DueDate != "2025-02-19" || b.CustomerID != a.CustomerID { // no due date: 30 days
		t.Errorf("FA-2025-002 = %+v", b)
	}
	if c.TotalCents != 9990 || c.CustomerName != "Boulangerie Dupré" {
		t.Errorf("FA-2025-003 = %+v", c)
	}
	var customer api.CustomerResponse
	e.call("GET", "/api/v1/customers/"+a.CustomerID, owner.AccessToken, nil).expect(http.StatusOK).json(&customer)
	if customer.ExternalID == nil || *customer.ExternalID != "C001" || !contains(customer.DataProblems, "missing_reminder_email") {
		t.Errorf("created customer %+v", customer.CustomerSummary)
	}
	if n := e.count(`SELECT count(*) FROM activities WHERE kind = 'invoice.imported' AND data->>'import_id' = $1`, im.ID); n != 3 {
		t.Errorf("%d invoice.imported activities", n)
	}

	// The same file again changes nothing: same counts, no new activity but the import's own.
	before := e.count(`SELECT count(*) FROM activities`)
	stamp := e.count(`SELECT count(*) FROM invoices WHERE updated_at = created_at`)
	again := e.importFile(owner.AccessToken, "invoices", "export factures.csv", file)
	if again.Status != "done" || again.Report.Unchanged != 3 || again.Report.Created != 0 || again.Report.Updated != 0 ||
		again.Report.CustomersCreated != 0 {
		t.Fatalf("re-import: %s %+v", again.Status, again.Report)
	}
	if after := e.count(`SELECT count(*) FROM activities`); after != before+1 {
		t.Errorf("activities %d → %d", before, after)
	}
	if n := e.count(`SELECT count(*) FROM invoices WHERE updated_at = created_at`); n != stamp || n != 3 {
		t.Errorf("updated_at bumped: %d of 3 untouched", n)
	}
	if n := e.count(`SELECT count(*) FROM customers`); n != 2 {
		t.Errorf("%d customers after re-import", n)
	}

	// A changed total is an update; the row's balance follows.
	changed := strings.Replace(frenchInvoices, "99,90;16,65", "120,00;20,00", 1)
	upd := e.importFile(owner.AccessToken, "invoices", "v2.csv", windows1252(t, changed))
	if upd.Report.Updated != 1 || upd.Report.Unchanged != 2 {
		t.Fatalf("update: %+v", upd.Report)
	}
	if c := invoicesByNumber(e, owner.AccessToken)["FA-2025-003"]; c.TotalCents != 12000 || c.BalanceCents != 12000 {
		t.Errorf("updated invoice %+v", c)
	}

	var list api.ImportList
	e.call("GET", "/api/v1/imports?sort=-created_at&limit=2", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 3 || len(list.Items) != 2 || list.Items[0].Filename != "v2.csv" {
		t.Errorf("list %+v", list)
	}
}

func TestImportEnglishXLSX(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")

	customers := workbook(t, [][]any{
		{"Customer ID", "Customer name", "SIREN", "VAT number", "Email", "Phone", "Address", "Postal code", "City", "Country", "Payment terms", "Language"},
		{"K-1", "Northwind Traders", "732 829 320", "FR44732829320", "ap@northwind.test", "06 12 34 56 78", "1 rue de la Paix", "75002", "Paris", "France", "45 days", "English"},
		{"K-2", "Contoso", "", "", "not-an-email", "+44 20 7946 0958", "", "", "", "GB", 30, "en"},
	})
	im := e.uploaded(owner.AccessToken, "customers", "customers.xlsx", customers)
	if im.Format != "xlsx" || im.Detected.Sheet != "Sheet1" || len(im.Detected.Headers) != 12 || im.Mapping["name"] != "Customer name" ||
		im.Mapping["external_id"] != "Customer ID" || im.Mapping["contact_phone"] != "Phone" || im.Mapping["payment_terms_days"] != "Payment terms" {
		t.Fatalf("detected %+v mapping %v", im.Detected, im.Mapping)
	}
	im = e.runImport(owner.AccessToken, im.ID, "commit", nil)
	if im.Status != "done" || im.Report.Created != 2 {
		t.Fatalf("customers: %s %s %+v", im.Status, im.Failure, im.Report)
	}
	var list api.CustomerList
	e.call("GET", "/api/v1/customers?sort=name", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 2 {
		t.Fatalf("customers %+v", list)
	}
	var contoso, northwind api.CustomerResponse
	e.call("GET", "/api/v1/customers/"+list.Items[0].ID, owner.AccessToken, nil).expect(http.StatusOK).json(&contoso)
	e.call("GET", "/api/v1/customers/"+list.Items[1].ID, owner.AccessToken, nil).expect(http.StatusOK).json(&northwind)
	if northwind.Siren != "732829320" || northwind.VATNumber != "FR44732829320" || northwind.Language != "en" ||
		northwind.BillingAddress.City != "Paris" || northwind.BillingAddress.Country != "FR" || *northwind.PaymentTermsDays != 45 ||
		len(northwind.Contacts) != 1 || northwind.Contacts[0].Phone != "+33612345678" || northwind.Contacts[0].Email != "ap@northwind.test" {
		t.Errorf("northwind %+v", northwind)
	}
	if len(contoso.Contacts) != 1 || contoso.Contacts[0].Email != "not-an-email" || contoso.Contacts[0].Phone != "+442079460958" ||
		!contains(contoso.DataProblems, "invalid_email") {
		t.Errorf("contoso %+v", contoso)
	}

	// Invoices with real date cells and numbers, for the customers above by their code.
	invoices := workbook(t, [][]any{
		{"Invoice no", "Customer ID", "Invoice date", "Due date", "Amount", "Tax", "Currency"},
		{"INV-1", "K-1", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 15, 0, 0, 0, 0, time.UTC), 1500.5, 250.08, "EUR"},
		{"INV-2", "K-2", time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), nil, "2,000.00", 0, "GBP"},
	})
	im = e.importFile(owner.AccessToken, "invoices", "invoices.xlsx", invoices)
	if im.Status != "done" || im.Report.Created != 2 || im.Report.CustomersCreated != 0 {
		t.Fatalf("invoices: %s %s %+v", im.Status, im.Failure, im.Report)
	}
	got := invoicesByNumber(e, owner.AccessToken)
	if i := got["INV-1"]; i.IssueDate != "2025-03-01" || i.DueDate != "2025-04-15" || i.TotalCents != 150050 || i.TaxCents != 25008 ||
		i.CustomerID != northwind.ID {
		t.Errorf("INV-1 = %+v", i)
	}
	// No due date: the customer's 30-day terms.
	if i := got["INV-2"]; i.DueDate != "2025-04-01" || i.TotalCents != 200000 || i.Currency != "GBP" || i.CustomerID != contoso.ID {
		t.Errorf("INV-2 = %+v", i)
	}

	// Customers again, one changed: one update, one unchanged, no duplicate contact.
	again := e.importFile(owner.AccessToken, "customers", "customers.xlsx", workbook(t, [][]any{
		{"Customer ID", "Customer name", "Email", "Phone"},
		{"K-1", "Northwind Traders", "ap@northwind.test", "+33 6 12 34 56 78"},
		{"K-2", "Contoso Ltd", "not-an-email", ""},
	}))
	if again.Report.Updated != 1 || again.Report.Unchanged != 1 || again.Report.Created != 0 {
		t.Fatalf("re-import customers: %+v", again.Report)
	}
	if n := e.count(`SELECT count(*) FROM contacts`); n != 2 {
		t.Errorf("%d contacts", n)
	}
}

// badInvoices has good rows 2, 6 and 9 and a problem on every other row.
const badInvoices = `Invoice number,Customer,Issue date,Due date,Total,Tax
INV-1,Acme Corp,2025-01-10,2025-02-10,100.00,20.00
INV-2,Acme Corp,2025-13-40,2025-02-10,100.00,0
,Acme Corp,2025-01-10,2025-02-10,100.00,0
INV-4,Acme Corp,2025-01-10,2025-02-10,-5.00,0
INV-5,Globex,2025-01-10,,250.00,0
INV-1,Acme Corp,2025-01-11,2025-02-11,100.00,0
INV-7,Globex,2025-01-10,2025-01-01,100.00,120.00
INV-8,Initech,10/01/2025,10/02/2025,"1,000.50",0
`

func TestImportBadRows(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	im := e.uploaded(owner.AccessToken, "invoices", "bad.csv", []byte(badInvoices))
	if im.Detected.Separator != "," || im.Detected.DecimalComma {
		t.Fatalf("detected %+v", im.Detected)
	}
	im = e.runImport(owner.AccessToken, im.ID, "dry-run", nil)
	r := im.Report
	if im.Status != "validated" || r.RowsTotal != 8 || r.ErrorRows != 5 || r.WouldCreate != 3 || r.ErrorsTruncated {
		t.Fatalf("dry run: %s %+v", im.Status, r)
	}
	for _, want := range []struct {
		row   int
		field string
	}{{3, "issue_date"}, {4, "number"}, {5, "total"}, {7, "number"}, {8, "due_date"}, {8, "tax"}} {
		if !problemAt(&im, want.row, want.field) {
			t.Errorf("no problem at row %d, %s: %+v", want.row, want.field, r.Errors)
		}
	}
	if r.ErrorCount != len(r.Errors) || r.Errors[0].Row != 3 || !strings.Contains(r.Errors[0].Message, "2025-13-40") {
		t.Errorf("errors %+v", r.Errors)
	}

	// All or nothing: nothing changes, the import fails with the same report.
	failed := e.runImport(owner.AccessToken, im.ID, "commit", map[string]bool{"all_or_nothing": true})
	if failed.Status != "failed" || failed.Report.Created != 0 || failed.Report.ErrorRows != 5 || failed.Failure == "" {
		t.Fatalf("all or nothing: %s %+v", failed.Status, failed.Report)
	}
	if n := e.count(`SELECT count(*) FROM invoices`) + e.count(`SELECT count(*) FROM customers`); n != 0 {
		t.Fatalf("all-or-nothing left %d rows", n)
	}
	if n := e.count(`SELECT count(*) FROM import_invoice_rows`) + e.count(`SELECT count(*) FROM import_customer_keys`); n != 0 {
		t.Errorf("%d staging rows left", n)
	}

	// Without it, the good rows go in and the bad ones are reported as skipped.
	done := e.runImport(owner.AccessToken, im.ID, "commit", map[string]bool{"all_or_nothing": false})
	if done.Status != "done" || done.Report.Created != 3 || done.Report.Skipped != 5 || done.Report.ErrorRows != 5 ||
		len(done.Report.Errors) != len(r.Errors) || done.Report.CustomersCreated != 3 {
		t.Fatalf("skip bad rows: %s %s %+v", done.Status, done.Failure, done.Report)
	}
	got := invoicesByNumber(e, owner.AccessToken)
	if len(got) != 3 || got["INV-1"].TotalCents != 10000 || got["INV-5"].DueDate != "2025-02-09" || got["INV-8"].TotalCents != 100050 ||
		got["INV-8"].IssueDate != "2025-01-10" {
		t.Errorf("imported %+v", got)
	}
	// A finished import cannot run again.
	e.call("POST", "/api/v1/imports/"+im.ID+"/commit", owner.AccessToken, nil).problem(http.StatusConflict)
	e.call("PATCH", "/api/v1/imports/"+im.ID, owner.AccessToken, map[string]any{"mapping": im.Mapping}).problem(http.StatusConflict)
}

func TestImportPaymentsAllocate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	inv := e.importFile(owner.AccessToken, "invoices", "invoices.csv", []byte(
		"Invoice number;Customer code;Customer name;Invoice date;Due date;Total\n"+
			"F1;C1;Alpha;01/01/2025;31/01/2025;100,00\n"+
			"F2;C1;Alpha;01/02/2025;28/02/2025;200,00\n"+
			"F3;C1;Alpha;01/03/2025;31/03/2025;300,00\n"+
			"G1;C2;Beta;01/01/2025;31/01/2025;50,00\n"))
	if inv.Status != "done" || inv.Report.Created != 4 {
		t.Fatalf("invoices: %+v", inv.Report)
	}
	payments := []byte("Date de règlement;Code client;Montant;Mode de règlement;Référence;N° facture\n" +
		"10/03/2025;C1;300,00;Virement;VIR SEPA ALPHA;F3\n" + // settles F3 in full
		"11/03/2025;C1;150,00;Chèque;CHQ 123;\n" + // oldest first: F1 in full, 50 on F2
		"12/03/2025;C2;20,00;Carte;;\n" + // G1 partly
		"12/03/2025;C2;20,00;Carte;;\n") // the same again: a second payment, not a duplicate
	pay := e.uploaded(owner.AccessToken, "payments", "reglements.csv", []byte(payments))
	want := map[string]string{"received_on": "Date de règlement", "customer_external_id": "Code client", "amount": "Montant",
		"method": "Mode de règlement", "reference": "Référence", "invoice_number": "N° facture"}
	for f, h := range want {
		if pay.Mapping[f] != h {
			t.Errorf("mapping[%s] = %q (all %v)", f, pay.Mapping[f], pay.Mapping)
		}
	}
	pay = e.runImport(owner.AccessToken, pay.ID, "commit", nil)
	if pay.Status != "done" || pay.Report.Created != 4 {
		t.Fatalf("payments: %s %s %+v", pay.Status, pay.Failure, pay.Report)
	}
	got := invoicesByNumber(e, owner.AccessToken)
	for number, w := range map[string]struct {
		balance int64
		status  string
	}{"F1": {0, "paid"}, "F2": {15000, "partially_paid"}, "F3": {0, "paid"}, "G1": {1000, "partially_paid"}} {
		if g := got[number]; g.BalanceCents != w.balance || g.Status != w.status {
			t.Errorf("%s: balance %d %s, want %d %s", number, g.BalanceCents, g.Status, w.balance, w.status)
		}
	}
	if got["F3"].PaidOn == nil || *got["F3"].PaidOn != "2025-03-10" {
		t.Errorf("F3 paid on %v", got["F3"].PaidOn)
	}
	var list api.PaymentList
	e.call("GET", "/api/v1/payments?limit=10", owner.AccessToken, nil).expect(http.StatusOK).json(&list)
	methods := map[string]bool{}
	for _, p := range list.Items {
		methods[p.Method] = true
	}
	if list.Total != 4 || !methods["transfer"] || !methods["check"] || !methods["card"] {
		t.Errorf("payments %+v", list.Items)
	}

	// The same file again records nothing twice.
	again := e.importFile(owner.AccessToken, "payments", "reglements.csv", payments)
	if again.Status != "done" || again.Report.Created != 0 || again.Report.Unchanged != 4 {
		t.Fatalf("re-import: %s %+v", again.Status, again.Report)
	}
	if n := e.count(`SELECT count(*) FROM payments`); n != 4 {
		t.Errorf("%d payments after re-import", n)
	}

	// Unknown customer and invoice, and an invoice of another customer, are row problems.
	bad := e.uploaded(owner.AccessToken, "payments", "bad.csv", []byte(
		"Date;Customer code;Amount;Invoice number\n"+
			"2025-03-01;C9;10.00;\n"+
			"2025-03-01;C1;10.00;F99\n"+
			"2025-03-01;C1;10.00;G1\n"))
	bad = e.runImport(owner.AccessToken, bad.ID, "dry-run", nil)
	if bad.Report.ErrorRows != 3 || !problemAt(&bad, 2, "customer_external_id") || !problemAt(&bad, 3, "invoice_number") ||
		!problemAt(&bad, 4, "invoice_number") {
		t.Fatalf("bad payments: %+v", bad.Report)
	}
}

func TestImportRolesAndFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	viewer := e.join(owner.AccessToken, "viewer@acme.test", "viewer")
	collector := e.join(owner.AccessToken, "collector@acme.test", "collector")
	csv := []byte("Name;Email\nAlpha;a@alpha.test\n")

	e.upload(viewer.AccessToken, "customers", "c.csv", csv).problem(http.StatusForbidden)
	im := e.uploaded(collector.AccessToken, "customers", "c.csv", csv)
	e.call("PATCH", "/api/v1/imports/"+im.ID, viewer.AccessToken, map[string]any{"mapping": im.Mapping}).problem(http.StatusForbidden)
	e.call("POST", "/api/v1/imports/"+im.ID+"/dry-run", viewer.AccessToken, nil).problem(http.StatusForbidden)
	e.call("POST", "/api/v1/imports/"+im.ID+"/commit", viewer.AccessToken, nil).problem(http.StatusForbidden)
	e.call("GET", "/api/v1/imports/"+im.ID, viewer.AccessToken, nil).expect(http.StatusOK)
	var list api.ImportList
	e.call("GET", "/api/v1/imports", viewer.AccessToken, nil).expect(http.StatusOK).json(&list)
	if list.Total != 1 {
		t.Fatalf("viewer sees %d imports", list.Total)
	}

	for _, tc := range []struct {
		name, kind, filename string
		content              []byte
	}{
		{"pdf", "customers", "facture.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")},
		{"old excel", "customers", "clients.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00")},
		{"binary", "customers", "photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
		{"empty", "customers", "empty.csv", nil},
		{"no kind", "", "c.csv", csv},
		{"unknown kind", "orders", "c.csv", csv},
	} {
		p := e.upload(owner.AccessToken, tc.kind, tc.filename, tc.content).problem(http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || (p.Errors[0].Field != "file" && p.Errors[0].Field != "kind") {
			t.Errorf("%s: %+v", tc.name, p)
		}
	}

	// The mapping must name the file's columns and cover the required fields.
	p := e.call("PATCH", "/api/v1/imports/"+im.ID, owner.AccessToken, map[string]any{
		"mapping": map[string]string{"contact_email": "Email", "city": "Ville"}}).problem(http.StatusUnprocessableEntity)
	fields := map[string]bool{}
	for _, f := range p.Errors {
		fields[f.Field] = true
	}
	if !fields["mapping.name"] || !fields["mapping.city"] {
		t.Errorf("mapping problems %+v", p.Errors)
	}
	// Another separator reads other columns (in the reading job): the mapping must follow.
	var patched api.ImportResponse
	e.call("PATCH", "/api/v1/imports/"+im.ID, owner.AccessToken, map[string]any{
		"options": map[string]any{"separator": ","}}).expect(http.StatusOK).json(&patched)
	if patched.Status != "reading" {
		t.Fatalf("separator change: status %s", patched.Status)
	}
	if patched = e.waitImport(owner.AccessToken, im.ID); patched.Status != "uploaded" || len(patched.Detected.Headers) != 1 {
		t.Fatalf("read again: %s %+v", patched.Status, patched.Detected)
	}
	p = e.call("POST", "/api/v1/imports/"+im.ID+"/dry-run", owner.AccessToken, nil).problem(http.StatusUnprocessableEntity)
	if p.Errors[0].Field != "mapping.name" {
		t.Errorf("separator change: %+v", p.Errors)
	}
	e.call("PATCH", "/api/v1/imports/"+im.ID, owner.AccessToken, map[string]any{
		"mapping": map[string]string{"name": "Name", "contact_email": "Email"},
		"options": map[string]any{"separator": ";", "date_format": "mdy"}}).expect(http.StatusOK)
	patched = e.waitImport(owner.AccessToken, im.ID)
	if patched.Detected.Separator != ";" || len(patched.Detected.Headers) != 2 || patched.Detected.DateFormat != "mdy" ||
		patched.Mapping["name"] != "Name" || patched.Options.DateFormat != "mdy" {
		t.Fatalf("patched %+v %v", patched.Detected, patched.Mapping)
	}
	done := e.runImport(collector.AccessToken, im.ID, "commit", nil)
	if done.Status != "done" || done.Report.Created != 1 {
		t.Fatalf("collector's import: %s %+v", done.Status, done.Report)
	}
}

func TestImportsInvisibleToOtherOrgs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.signup("Org A", "owner@a.test")
	b := e.signup("Org B", "owner@b.test")
	var keyB api.CreatedAPIKeyResponse
	e.call("POST", "/api/v1/api-keys", b.AccessToken, map[string]string{"name": "B's key", "role": "admin"}).
		expect(http.StatusCreated).json(&keyB)
	im := e.uploaded(a.AccessToken, "customers", "a.csv", []byte("Name\nAlpha\n"))
	e.call("GET", "/api/v1/imports/"+im.ID, a.AccessToken, nil).expect(http.StatusOK).json(&im)

	reqs := []crossOrgRequest{
		{"GET", "/api/v1/imports/" + im.ID, nil},
		{"PATCH", "/api/v1/imports/" + im.ID, map[string]any{"mapping": map[string]string{"name": "Name"}}},
		{"POST", "/api/v1/imports/" + im.ID + "/dry-run", nil},
		{"POST", "/api/v1/imports/" + im.ID + "/commit", map[string]bool{"all_or_nothing": false}},
	}
	for _, token := range []string{b.AccessToken, keyB.Key} {
		assertInvisibleToOtherOrgs(t, e, token, reqs, func() {
			var got api.ImportResponse
			e.call("GET", "/api/v1/imports/"+im.ID, a.AccessToken, nil).expect(http.StatusOK).json(&got)
			if got.Status != "uploaded" || got.UpdatedAt != im.UpdatedAt {
				t.Fatalf("A's import changed: %+v", got)
			}
		})
		var list api.ImportList
		e.call("GET", "/api/v1/imports", token, nil).expect(http.StatusOK).json(&list)
		if list.Total != 0 {
			t.Fatalf("B sees A's imports: %+v", list)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
