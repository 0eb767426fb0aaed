package imports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// Date orders a file may use for dd/mm/yyyy-like dates (ISO dates are always understood).
const (
	DateDMY = "dmy"
	DateMDY = "mdy"
	DateYMD = "ymd"
)

// parseAmount reads a money amount as people type it ("1 234,56 €", "1.234,56", "1,234.56",
// "$12.50", "(15.00)") into minor units. decimalComma settles the one ambiguous case: a single
// separator followed by exactly three digits ("1,234" or "1.234").
func parseAmount(s string, decimalComma bool) (int64, error) {
	core := strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsSpace(r) || strings.ContainsRune("€$£¥\u00a0\u202f", r)
	})
	neg := false
	if strings.HasPrefix(core, "(") && strings.HasSuffix(core, ")") {
		neg, core = true, core[1:len(core)-1]
	}
	var b strings.Builder
	for i, r := range core {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ',':
			b.WriteRune(r)
		case (r == '-' || r == '−') && i == 0:
			neg = true
		case r == '+' && i == 0:
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' || r == '’':
		default:
			return 0, fmt.Errorf("%q is not an amount", s)
		}
	}
	num := b.String()
	if num == "" || strings.Trim(num, ".,") == "" {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	intPart, frac := splitDecimal(num, decimalComma)
	if intPart == "" {
		intPart = "0"
	}
	if strings.ContainsAny(intPart, ".,") {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	units, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || units > math.MaxInt64/100-1 {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	cents := int64(0)
	for i := 0; i < 2; i++ {
		cents *= 10
		if i < len(frac) {
			cents += int64(frac[i] - '0')
		}
	}
	if len(frac) > 2 && frac[2] >= '5' { // round half up past the cent (float noise of spreadsheets)
		cents++
	}
	total := units*100 + cents
	if neg {
		total = -total
	}
	return total, nil
}

var dropSeparators = strings.NewReplacer(".", "", ",", "")

// splitDecimal returns the integer digits (thousands separators removed) and the decimals.
func splitDecimal(num string, decimalComma bool) (string, string) {
	lastDot, lastComma := strings.LastIndexByte(num, '.'), strings.LastIndexByte(num, ',')
	dots, commas := strings.Count(num, "."), strings.Count(num, ",")
	dec := -1 // index of the decimal separator
	switch {
	case dots > 0 && commas > 0:
		dec = max(lastDot, lastComma)
	case commas == 1 && dots == 0:
		if decimalComma || len(num)-lastComma-1 != 3 {
			dec = lastComma
		}
	case dots == 1 && commas == 0:
		if !decimalComma || len(num)-lastDot-1 != 3 {
			dec = lastDot
		}
	}
	if dec < 0 {
		return dropSeparators.Replace(num), ""
	}
	intPart := dropSeparators.Replace(num[:dec])
	frac := num[dec+1:]
	if strings.ContainsAny(frac, ".,") || strings.IndexByte(num[:dec], num[dec]) >= 0 {
		return "x", "" // the decimal mark twice: not a number
	}
	return intPart, frac
}

// excelEpoch is day 0 of Excel's 1900 date system (the 1900 leap-year bug included).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (or mm/dd/yyyy with DateMDY), yyyy-mm-dd
// (with or without a time after it), two-digit years and spreadsheet serial numbers.
func parseDate(s, order string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, ok := readDate(s, order)
	if !ok {
		if order == DateMDY {
			return time.Time{}, fmt.Errorf("%q is not a date (expected mm/dd/yyyy or yyyy-mm-dd)", s)
		}
		return time.Time{}, fmt.Errorf("%q is not a date (expected dd/mm/yyyy or yyyy-mm-dd)", s)
	}
	return t, nil
}

func readDate(s, order string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if !strings.ContainsAny(s, "-/") {
		if serial, err := strconv.ParseFloat(s, 64); err == nil {
			if serial < 1 || serial > 2958465 {
				return time.Time{}, false
			}
			return excelEpoch.AddDate(0, 0, int(serial)), true
		}
	}
	if i := strings.IndexAny(s, "T "); i >= 8 { // "2025-01-31T00:00:00", "31/01/2025 00:00"
		s = s[:i]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return time.Time{}, false
	}
	n := [3]int{}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return time.Time{}, false
		}
		n[i] = v
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4:
		y, m, d = n[0], n[1], n[2]
	case order == DateMDY:
		m, d, y = n[0], n[1], n[2]
	default:
		d, m, y = n[0], n[1], n[2]
	}
	if len(parts[2]) == 2 && len(parts[0]) != 4 {
		y += 2000
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || t.Day() != d || int(t.Month()) != m {
		return time.Time{}, false
	}
	return t, true
}

// parseDays reads payment terms: "30", "30 jours", "45 days", "Net 30".
func parseDays(s string) (int, error) {
	digits := ""
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		digits = f
		break
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 || n > 365 {
		return 0, fmt.Errorf("%q is not a number of days between 0 and 365", s)
	}
	return n, nil
}

var currencySymbols = map[string]string{"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "CHF": "CHF", "FS": "CHF", "¥": "JPY"}

// parseCurrency reads an ISO 4217 code or a common symbol.
func parseCurrency(s string) (string, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	if c, ok := currencySymbols[u]; ok {
		return c, nil
	}
	if len(u) == 3 && strings.Trim(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return u, nil
	}
	return "", fmt.Errorf("%q is not a currency code (EUR, USD…)", s)
}

// parseLanguage reads fr or en, in a few spellings.
func parseLanguage(s string) (string, error) {
	switch normalizeHeader(s) {
	case "fr", "fra", "fre", "francais", "french", "fr fr":
		return "fr", nil
	case "en", "eng", "anglais", "english", "en gb", "en us":
		return "en", nil
	}
	return "", fmt.Errorf("%q is not a language Relance writes in (fr or en)", s)
}

var countryNames = map[string]string{
	"france": "FR", "belgique": "BE", "belgium": "BE", "suisse": "CH", "switzerland": "CH", "luxembourg": "LU",
	"allemagne": "DE", "germany": "DE", "espagne": "ES", "spain": "ES", "italie": "IT", "italy": "IT",
	"royaume uni": "GB", "united kingdom": "GB", "uk": "GB", "pays bas": "NL", "netherlands": "NL",
	"portugal": "PT", "irlande": "IE", "ireland": "IE", "autriche": "AT", "austria": "AT", "monaco": "MC",
	"etats unis": "US", "united states": "US", "usa": "US", "canada": "CA", "maroc": "MA", "morocco": "MA",
	"tunisie": "TN", "algerie": "DZ", "senegal": "SN", "cote d ivoire": "CI", "pologne": "PL", "poland": "PL",
	"suede": "SE", "sweden": "SE", "danemark": "DK", "denmark": "DK", "norvege": "NO", "norway": "NO",
	"finlande": "FI", "finland": "FI", "grece": "GR", "greece": "GR", "reunion": "RE", "guadeloupe": "GP", "martinique": "MQ",
}

// parseCountry reads an ISO 3166 two-letter code or a common country name.
func parseCountry(s string) (string, error) {
	n := normalizeHeader(s)
	if c, ok := countryNames[n]; ok {
		return c, nil
	}
	if len(n) == 2 && strings.Trim(n, "abcdefghijklmnopqrstuvwxyz") == "" {
		return strings.ToUpper(n), nil
	}
	return "", fmt.Errorf("%q is not a country: use a two-letter code (FR)", s)
}

// parseMethod reads how a payment was made.
func parseMethod(s string) (string, error) {
	n := normalizeHeader(s)
	switch n {
	case "", "autre", "autres", "other", "divers":
		return "other", nil
	case "virement", "vir", "virement bancaire", "virement sepa", "transfer", "bank transfer", "wire", "wire transfer", "credit transfer":
		return "transfer", nil
	case "carte", "cb", "carte bancaire", "carte bleue", "card", "credit card", "debit card":
		return "card", nil
	case "prelevement", "prelevement sepa", "prlv", "sepa", "sepa debit", "direct debit", "sepa direct debit":
		return "sepa_debit", nil
	case "cheque", "chq", "check", "cheques":
		return "check", nil
	case "especes", "espece", "liquide", "cash":
		return "cash", nil
	}
	if m := strings.ReplaceAll(n, " ", "_"); m == "sepa_debit" || m == "transfer" || m == "card" || m == "check" || m == "cash" {
		return m, nil
	}
	return "", fmt.Errorf("%q is not a payment method (virement, carte, prélèvement, chèque, espèces, autre)", s)
}

// normalizePhone returns the E.164 form of a valid number (region is the default country), or
// the number as typed when it cannot be read.
func normalizePhone(s, region string) string {
	s = strings.TrimSpace(s)
	num, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return s
	}
	return phonenumbers.Format(num, phonenumbers.E164)
}

// companyID keeps the digits and letters of a SIREN, SIRET or VAT number ("FR 12 345 678 901").
func companyID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
