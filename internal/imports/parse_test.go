package imports

import (
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in    string
		comma bool
		want  int64
		bad   bool
	}{
		{"1 234,56", true, 123456, false},
		{"1\u00a0234,56 €", true, 123456, false},
		{"1\u202f234,5", true, 123450, false},
		{"1.234,56", true, 123456, false},
		{"1,234.56", false, 123456, false},
		{"$12.50", false, 1250, false},
		{"EUR 12", true, 1200, false},
		{"12,50 EUR", true, 1250, false},
		{"1,234", false, 123400, false}, // thousands without decimals
		{"1,234", true, 123, false},     // a decimal comma (rounded past the cent)
		{"1.234", true, 123400, false},  // a thousands dot
		{"0.30000000000000004", false, 30, false},
		{"-15,00", true, -1500, false},
		{"(15.00)", false, -1500, false},
		{"1'234.50", false, 123450, false},
		{"", true, 0, true},
		{"abc", true, 0, true},
		{"12,3,4.5,6", true, 0, true},
		{"1e5", false, 0, true},
	} {
		got, err := parseAmount(tc.in, tc.comma)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("parseAmount(%q, %v) = %d, %v; want %d (bad %v)", tc.in, tc.comma, got, err, tc.want, tc.bad)
		}
	}
}

func TestParseDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		in, order string
		want      time.Time
		bad       bool
	}{
		{"15/01/2025", DateDMY, day(2025, 1, 15), false},
		{"15-01-2025", DateDMY, day(2025, 1, 15), false},
		{"15.01.2025", DateDMY, day(2025, 1, 15), false},
		{"5/1/25", DateDMY, day(2025, 1, 5), false},
		{"01/15/2025", DateMDY, day(2025, 1, 15), false},
		{"2025-01-15", DateMDY, day(2025, 1, 15), false},
		{"2025-01-15T00:00:00", DateDMY, day(2025, 1, 15), false},
		{"15/01/2025 00:00", DateDMY, day(2025, 1, 15), false},
		{"45672", DateDMY, day(2025, 1, 15), false}, // a spreadsheet serial
		{"31/02/2025", DateDMY, time.Time{}, true},
		{"2025-13-40", DateDMY, time.Time{}, true},
		{"hier", DateDMY, time.Time{}, true},
		{"", DateDMY, time.Time{}, true},
	} {
		got, err := parseDate(tc.in, tc.order)
		if (err != nil) != tc.bad || !got.Equal(tc.want) {
			t.Errorf("parseDate(%q, %s) = %v, %v; want %v (bad %v)", tc.in, tc.order, got, err, tc.want, tc.bad)
		}
	}
}

func TestParseValues(t *testing.T) {
	for in, want := range map[string]string{"Virement": "transfer", "CB": "card", "Prélèvement SEPA": "sepa_debit",
		"chèque": "check", "Espèces": "cash", "": "other", "sepa_debit": "sepa_debit"} {
		if got, err := parseMethod(in); err != nil || got != want {
			t.Errorf("parseMethod(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := parseMethod("bitcoin"); err == nil {
		t.Error("bitcoin accepted")
	}
	for in, want := range map[string]int{"30": 30, "45 jours": 45, "Net 60": 60, "0": 0} {
		if got, err := parseDays(in); err != nil || got != want {
			t.Errorf("parseDays(%q) = %d, %v", in, got, err)
		}
	}
	if _, err := parseDays("à réception"); err == nil {
		t.Error("days without a number accepted")
	}
	for in, want := range map[string]string{"France": "FR", "belgique": "BE", "de": "DE", "Côte d'Ivoire": "CI"} {
		if got, err := parseCountry(in); err != nil || got != want {
			t.Errorf("parseCountry(%q) = %q, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{"€": "EUR", "usd": "USD", "CHF": "CHF"} {
		if got, err := parseCurrency(in); err != nil || got != want {
			t.Errorf("parseCurrency(%q) = %q, %v", in, got, err)
		}
	}
	if got := normalizePhone("06 12 34 56 78", "FR"); got != "+33612345678" {
		t.Errorf("phone %q", got)
	}
	if got := normalizePhone("12", "FR"); got != "12" {
		t.Errorf("invalid phone rewritten to %q", got)
	}
	if got := companyID("FR 44 732 829 320"); got != "FR44732829320" {
		t.Errorf("companyID %q", got)
	}
}

func TestProposeMapping(t *testing.T) {
	m := ProposeMapping(KindInvoices, []string{"N° Facture", "Client", "Date d'émission", "Échéance", "Montant HT",
		"Montant TVA", "Montant TTC (€)", "Code client"})
	want := map[string]string{"number": "N° Facture", "customer_name": "Client", "issue_date": "Date d'émission",
		"due_date": "Échéance", "tax": "Montant TVA", "total": "Montant TTC (€)", "customer_external_id": "Code client"}
	for f, h := range want {
		if m[f] != h {
			t.Errorf("%s → %q, want %q (all %v)", f, m[f], h, m)
		}
	}
	if len(m) != len(want) {
		t.Errorf("extra mappings: %v", m)
	}
	m = ProposeMapping(KindCustomers, []string{"Raison sociale", "SIRET", "E-mail", "Téléphone", "CP", "Ville", "Nom du contact"})
	for f, h := range map[string]string{"name": "Raison sociale", "siret": "SIRET", "contact_email": "E-mail",
		"contact_phone": "Téléphone", "postal_code": "CP", "city": "Ville", "contact_name": "Nom du contact"} {
		if m[f] != h {
			t.Errorf("customers %s → %q, want %q (all %v)", f, m[f], h, m)
		}
	}
}

func TestDetection(t *testing.T) {
	if got := detectEncoding([]byte("Soci\xe9t\xe9;Montant\n")); got != EncodingLatin1 {
		t.Errorf("latin-1 detected as %s", got)
	}
	if got := detectEncoding([]byte("Montant \x80\n")); got != EncodingWindows1252 {
		t.Errorf("windows-1252 detected as %s", got)
	}
	if got := detectEncoding([]byte("\xef\xbb\xbfSociété")); got != EncodingUTF8 {
		t.Errorf("utf-8 with BOM detected as %s", got)
	}
	if got := detectEncoding([]byte("Soci\xc3\xa9t\xc3")); got != EncodingUTF8 { // cut inside é
		t.Errorf("cut utf-8 detected as %s", got)
	}
	for text, want := range map[string]string{
		"a;b;c\n1;2,5;3\n":              ";",
		"a,b,c\n1,\"2,5\",3\n":          ",",
		"a\tb\tc\n1\t2\t3\n":            "\t",
		"name;note\nx;\"a, b, c, d\"\n": ";",
	} {
		if got := sniffSeparator(text); got != want {
			t.Errorf("sniffSeparator(%q) = %q, want %q", text, got, want)
		}
	}
	order, comma := guessFormats([][]string{{"01/02/2025", "1 234,56"}, {"25/12/2024", "12,00"}}, true)
	if order != DateDMY || !comma {
		t.Errorf("french formats: %s %v", order, comma)
	}
	order, comma = guessFormats([][]string{{"12/25/2024", "1,234.56"}, {"01/02/2025", "$12.00"}}, false)
	if order != DateMDY || comma {
		t.Errorf("american formats: %s %v", order, comma)
	}
}
