// Package pdf renders documents as PDF: the invoices a business sends its customers, with the
// French mandatory mentions (identifiers, VAT breakdown, payment terms, late-payment penalties).
package pdf

import (
	"errors"
	"sort"
	"strings"
	"time"
)

// Party is the seller or the buyer of an invoice.
type Party struct {
	Name       string
	Line1      string
	Line2      string
	PostalCode string
	City       string
	Country    string // ISO 3166-1 alpha-2; printed only when not FR
	Siren      string
	VATNumber  string
	Email      string
	Phone      string
}

// Seller is the organisation that issues the invoice, with what French law asks it to print.
type Seller struct {
	Party
	LegalForm    string // "SARL"
	CapitalCents int64  // share capital, printed in the footer when set
	RCS          string // registry city: "RCS Lyon"
	IBAN         string
	BIC          string
	Bank         string
}

// Line is one line of an invoice. Quantities are in hundredths (150 = 1.5), unit prices in
// minor units before tax, VAT rates in basis points (2000 = 20 %).
type Line struct {
	Description string
	Quantity    int64
	UnitCents   int64
	VATRate     int
}

// Invoice is everything printed on an invoice.
type Invoice struct {
	Language     string // "fr" (default) or "en"
	Number       string
	IssueDate    time.Time
	DueDate      time.Time
	Currency     string // ISO 4217, EUR by default
	Seller       Seller
	Buyer        Party
	CustomerRef  string // the seller's code for the buyer
	OrderRef     string // the buyer's purchase order
	Lines        []Line
	PaymentTerms string // default: built from the dates ("Paiement à 30 jours date de facture…")
	Notes        string
}

// RateTotal is the VAT due at one rate.
type RateTotal struct {
	Rate      int   // basis points
	BaseCents int64 // amount before tax at this rate
	VATCents  int64
}

// Totals are an invoice's amounts before tax, of tax (by rate) and with tax included.
type Totals struct {
	HTCents  int64
	VATCents int64
	TTCCents int64
	ByRate   []RateTotal
}

// LineTotal is a line's amount before tax, rounded half away from zero to the cent.
func (l Line) LineTotal() int64 { return roundDiv(l.Quantity*l.UnitCents, 100) }

// Totals adds the lines up. VAT is computed once per rate on the sum of that rate's lines, as
// a French VAT breakdown shows it, so the printed figures always add up.
func (inv Invoice) Totals() Totals {
	bases := map[int]int64{}
	var t Totals
	for _, l := range inv.Lines {
		amount := l.LineTotal()
		bases[l.VATRate] += amount
		t.HTCents += amount
	}
	for rate, base := range bases {
		vat := roundDiv(base*int64(rate), 10000)
		t.ByRate = append(t.ByRate, RateTotal{Rate: rate, BaseCents: base, VATCents: vat})
		t.VATCents += vat
	}
	sort.Slice(t.ByRate, func(i, j int) bool { return t.ByRate[i].Rate > t.ByRate[j].Rate })
	t.TTCCents = t.HTCents + t.VATCents
	return t
}

// roundDiv divides and rounds half away from zero.
func roundDiv(n, d int64) int64 {
	if n < 0 {
		return -roundDiv(-n, d)
	}
	return (n + d/2) / d
}

// validate refuses what cannot make a sensible invoice.
func (inv *Invoice) validate() error {
	if inv.Language != "en" {
		inv.Language = "fr"
	}
	if inv.Currency == "" {
		inv.Currency = "EUR"
	}
	var problems []string
	if strings.TrimSpace(inv.Number) == "" {
		problems = append(problems, "no number")
	}
	if inv.IssueDate.IsZero() || inv.DueDate.Before(inv.IssueDate) {
		problems = append(problems, "issue date missing or after the due date")
	}
	if len(inv.Lines) == 0 {
		problems = append(problems, "no lines")
	}
	if inv.Seller.Name == "" || inv.Buyer.Name == "" {
		problems = append(problems, "seller or buyer without a name")
	}
	if len(problems) > 0 {
		return errors.New("pdf: invoice " + strings.Join(problems, ", "))
	}
	return nil
}
