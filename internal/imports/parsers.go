package imports

import (
	"strings"
	"time"
)

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// customerKey is a customer an invoice file names, once per distinct code or name.
type customerKey struct {
	key        string
	externalID string
	name       string
	id         [16]byte // the customer's id if it has to be created
	line       int
}

// invoiceParser checks invoice rows and gathers the customers they name.
type invoiceParser struct {
	settings
	customers map[string]*customerKey
	keys      []*customerKey // in order of first appearance
	// The first row of each invoice number and external id, to report repeats.
	numbers, externalIDs map[string]int
}

func (p *invoiceParser) table() string { return "import_invoice_rows" }

func (p *invoiceParser) columns() []string {
	return []string{"import_id", "line", "new_id", "activity_id", "number", "external_id", "customer_key",
		"customer_external_id", "customer_name", "new_customer_id", "issue_date", "due_date", "payment_terms_days",
		"currency", "total_cents", "tax_cents"}
}

func (p *invoiceParser) parse(r *row) []any {
	number := r.get("number")
	if number == "" {
		r.fail("number", "The invoice number is required.")
	} else if len([]rune(number)) > 100 {
		r.fail("number", "At most 100 characters.")
	}
	externalID := r.text("external_id", 100)
	custExt, custName := r.get("customer_external_id"), r.get("customer_name")
	if custExt == "" && custName == "" {
		r.fail("customer_name", "Give the customer's code or name.")
	}
	r.text("customer_external_id", 100)
	r.text("customer_name", 300)
	issue := p.date(r, "issue_date", true)
	due := p.date(r, "due_date", false)
	if issue != nil && due != nil && due.(time.Time).Before(issue.(time.Time)) {
		r.fail("due_date", "The due date is before the issue date.")
	}
	terms := optional(r, "payment_terms_days", parseDays)
	currency := optional(r, "currency", parseCurrency)
	total := p.amount(r, "total", true)
	if total != nil && total.(int64) <= 0 {
		r.fail("total", "The total must be more than zero.")
	}
	tax := p.amount(r, "tax", false)
	if tax != nil && tax.(int64) < 0 {
		r.fail("tax", "The tax cannot be negative.")
	} else if tax != nil && total != nil && total.(int64) > 0 && tax.(int64) > total.(int64) {
		r.fail("tax", "The tax is more than the total.")
	}
	if r.bad || p.repeated(r, number, externalID) {
		return nil
	}
	ck := p.customer(custExt, custName, r.line)
	return []any{[16]byte(p.importID), r.line, p.ids.next(), p.ids.next(), number, externalID, ck.key,
		nilIfEmpty(custExt), nilIfEmpty(custName), ck.id, issue, due, terms, currency, total, tax}
}

// repeated reports a number or external id already on a good row of the file.
func (p *invoiceParser) repeated(r *row, number string, externalID any) bool {
	if first, ok := p.numbers[number]; ok {
		r.fail("number", "Invoice %s is already on row %d of this file.", number, first)
		return true
	}
	if ext, ok := externalID.(string); ok {
		if first, ok := p.externalIDs[ext]; ok {
			r.fail("external_id", "External id %s is already on row %d of this file.", ext, first)
			return true
		}
		p.externalIDs[ext] = r.line
	}
	p.numbers[number] = r.line
	return false
}

// customer returns the key of the customer a row names: its code when there is one, else its
// name (case-insensitive).
func (p *invoiceParser) customer(externalID, name string, line int) *customerKey {
	key := "n:" + strings.ToLower(name)
	if externalID != "" {
		key = "e:" + externalID
	}
	ck := p.customers[key]
	if ck == nil {
		ck = &customerKey{key: key, externalID: externalID, name: name, id: p.ids.next(), line: line}
		p.customers[key] = ck
		p.keys = append(p.keys, ck)
	}
	if ck.name == "" {
		ck.name = name
	}
	return ck
}

// customerParser checks customer rows.
type customerParser struct{ settings }

func (p *customerParser) table() string { return "import_customer_rows" }

func (p *customerParser) columns() []string {
	return []string{"import_id", "line", "new_id", "contact_id", "activity_id", "name", "external_id", "siren", "siret",
		"vat_number", "address", "language", "currency", "payment_terms_days", "segment", "contact_name",
		"contact_email", "contact_phone"}
}

func (p *customerParser) parse(r *row) []any {
	name := r.get("name")
	if name == "" {
		r.fail("name", "The customer's name is required.")
	}
	r.text("name", 300)
	externalID := r.text("external_id", 100)
	address := map[string]string{}
	for field, key := range map[string]string{"address_line1": "line1", "address_line2": "line2",
		"postal_code": "postal_code", "city": "city"} {
		if v := r.get(field); v != "" {
			address[key] = v
			r.text(field, 200)
		}
	}
	region := p.region
	if c := optional(r, "country", parseCountry); c != nil {
		address["country"] = c.(string)
		region = c.(string)
	}
	var addr any
	if len(address) > 0 {
		addr = address
	}
	phone := r.get("contact_phone")
	if phone != "" {
		phone = normalizePhone(phone, region)
	}
	vals := []any{[16]byte(p.importID), r.line, p.ids.next(), p.ids.next(), p.ids.next(), name, externalID,
		nilIfEmpty(companyID(r.get("siren"))), nilIfEmpty(companyID(r.get("siret"))),
		nilIfEmpty(companyID(r.get("vat_number"))), addr,
		optional(r, "language", parseLanguage), optional(r, "currency", parseCurrency),
		optional(r, "payment_terms_days", parseDays), r.text("segment", 100),
		r.text("contact_name", 200), r.text("contact_email", 254), nilIfEmpty(phone)}
	if r.bad {
		return nil
	}
	return vals
}

// paymentParser checks payment rows.
type paymentParser struct{ settings }

func (p *paymentParser) table() string { return "import_payment_rows" }

func (p *paymentParser) columns() []string {
	return []string{"import_id", "line", "new_id", "activity_id", "customer_external_id", "customer_name",
		"invoice_number", "external_id", "received_on", "currency", "amount_cents", "method", "reference"}
}

func (p *paymentParser) parse(r *row) []any {
	custExt, custName, invoice := r.text("customer_external_id", 100), r.text("customer_name", 300), r.text("invoice_number", 100)
	if custExt == nil && custName == nil && invoice == nil {
		r.fail("customer_name", "Give the customer's code or name, or the invoice number.")
	}
	amount := p.amount(r, "amount", true)
	if amount != nil && amount.(int64) <= 0 {
		r.fail("amount", "The amount must be more than zero.")
	}
	method, err := parseMethod(r.get("method"))
	if err != nil {
		r.fail("method", "%s", err.Error())
	}
	reference := r.get("reference")
	r.text("reference", 300)
	vals := []any{[16]byte(p.importID), r.line, p.ids.next(), p.ids.next(), custExt, custName, invoice,
		r.text("external_id", 100), p.date(r, "received_on", true), optional(r, "currency", parseCurrency),
		amount, method, reference}
	if r.bad {
		return nil
	}
	return vals
}
