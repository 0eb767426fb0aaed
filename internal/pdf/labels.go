package pdf

import (
	"fmt"
	"time"

	"github.com/relance/relance/internal/platform/locale"
)

// labels are the fixed words of an invoice in one language.
type labels struct {
	Title, Number, IssueDate, DueDate, CustomerRef, OrderRef string
	BillTo, Siren, VAT, Description, Quantity, UnitPrice     string
	Rate, LineTotal, TotalHT, VATAt, TotalTTC, AmountDue     string
	PaymentTitle, BankTitle, Holder, Bank, TransferRef       string
	Page, Capital, NoDiscount, Penalties                     string
	terms                                                    func(days int, due string) string
}

var french = labels{
	Title: "FACTURE", Number: "N°", IssueDate: "Date d'émission", DueDate: "Date d'échéance",
	CustomerRef: "Code client", OrderRef: "Votre référence", BillTo: "Facturé à", Siren: "SIREN", VAT: "N° TVA",
	Description: "Désignation", Quantity: "Qté", UnitPrice: "PU HT", Rate: "TVA", LineTotal: "Montant HT",
	TotalHT: "Total HT", VATAt: "TVA", TotalTTC: "Total TTC", AmountDue: "Net à payer",
	PaymentTitle: "Conditions de règlement", BankTitle: "Coordonnées bancaires", Holder: "Titulaire", Bank: "Banque",
	TransferRef: "Merci d'indiquer le numéro de facture %s en référence de votre virement.",
	Page:        "Page %d/%s", Capital: "au capital de",
	NoDiscount: "Pas d'escompte pour paiement anticipé.",
	Penalties: "Pénalités de retard : taux BCE + 10 points ; indemnité forfaitaire pour frais de recouvrement : 40 € " +
		"(art. L441-10 et D441-5 du Code de commerce).",
	terms: func(days int, due string) string {
		if days <= 0 {
			return fmt.Sprintf("Paiement à réception de facture, au plus tard le %s, par virement bancaire.", due)
		}
		return fmt.Sprintf("Paiement à %d jours date de facture, soit au plus tard le %s, par virement bancaire.", days, due)
	},
}

var english = labels{
	Title: "INVOICE", Number: "No.", IssueDate: "Issue date", DueDate: "Due date",
	CustomerRef: "Customer code", OrderRef: "Your reference", BillTo: "Bill to", Siren: "SIREN", VAT: "VAT no.",
	Description: "Description", Quantity: "Qty", UnitPrice: "Unit price", Rate: "VAT", LineTotal: "Amount",
	TotalHT: "Total excl. VAT", VATAt: "VAT", TotalTTC: "Total incl. VAT", AmountDue: "Amount due",
	PaymentTitle: "Payment terms", BankTitle: "Bank details", Holder: "Account holder", Bank: "Bank",
	TransferRef: "Please quote invoice number %s as the reference of your transfer.",
	Page:        "Page %d/%s", Capital: "with a share capital of",
	NoDiscount: "No discount for early payment.",
	Penalties: "Late payment: interest at the ECB rate + 10 percentage points; fixed recovery fee: €40 " +
		"(French Commercial Code, art. L441-10 and D441-5).",
	terms: func(days int, due string) string {
		if days <= 0 {
			return fmt.Sprintf("Payment on receipt, no later than %s, by bank transfer.", due)
		}
		return fmt.Sprintf("Payment within %d days of the invoice date, no later than %s, by bank transfer.", days, due)
	},
}

func labelsFor(lang string) labels {
	if lang == "en" {
		return english
	}
	return french
}

// paymentTerms is the invoice's own terms, or the sentence built from its dates.
func (inv Invoice) paymentTerms(l labels) string {
	if inv.PaymentTerms != "" {
		return inv.PaymentTerms
	}
	days := int(inv.DueDate.Sub(inv.IssueDate) / (24 * time.Hour))
	return l.terms(days, locale.Date(inv.DueDate, inv.Language))
}
