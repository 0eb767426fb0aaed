package portal

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/portal"
)

// The table's cells are labelled on phones by the stylesheet, in the page's words: a word
// changed in internal/portal's page texts must be changed in assets/portal.css too.
func TestColumnLabelsAreThePageWords(t *testing.T) {
	t.Parallel()
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ")
	columns := []struct{ class, key string }{
		{"c-issue", "col_issue"}, {"c-due", "col_due"}, {"c-total", "col_total"}, {"c-balance", "col_balance"},
		{"c-status", "col_status"}, {"c-penalties", "col_penalties"}, {"c-pdf", "col_pdf"},
		{"c-method", "col_method"}, {"c-ref", "col_ref"}, {"c-settled", "col_settled"}, {"c-amount", "col_amount"},
	}
	for _, lang := range []string{"fr", "en"} {
		for _, col := range columns {
			rule := fmt.Sprintf(":lang(%s) td.%s::before { content: \"%s\"; }\n", lang, col.class, quote.Replace(portal.Text(lang, col.key)))
			if !strings.Contains(string(portalCSS), rule) {
				t.Errorf("assets/portal.css lacks %q", rule)
			}
		}
	}
}

// BenchmarkPortalPageRender renders the debtor page of a customer with 200 open invoices (online
// payment and penalties on): what a first view costs beyond its reads.
func BenchmarkPortalPageRender(b *testing.B) {
	today := time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)
	v := pageView{Token: "tok-EN_1", Base: "/p/tok-EN_1", Extra: map[string]any{}, CSSURL: portalCSSURL}
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
		if _, err := renderFile("page.html", v); err != nil {
			b.Fatal(err)
		}
	}
}
