package pdf

import (
	"strconv"
	"strings"
	"time"
)

// nbsp keeps amounts and units on one line. French typography wants a narrow no-break space
// (U+202F) between digit groups, but the core fonts' cp1252 has only U+00A0.
const nbsp = "\u00a0"

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// FormatMoney formats an amount of minor units the way lang writes it: "1 240,00 €" in French,
// "€1,240.00" in English. Unknown currencies are written with their ISO code.
func FormatMoney(cents int64, currency, lang string) string {
	return formatMoney(cents, currency, lang, true)
}

// formatMoney writes the cents only when asked ("10 000 €" for a share capital).
func formatMoney(cents int64, currency, lang string, withCents bool) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	group, decimal := nbsp, ","
	if lang == "en" {
		group, decimal = ",", "."
	}
	number := groupDigits(strconv.FormatInt(cents/100, 10), group)
	if withCents {
		number += decimal + twoDigits(cents%100)
	}
	symbol, known := currencySymbols[currency]
	switch {
	case !known:
		return sign + number + nbsp + currency
	case lang == "en":
		return sign + symbol + number
	default:
		return sign + number + nbsp + symbol
	}
}

// groupDigits inserts sep every three digits from the right.
func groupDigits(digits, sep string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// formatFixed writes n hundredths with at most two decimals, dropping trailing zeros:
// 250 → "2,5", 2000 → "20".
func formatFixed(n int64, lang string) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n/100, 10)
	if frac := n % 100; frac != 0 {
		dec := strings.TrimRight(twoDigits(frac), "0")
		sep := ","
		if lang == "en" {
			sep = "."
		}
		s += sep + dec
	}
	return sign + s
}

// FormatQuantity writes a quantity given in hundredths (150 → "1,5").
func FormatQuantity(hundredths int64, lang string) string { return formatFixed(hundredths, lang) }

// FormatRate writes a VAT rate given in basis points (2000 → "20 %", 550 → "5,5 %").
func FormatRate(basisPoints int, lang string) string {
	if lang == "en" {
		return formatFixed(int64(basisPoints), lang) + "%"
	}
	return formatFixed(int64(basisPoints), lang) + nbsp + "%"
}

var englishMonths = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// FormatDate writes a calendar day: "05/03/2025" in French, "5 March 2025" in English.
func FormatDate(d time.Time, lang string) string {
	if lang == "en" {
		return strconv.Itoa(d.Day()) + " " + englishMonths[d.Month()-1] + " " + strconv.Itoa(d.Year())
	}
	return d.Format("02/01/2006")
}

// formatIBAN groups an IBAN by four characters, as printed on a RIB.
func formatIBAN(iban string) string {
	iban = strings.ToUpper(strings.ReplaceAll(iban, " ", ""))
	var parts []string
	for len(iban) > 4 {
		parts = append(parts, iban[:4])
		iban = iban[4:]
	}
	return strings.Join(append(parts, iban), " ")
}

// formatSiren groups a SIREN as "912 345 678" and leaves anything else untouched.
func formatSiren(s string) string {
	if len(s) != 9 {
		return s
	}
	return s[:3] + " " + s[3:6] + " " + s[6:]
}
