package imports

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Kind is what a file holds.
type Kind string

// The kinds of import.
const (
	KindCustomers Kind = "customers"
	KindInvoices  Kind = "invoices"
	KindPayments  Kind = "payments"
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == KindCustomers || k == KindInvoices || k == KindPayments }

// Field is a target of the mapping: a value Relance reads from one column of the file.
type Field struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Required bool   `json:"required"`
	// OneOf names a group of fields of which at least one must be mapped ("customer").
	OneOf string `json:"one_of,omitempty"`
	// aliases are column headers that map to this field (normalised with normalizeHeader).
	aliases []string
	// exclude are words that rule a header out when it only contains an alias ("Montant HT"
	// is not the total).
	exclude []string
}

var netWords = []string{"ht", "hors", "net", "excl", "excluding", "tva", "tax", "vat", "taxes"}

// The target fields of each kind, with the headers people's exports use for them, in French
// and in English.
var kindFields = map[Kind][]Field{
	KindCustomers: {
		{Name: "name", Label: "Name", Required: true, aliases: []string{"raison sociale", "nom", "nom client", "client",
			"customer", "customer name", "name", "company", "company name", "societe", "denomination", "nom du client", "entreprise"}},
		{Name: "external_id", Label: "Customer code", aliases: []string{"code client", "code", "customer code", "customer id",
			"id client", "identifiant client", "ref client", "reference client", "numero client", "n client", "client id",
			"external id", "customer number", "account number", "compte", "numero de compte", "code tiers"}},
		{Name: "siren", Label: "SIREN", aliases: []string{"siren", "n siren", "numero siren"}},
		{Name: "siret", Label: "SIRET", aliases: []string{"siret", "n siret", "numero siret"}},
		{Name: "vat_number", Label: "VAT number", aliases: []string{"n tva", "tva intracommunautaire", "numero de tva",
			"numero tva", "n tva intracommunautaire", "tva intra", "vat number", "vat", "vat id", "vat no", "tax id"}},
		{Name: "address_line1", Label: "Address", aliases: []string{"adresse", "adresse 1", "adresse ligne 1", "rue",
			"address", "address 1", "address line 1", "street", "billing address"}},
		{Name: "address_line2", Label: "Address (line 2)", aliases: []string{"adresse 2", "adresse ligne 2", "complement d adresse",
			"complement adresse", "address 2", "address line 2"}},
		{Name: "postal_code", Label: "Postal code", aliases: []string{"code postal", "cp", "postal code", "zip", "zip code", "postcode"}},
		{Name: "city", Label: "City", aliases: []string{"ville", "commune", "localite", "city", "town"}},
		{Name: "country", Label: "Country", aliases: []string{"pays", "code pays", "country", "country code"}},
		{Name: "language", Label: "Language", aliases: []string{"langue", "language", "lang"}},
		{Name: "currency", Label: "Currency", aliases: []string{"devise", "monnaie", "currency"}},
		{Name: "payment_terms_days", Label: "Payment terms (days)", aliases: []string{"delai de paiement", "delais de paiement",
			"conditions de paiement", "conditions de reglement", "delai de reglement", "echeance jours", "payment terms",
			"terms", "payment terms days", "net days"}},
		{Name: "segment", Label: "Segment", aliases: []string{"segment", "categorie", "category", "type de client", "customer type", "famille"}},
		{Name: "contact_name", Label: "Contact name", aliases: []string{"contact", "nom du contact", "nom contact", "interlocuteur",
			"contact name", "contact person"}},
		{Name: "contact_email", Label: "Contact email", aliases: []string{"e mail", "email", "mail", "courriel", "adresse e mail",
			"adresse email", "email address", "contact email", "e mail contact", "email contact"}},
		{Name: "contact_phone", Label: "Contact phone", aliases: []string{"telephone", "tel", "portable", "mobile", "phone",
			"phone number", "telephone number", "contact phone", "gsm"}},
	},
	KindInvoices: {
		{Name: "number", Label: "Invoice number", Required: true, aliases: []string{"n facture", "numero", "numero de facture",
			"numero facture", "facture", "no facture", "num facture", "n de facture", "piece", "n piece", "invoice number",
			"invoice no", "invoice", "invoice num", "invoice", "number", "document number", "inv no"}},
		{Name: "customer_external_id", Label: "Customer code", OneOf: "customer", aliases: []string{"code client", "customer code",
			"customer id", "id client", "identifiant client", "ref client", "reference client", "numero client", "n client",
			"client id", "customer number", "account number", "compte", "compte client", "code tiers"}},
		{Name: "customer_name", Label: "Customer name", OneOf: "customer", aliases: []string{"client", "raison sociale", "nom",
			"nom client", "nom du client", "customer", "customer name", "name", "company", "societe", "tiers"}},
		{Name: "issue_date", Label: "Issue date", Required: true, aliases: []string{"date", "date facture", "date de facture",
			"date d emission", "date emission", "date de facturation", "date piece", "issue date", "invoice date", "date issued", "issued"}},
		{Name: "due_date", Label: "Due date", aliases: []string{"date d echeance", "echeance", "date echeance", "date limite de paiement",
			"due date", "due", "payment due", "due on"}},
		{Name: "payment_terms_days", Label: "Payment terms (days)", aliases: []string{"delai de paiement", "delais de paiement",
			"conditions de paiement", "delai de reglement", "payment terms", "terms"}},
		{Name: "currency", Label: "Currency", aliases: []string{"devise", "monnaie", "currency"}},
		{Name: "total", Label: "Total incl. tax", Required: true, aliases: []string{"montant ttc", "total ttc", "ttc", "montant",
			"total", "amount", "total amount", "amount incl tax", "total incl tax", "gross amount", "invoice total", "montant total"}, exclude: netWords},
		{Name: "tax", Label: "Tax", aliases: []string{"tva", "montant tva", "montant de tva", "total tva", "taxes", "tax", "tax amount", "vat", "vat amount"}},
		{Name: "external_id", Label: "External id", aliases: []string{"id", "identifiant", "external id", "id externe", "reference externe", "invoice id"}},
	},
	KindPayments: {
		{Name: "customer_external_id", Label: "Customer code", OneOf: "customer", aliases: []string{"code client", "customer code",
			"customer id", "id client", "identifiant client", "ref client", "numero client", "n client", "client id",
			"customer number", "account number", "compte", "compte client", "code tiers"}},
		{Name: "customer_name", Label: "Customer name", OneOf: "customer", aliases: []string{"client", "raison sociale", "nom",
			"nom client", "customer", "customer name", "name", "payer", "payeur", "tiers", "societe"}},
		{Name: "invoice_number", Label: "Invoice number", OneOf: "customer", aliases: []string{"n facture", "numero de facture",
			"numero facture", "facture", "no facture", "invoice number", "invoice no", "invoice"}},
		{Name: "amount", Label: "Amount", Required: true, aliases: []string{"montant", "montant regle", "montant du reglement",
			"montant paye", "somme", "credit", "amount", "amount paid", "payment amount", "paid"}},
		{Name: "received_on", Label: "Payment date", Required: true, aliases: []string{"date de reglement", "date reglement",
			"date de paiement", "date paiement", "date", "date d encaissement", "date de valeur", "payment date", "paid on",
			"received on", "date received", "value date"}},
		{Name: "currency", Label: "Currency", aliases: []string{"devise", "monnaie", "currency"}},
		{Name: "method", Label: "Method", aliases: []string{"mode de reglement", "mode de paiement", "moyen de paiement",
			"mode", "type de reglement", "method", "payment method", "payment type", "type"}},
		{Name: "reference", Label: "Reference", aliases: []string{"reference", "ref", "libelle", "reference de paiement",
			"payment reference", "memo", "description", "label"}},
		{Name: "external_id", Label: "External id", aliases: []string{"id", "identifiant", "external id", "id externe",
			"payment id", "transaction id", "id transaction", "n operation"}},
	},
}

// Fields lists the target fields of kind.
func Fields(kind Kind) []Field { return kindFields[kind] }

func fieldByName(kind Kind, name string) (Field, bool) {
	for _, f := range kindFields[kind] {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// normalizeHeader folds case, accents and punctuation: "N° Facture" and "n_facture" both become
// "n facture"; "Date d'échéance" becomes "date d echeance".
func normalizeHeader(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // accents
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return strings.ReplaceAll(b.String(), "œ", "oe")
}

// ProposeMapping maps each target field of kind to the header that names it best: first exact
// matches of a known header, then headers that contain a known header as whole words ("Montant
// TTC (€)" for "montant ttc"), longest alias first. A column is used for one field at most.
func ProposeMapping(kind Kind, headers []string) map[string]string {
	norms := make([]string, len(headers))
	for i, h := range headers {
		norms[i] = normalizeHeader(h)
	}
	mapping := map[string]string{}
	used := map[int]bool{}
	type candidate struct {
		field string
		col   int
		score int // higher is better
	}
	var cands []candidate
	for fi, f := range kindFields[kind] {
		for ai, alias := range f.aliases {
			for col, h := range norms {
				score := 0
				switch {
				case h == alias:
					score = 100000
				case containsWords(h, alias) && !containsAnyWord(h, f.exclude):
					score = 1000 * len(alias)
				default:
					continue
				}
				// Prefer earlier aliases (more specific) and earlier fields on ties.
				cands = append(cands, candidate{f.Name, col, score - ai*10 - fi})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	for _, c := range cands {
		if _, done := mapping[c.field]; done || used[c.col] {
			continue
		}
		mapping[c.field] = headers[c.col]
		used[c.col] = true
	}
	return mapping
}

func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if containsWords(s, w) {
			return true
		}
	}
	return false
}

// containsWords reports whether words appears in s as a run of whole words.
func containsWords(s, words string) bool {
	i := strings.Index(" "+s+" ", " "+words+" ")
	return i >= 0
}
