package portal

import (
	"strings"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
)

// ibanLengths is the length of an IBAN per country (ISO 13616, the SWIFT IBAN registry): every
// SEPA country and the other countries that issue IBANs.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
	"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
	"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
	"GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
	"JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
	"MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
	"NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
	"SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

// bicCountries lists, for the IBAN countries whose banks also use other country codes in their
// BICs (overseas territories, Crown dependencies), every code a BIC may carry.
var bicCountries = map[string][]string{
	"FR": {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF", "MC"},
	"MC": {"MC", "FR"},
	"GB": {"GB", "GG", "JE", "IM"},
	"FI": {"FI", "AX"},
	"NO": {"NO", "SJ"},
}

// CountryName names a country code in a language ("en", else French): the catalogue's
// "country."+code; the code itself when unknown.
func CountryName(code, lang string) string {
	key := "country." + strings.ToLower(code)
	if !locale.Has(key) {
		return code
	}
	return locale.T(lang, key)
}

// IBAN problems: keys of the locale catalogue.
const (
	ibanEmpty    = "portal.enter_iban"
	ibanCountry  = "portal.iban_country"
	ibanLength   = "portal.iban_length"
	ibanChars    = "portal.iban_characters"
	ibanChecksum = "portal.iban_checksum"
)

// CheckIBAN validates an IBAN (ISO 13616: country code, length of that country, letters and
// digits, mod-97 check digits) and returns it normalized with its country, or the reason it is
// not valid.
func CheckIBAN(s string) (iban, country string, problem errs.FieldError) {
	iban = locale.NormalizeIBAN(s)
	if iban == "" {
		return "", "", errs.Field("", ibanEmpty)
	}
	for _, r := range iban {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return iban, "", errs.Field("", ibanChars)
		}
	}
	if len(iban) < 4 {
		return iban, "", errs.Field("", ibanCountry)
	}
	country = iban[:2]
	n, ok := ibanLengths[country]
	if !ok {
		return iban, "", errs.Field("", ibanCountry)
	}
	if len(iban) != n {
		return iban, country, errs.Field("", ibanLength, n)
	}
	if iban[2] > '9' || iban[3] > '9' || mod97(iban[4:]+iban[:4]) != 1 {
		return iban, country, errs.Field("", ibanChecksum)
	}
	return iban, country, errs.FieldError{}
}

// mod97 is the remainder of the number a string of letters (A=10 … Z=35) and digits stands for.
func mod97(s string) int {
	r := 0
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

// BIC problems: message keys.
const (
	bicFormat  = "portal.bic_format"
	bicCountry = "portal.bic_country"
)

// CheckBIC validates a BIC (ISO 9362: 4 bank characters, the 2-letter country, 2 location and an
// optional 3-character branch); when ibanCountry is given, the BIC must be of that country.
func CheckBIC(s, ibanCountry string) (bic string, problem errs.FieldError) {
	bic = locale.NormalizeIBAN(s)
	if len(bic) != 8 && len(bic) != 11 {
		return bic, errs.Field("", bicFormat)
	}
	for i, r := range bic {
		letter := r >= 'A' && r <= 'Z'
		digit := r >= '0' && r <= '9'
		if (i == 4 || i == 5) && !letter || !letter && !digit {
			return bic, errs.Field("", bicFormat)
		}
	}
	if ibanCountry == "" {
		return bic, errs.FieldError{}
	}
	allowed := bicCountries[ibanCountry]
	if allowed == nil {
		allowed = []string{ibanCountry}
	}
	for _, c := range allowed {
		if bic[4:6] == c {
			return bic, errs.FieldError{}
		}
	}
	return bic, errs.Field("", bicCountry, ibanCountry)
}
