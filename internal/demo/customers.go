package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/pdf"
)

// seller is Démo SARL as printed on its invoices.
func seller() pdf.Seller {
	siren := "81234567" + luhnKey("81234567")
	return pdf.Seller{
		Party: pdf.Party{Name: Organization, Line1: "18 rue de la République", PostalCode: "69002", City: "Lyon",
			Country: "FR", Siren: siren, VATNumber: ledger.FrenchVAT(siren), Email: "comptabilite@demo-sarl.fr",
			Phone: "04 78 00 12 34"},
		LegalForm: "SARL", CapitalCents: 10_000_00, RCS: "RCS Lyon",
		IBAN: frenchIBAN("12345", "00823", "00010123456"), BIC: "DEMOFRPPXXX",
	}
}

// publicPrefix is how the SIREN of a public body starts (2 for local authorities, 19 for schools).
func publicPrefix(name string) string {
	switch {
	case strings.HasPrefix(name, "Commune"):
		return "21"
	case strings.HasPrefix(name, "Collège"):
		return "19"
	case strings.HasPrefix(name, "Centre communal"):
		return "26"
	}
	return "20"
}

// newCustomer builds a customer's record from its catalogue entry.
func newCustomer(r *rand.Rand, i int, co company, owner *uuid.UUID) *customerPlan {
	c := &customerPlan{company: co, ref: fmt.Sprintf("C-%04d", i+1)}
	country, lang := co.country, co.language
	if country == "" {
		country = "FR"
	}
	if lang == "" {
		lang = "fr"
	}
	in := ledger.CustomerInput{Name: co.name, ExternalID: c.ref, Language: lang, Currency: "EUR", Segment: co.segment,
		Notes: co.notes, AccountingOwnerID: owner, SalesOwnerID: owner, Tags: []string{}}
	if co.flaw != letterNoAddr {
		in.BillingAddress = address(r, co, country)
	}
	identify(r, co, country, &in)
	if co.terms != noTerms {
		in.PaymentTermsDays = &co.terms
	}
	limits := map[string]int64{segKey: 150_000_00, segSME: 25_000_00, segCraft: 8_000_00}
	if l, ok := limits[co.segment]; ok {
		in.CreditLimitCents = &l
	}
	c.method = habits(r, co, &in)
	c.input = in
	a := in.BillingAddress
	c.buyer = pdf.Party{Name: co.name, Line1: a.Line1, Line2: a.Line2, PostalCode: a.PostalCode, City: a.City,
		Country: a.Country, Siren: in.Siren, VATNumber: in.VATNumber}
	c.contacts = newContacts(r, co, country)
	return c
}

// identify gives the customer its SIREN, SIRET and VAT number, or the flaw it is meant to have.
func identify(r *rand.Rand, co company, country string, in *ledger.CustomerInput) {
	switch {
	case country != "FR":
		in.VATNumber = co.vat
	case co.flaw == badSiren:
		in.Siren = brokenSiren(r)
	case co.flaw == noCompanyID:
	default:
		prefix := fmt.Sprint(3 + r.IntN(7))
		if co.segment == segPublic {
			prefix = publicPrefix(co.name)
		}
		in.Siren = newSiren(r, prefix)
		in.Siret = siretOf(in.Siren, 1+r.IntN(3))
		in.VATNumber = ledger.FrenchVAT(in.Siren)
	}
}

// habits returns how the customer pays, and tags and notes what a collector should know.
func habits(r *rand.Rand, co company, in *ledger.CustomerInput) string {
	method := "transfer"
	switch co.pays {
	case debit:
		method = "sepa_debit"
		in.Tags = append(in.Tags, "Prélèvement SEPA")
	case cheques:
		method = "check"
	case runs:
		in.Tags = append(in.Tags, "Paiements groupés")
	case prompt:
		if co.segment == segCraft && r.IntN(3) == 0 {
			method = "card"
		}
	}
	if co.segment == segPublic {
		in.Tags = append(in.Tags, "Chorus Pro")
		if in.Notes == "" {
			in.Notes = "Factures à déposer sur Chorus Pro ; le numéro d'engagement (bon de commande) est obligatoire."
		}
	}
	if r.IntN(2) == 0 {
		in.Tags = append(in.Tags, "Contrat de maintenance")
	}
	return method
}

func address(r *rand.Rand, co company, country string) ledger.Address {
	a := ledger.Address{PostalCode: cities[co.city].postalCode, City: co.city, Country: country}
	switch {
	case country == "IE":
		a.Line1, a.Line2 = "Unit 4, Harbour Point", "North Wall Quay"
	case country == "BE":
		a.Line1 = fmt.Sprintf("Rue Antoine Dansaert %d", between(r, 2, 180))
	case co.segment == segPublic:
		a.Line1 = []string{"Hôtel de Ville", "Service financier", "Direction des finances"}[r.IntN(3)]
		a.Line2 = fmt.Sprintf("%d %s", between(r, 1, 40), streets[r.IntN(len(streets))])
	default:
		a.Line1 = fmt.Sprintf("%d %s", between(r, 1, 140), streets[r.IntN(len(streets))])
		if co.segment != segCraft && r.IntN(3) == 0 {
			a.Line2 = businessParks[r.IntN(len(businessParks))]
		}
	}
	return a
}

// newContacts draws who to write to at a customer: accounting first, then sales, billing.
func newContacts(r *rand.Rand, co company, country string) []ledger.ContactInput {
	n := map[string]int{segKey: 3, segPublic: 2, segSME: 1 + r.IntN(2), segCraft: 1 + r.IntN(3)/2}[co.segment]
	if co.flaw == noContacts {
		return nil
	}
	tld := map[string]string{"FR": ".fr", "IE": ".ie", "BE": ".be"}[country]
	domain := slug(co.name) + tld
	area := cities[co.city].phone
	tel := func(mobile bool) string {
		if country != "FR" {
			return foreignPhone(r, country)
		}
		return phone(r, area, mobile)
	}
	person := func() (string, string) {
		first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		if country == "IE" {
			first, last = []string{"Siobhan", "Conor", "Aoife", "Declan"}[r.IntN(4)], []string{"Murphy", "Walsh", "Byrne", "Kelly"}[r.IntN(4)]
		}
		return first + " " + last, emailOf(first, last, domain)
	}
	var out []ledger.ContactInput
	acc := ledger.ContactInput{Role: "accounting", PreferredChannel: "email", ReceivesReminders: true, Phone: tel(co.segment == segCraft)}
	if co.segment == segCraft {
		acc.Name, _ = person()
		acc.Name += " (gérant)"
		acc.Email = "contact@" + domain
	} else if r.IntN(2) == 0 {
		acc.Name, acc.Email = person()
	} else {
		acc.Name = "Service comptabilité fournisseurs"
		acc.Email = []string{"compta@", "comptabilite@", "fournisseurs@"}[r.IntN(3)] + domain
		if country == "IE" {
			acc.Name, acc.Email = "Accounts payable", "accounts.payable@"+domain
		}
	}
	out = append(out, acc)
	if n >= 2 {
		name, email := person()
		out = append(out, ledger.ContactInput{Name: name, Role: "sales", Email: email, Phone: tel(true), PreferredChannel: "email"})
	}
	if n >= 3 {
		out = append(out, ledger.ContactInput{Name: "Service facturation", Role: "billing", Email: "factures@" + domain,
			PreferredChannel: "email", ReceivesReminders: true})
	}
	for i := range out {
		switch co.flaw {
		case noEmail:
			out[i].Email, out[i].PreferredChannel = "", "phone"
			if out[i].Phone == "" {
				out[i].Phone = tel(false)
			}
		case noPhone:
			out[i].Phone = ""
		case letterNoAddr:
			out[i].PreferredChannel = "letter"
		}
	}
	return out
}
