package ledger

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

var nonDigits = regexp.MustCompile(`[^0-9]`)

// luhn reports whether digits pass the Luhn checksum used by SIREN and SIRET.
func luhn(digits string) bool {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return len(digits) > 0 && sum%10 == 0
}

// NormalizeSiren removes spaces and dots; ValidSiren checks 9 digits and the checksum.
func NormalizeSiren(s string) string { return nonDigits.ReplaceAllString(s, "") }

// ValidSiren reports whether s is a well-formed SIREN.
func ValidSiren(s string) bool { return len(s) == 9 && luhn(s) }

// ValidSiret reports whether s is a well-formed SIRET.
func ValidSiret(s string) bool { return len(s) == 14 && luhn(s) }

// FrenchVAT computes the French intra-EU VAT number of a SIREN: FR + key + SIREN.
func FrenchVAT(siren string) string {
	if !ValidSiren(siren) {
		return ""
	}
	var n int64
	fmt.Sscan(siren, &n)
	return fmt.Sprintf("FR%02d%s", (12+3*(n%97))%97, siren)
}

var vatShape = regexp.MustCompile(`^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{2,12}$`)

// NormalizeVAT uppercases and removes spaces, dots and dashes.
func NormalizeVAT(s string) string {
	return strings.NewReplacer(" ", "", ".", "", "-", "").Replace(strings.ToUpper(strings.TrimSpace(s)))
}

// ValidVAT checks an EU VAT number's shape, and the key of a French one.
func ValidVAT(v string) bool {
	if !vatShape.MatchString(v) {
		return false
	}
	if strings.HasPrefix(v, "FR") && len(v) == 13 && nonDigits.ReplaceAllString(v[2:], "") == v[2:] {
		return FrenchVAT(v[4:]) == v
	}
	return true
}

// NormalizePhone returns the E.164 form of a phone number, read in region (e.g. "FR") when it
// has no country code, and false when it is not a possible number.
func NormalizePhone(raw, region string) (string, bool) {
	if strings.TrimSpace(raw) == "" {
		return "", true
	}
	n, err := phonenumbers.Parse(raw, region)
	if err != nil || !phonenumbers.IsPossibleNumber(n) {
		return raw, false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}
