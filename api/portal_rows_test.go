package api

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/portal"
)

// The rows of portal_rows.go written as template loops: html/template escapes every value, and
// the Go rows must come out the same, byte for byte.
var portalRowLoops = htmltemplate.Must(htmltemplate.New("rows").Funcs(htmltemplate.FuncMap{
	"inc": func(i int) int { return i + 1 }}).Parse(`
{{- define "table"}}
{{- range $i, $inv := .Invoices}}
<tr class="row-{{.Status}}">
{{- if $.Payments.Enabled -}}
<td class="col-select"><input type="checkbox" name="invoice_ids" value="{{.ID}}" id="i{{inc $i}}"></td><th scope="row" class="col-number"><label for="i{{inc $i}}">{{.Number}}</label></th>
{{- else -}}
<th scope="row" class="col-number">{{.Number}}</th>
{{- end -}}
<td class="lb c-issue">{{$.Date .IssueDate}}</td><td class="lb c-due">{{$.Date .DueDate}}</td>
{{- /**/}}<td class="lb c-total num">{{$.MoneyIn .TotalCents .Currency}}</td><td class="lb c-balance num strong">{{$.MoneyIn .BalanceCents .Currency}}</td>
{{- /**/}}<td class="lb c-status"><span class="badge badge-{{.Status}}">{{$.Badge .}}</span></td>
{{- if $.ShowPenalties}}{{if .PenaltyCents}}<td class="lb c-penalties num">{{$.MoneyIn .PenaltyCents .Currency}}</td>{{else}}<td class="lb c-penalties num empty"></td>{{end}}{{end}}
{{- if .HasPDF}}<td class="lb c-pdf"><a href="{{$.Base}}/invoices/{{.ID}}/pdf" aria-label="{{$.T "pdf_of" .Number}}">{{$.T "pdf"}}</a></td>{{else}}<td class="lb c-pdf empty"></td>{{end -}}
</tr>
{{- end}}
{{- end}}

{{- define "options"}}{{$q := .Posted "question"}}
{{- range .Invoices}}
<option value="{{.ID}}"{{if $q.Checked "invoice_id" .ID.String}} selected{{end}}>{{$.InvoiceChoice .}}</option>
{{- end}}
{{- end}}

{{- define "choices"}}
{{- range $i, $inv := .Items}}
<li><label class="choice"><input type="checkbox" name="invoice_ids" value="{{.Value}}"{{if eq $i 0}} id="{{$.ID}}"{{end}}{{if .Checked}} checked{{end}}><span class="choice-text"><strong>{{.Number}}</strong> {{.Detail}} <span class="badge badge-{{.Status}}">{{.Badge}}</span></span></label></li>
{{- end}}
{{- end}}`))

func TestPortalRowsMatchTheTemplates(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)
	promised := today.AddDate(0, 0, 4)
	id := func(n int) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprint(n))) }
	invoices := []portal.PageInvoice{
		{ID: id(1), Number: `F<&"'+1>`, Currency: "EUR", TotalCents: 124000, BalanceCents: 100050, DaysLate: 12,
			PenaltyCents: 4321, HasPDF: true, Status: portal.StatusLate},
		{ID: id(2), Number: "F-2", Currency: "EUR", TotalCents: 5000, BalanceCents: 5000, HasPDF: true, Disputed: true,
			Status: portal.StatusDisputed},
		{ID: id(3), Number: "F-3", Currency: "USD", TotalCents: 99, BalanceCents: 99, DaysLate: 1, PromisedOn: &promised,
			Status: portal.StatusPromised},
		{ID: id(4), Number: "F-4", Currency: "EUR", TotalCents: 1, BalanceCents: 1, Status: portal.StatusDueToday},
		{ID: id(5), Number: "F 5", Currency: "GBP", TotalCents: 123456789, BalanceCents: 12345678, DaysLate: 1,
			PenaltyCents: 1, Status: portal.StatusLate},
		{ID: id(6), Number: "F-6", Currency: "EUR", TotalCents: 700, BalanceCents: 700, Status: portal.StatusNotDue},
	}
	for i := range invoices {
		invoices[i].DueDate = today.AddDate(0, 0, -invoices[i].DaysLate)
		invoices[i].IssueDate = invoices[i].DueDate.AddDate(0, 0, -30)
	}
	for _, lang := range []string{"fr", "en"} {
		for _, pay := range []bool{true, false} {
			for _, penalties := range []bool{true, false} {
				for _, posted := range []string{"", "question", "dispute"} {
					name := fmt.Sprintf("%s/pay=%v/penalties=%v/posted=%s", lang, pay, penalties, posted)
					v := portalView{Token: "tok-EN_1", Base: "/p/tok-EN_1", Extra: map[string]any{}}
					v.Lang, v.Today, v.Invoices = lang, today, invoices
					v.Payments.Enabled, v.ShowPenalties = pay, penalties
					switch posted {
					case "question":
						v.Extra["posted"] = portalPosted{Form: "question", Values: map[string][]string{"invoice_id": {id(3).String()}},
							Errors: map[string]errs.FieldError{"message": {Message: "Write your question."}}}
					case "dispute":
						v.Extra["posted"] = portalPosted{Form: "dispute",
							Values: map[string][]string{"invoice_ids": {id(1).String(), id(4).String()}},
							Errors: map[string]errs.FieldError{"reason": {Message: "Choose a reason."}}}
					}
					same(t, name+"/table", exec(t, "table", v), string(v.InvoiceRows()))
					same(t, name+"/options", exec(t, "options", v), string(v.InvoiceOptions(v.Posted("question"))))
					list := v.InvoiceList(v.Posted("dispute"), "d", v.DisputableInvoices(), "dispute_invoices")
					same(t, name+"/choices", exec(t, "choices", list), string(list.Choices()))
					lone := v.InvoiceList(v.Posted("promise"), "p", invoices[:1], "promise_invoices")
					same(t, name+"/lone choice", exec(t, "choices", lone), string(lone.Choices()))
				}
			}
		}
	}
}

func exec(t *testing.T, name string, data any) string {
	t.Helper()
	var b bytes.Buffer
	if err := portalRowLoops.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func same(t *testing.T, name, want, got string) {
	t.Helper()
	if want == "" {
		t.Fatalf("%s: the template wrote nothing", name)
	}
	if got != want {
		t.Errorf("%s: the Go rows differ from the template's\n got: %s\nwant: %s", name, got, want)
	}
}

// BenchmarkPortalPageRender renders the debtor page of a customer with 200 open invoices (online
// payment and penalties on): what a first view costs beyond its reads.
func BenchmarkPortalPageRender(b *testing.B) {
	today := time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)
	v := portalView{Token: "tok-EN_1", Base: "/p/tok-EN_1", Extra: map[string]any{}, CSSURL: portalCSSURL}
	v.Lang, v.Today, v.AltLang = "fr", today, "en"
	v.Payments = portal.PagePayments{Enabled: true, Methods: []string{"card", "sepa_debit"}}
	v.ShowPenalties, v.PromiseHorizonDays = true, 30
	v.Org = portal.PageOrg{Name: "Bench Industrie SAS", IBAN: "FR76 3000 6000 0112 3456 7890 189", BIC: "AGRIFRPP", Reference: "RLC-CL-200"}
	v.Customer = portal.PageCustomer{Name: "Client Deux Cents SARL", Language: "fr", Currency: "EUR"}
	for i := range 200 {
		due := today.AddDate(0, 0, -120+i*180/200)
		inv := portal.PageInvoice{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprint(i))), Number: fmt.Sprintf("FA-2025-%04d", i+1),
			IssueDate: due.AddDate(0, 0, -30), DueDate: due, Currency: "EUR", TotalCents: int64(10000 + i*377),
			BalanceCents: int64(9000 + i*377), PenaltyCents: int64(i * 13), Status: portal.StatusLate}
		v.Invoices = append(v.Invoices, inv)
		v.Totals.DueCents += inv.BalanceCents
	}
	v.Totals.Currency, v.Totals.OpenInvoices = "EUR", 200
	b.ReportAllocs()
	for range b.N {
		if _, err := renderPortalFile("page.html", v); err != nil {
			b.Fatal(err)
		}
	}
}
