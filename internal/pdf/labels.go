package pdf

import (
	"time"

	"github.com/relance/relance/internal/platform/locale"
)

// labels are the fixed words of an invoice in one language: the catalogue's "pdf." keys.
type labels struct {
	lang                                                     string
	Title, Number, IssueDate, DueDate, CustomerRef, OrderRef string
	BillTo, Siren, VAT, Description, Quantity, UnitPrice     string
	Rate, LineTotal, TotalHT, VATAt, TotalTTC, AmountDue     string
	PaymentTitle, BankTitle, Holder, Bank                    string
	Capital, NoDiscount, Penalties                           string
}

func newLabels(lang string) labels {
	t := func(key string) string { return locale.T(lang, "pdf."+key) }
	return labels{lang: lang,
		Title: t("title"), Number: t("number"), IssueDate: t("issue_date"), DueDate: t("due_date"),
		CustomerRef: t("customer_ref"), OrderRef: t("order_ref"), BillTo: t("bill_to"), Siren: t("siren"), VAT: t("vat"),
		Description: t("description"), Quantity: t("quantity"), UnitPrice: t("unit_price"), Rate: t("rate"),
		LineTotal: t("line_total"), TotalHT: t("total_ht"), VATAt: t("vat_at"), TotalTTC: t("total_ttc"),
		AmountDue: t("amount_due"), PaymentTitle: t("payment_title"), BankTitle: t("bank_title"), Holder: t("holder"),
		Bank: t("bank"), Capital: t("capital"), NoDiscount: t("no_discount"), Penalties: t("penalties"),
	}
}

var labelsByLang = map[string]labels{"fr": newLabels("fr"), "en": newLabels("en")}

// labelsFor is English for "en", French otherwise.
func labelsFor(lang string) labels { return labelsByLang[locale.Lang(lang)] }

// transferRef asks to quote the invoice number on the transfer.
func (l labels) transferRef(number string) string {
	return locale.T(l.lang, "pdf.transfer_ref", number)
}

// page is "Page n/{nb}", fpdf's alias for the page count.
func (l labels) page(n int) string { return locale.T(l.lang, "pdf.page", n, "{nb}") }

// paymentTerms is the invoice's own terms, or the sentence built from its dates.
func (inv Invoice) paymentTerms(l labels) string {
	if inv.PaymentTerms != "" {
		return inv.PaymentTerms
	}
	days := int(inv.DueDate.Sub(inv.IssueDate) / (24 * time.Hour))
	due := locale.Date(inv.DueDate, inv.Language)
	if days <= 0 {
		return locale.T(l.lang, "pdf.terms_on_receipt", due)
	}
	return locale.T(l.lang, "pdf.terms_days", days, due)
}
