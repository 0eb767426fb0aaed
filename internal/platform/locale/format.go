// Package locale is the one home of how Relance writes money, numbers, dates and bank details
// in French and English: the PDFs, the emails, the receipts and the debtor page all write them
// through it.
package locale

import (
	"strconv"
	"strings"
	"time"
)

// nbsp keeps amounts and units on one line. French typography wants a narrow no-break space
// (U+202F) between digit groups, but the PDF core fonts' cp1252 has only U+00A0.
const nbsp = "\u00a0"

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// Money formats an amount of minor units the way lang writes it: "1 240,00 €" in French,
// "€1,240.00" in English. Unknown currencies are written with their ISO code.
func Money(cents int64, currency, lang string) string {
	return money(cents, currency, lang, true)
}

// MoneyWhole writes an amount without its cents when it has none ("10 000 €" for a share
// capital), with them otherwise.
func MoneyWhole(cents int64, currency, lang string) string {
	return money(cents, currency, lang, cents%100 != 0)
}

func money(cents int64, currency, lang string, withCents bool) string {
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

// fixed writes n hundredths with at most two decimals, dropping trailing zeros:
// 250 → "2,5", 2000 → "20".
func fixed(n int64, lang string) string {
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

// Quantity writes a quantity given in hundredths (150 → "1,5").
func Quantity(hundredths int64, lang string) string { return fixed(hundredths, lang) }

// Rate writes a rate given in basis points (2000 → "20 %", 550 → "5,5 %"; "20%" in English).
func Rate(basisPoints int, lang string) string {
	if lang == "en" {
		return fixed(int64(basisPoints), lang) + "%"
	}
	return fixed(int64(basisPoints), lang) + nbsp + "%"
}

var (
	englishMonths = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	englishShortMonths = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// Date writes a calendar day in full: "05/03/2025" in French, "5 March 2025" in English
// (documents: invoices, receipts, statements).
func Date(d time.Time, lang string) string {
	if lang == "en" {
		return strconv.Itoa(d.Day()) + " " + englishMonths[d.Month()-1] + " " + strconv.Itoa(d.Year())
	}
	return d.Format("02/01/2006")
}

// DateShort writes a calendar day where space is short (the debtor page's tables):
// "05/03/2025" in French, "5 Mar 2025" in English.
func DateShort(d time.Time, lang string) string {
	if lang == "en" {
		return strconv.Itoa(d.Day()) + " " + englishShortMonths[d.Month()-1] + " " + strconv.Itoa(d.Year())
	}
	return d.Format("02/01/2006")
}

// IBAN writes an IBAN as printed on a RIB: capitals, in groups of four, whatever spaces,
// hyphens or case it was typed with.
func IBAN(s string) string {
	s = NormalizeIBAN(s)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeIBAN drops the spaces and dashes of what a person typed and upper-cases it (an
// IBAN, a BIC).
func NormalizeIBAN(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\u00a0' || r == '\t':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// SIREN groups a French company number as "912 345 678" and leaves anything else untouched.
func SIREN(s string) string {
	if len(s) != 9 {
		return s
	}
	return s[:3] + " " + s[3:6] + " " + s[6:]
}
