package portal

import (
	"strings"
	"testing"

	"github.com/relance/relance/internal/platform/locale"
)

func TestCheckIBAN(t *testing.T) {
	for _, tc := range []struct {
		in, iban, country, problem string
	}{
		{"FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606", "FR", ""},
		{"fr1420041010050500013m02606", "FR1420041010050500013M02606", "FR", ""},
		{"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "DE", ""},
		{"GB82-WEST-1234-5698-7654-32", "GB82WEST12345698765432", "GB", ""},
		{"BE68539007547034", "BE68539007547034", "BE", ""},
		{"NL91ABNA0417164300", "NL91ABNA0417164300", "NL", ""},
		{"CH9300762011623852957", "CH9300762011623852957", "CH", ""},
		{"NO9386011117947", "NO9386011117947", "NO", ""},
		{"IT60X0542811101000000123456", "IT60X0542811101000000123456", "IT", ""},
		{"ES9121000418450200051332", "ES9121000418450200051332", "ES", ""},
		{"MT84MALT011000012345MTLCAST001S", "MT84MALT011000012345MTLCAST001S", "MT", ""},
		{"LU280019400644750000", "LU280019400644750000", "LU", ""},
		// One digit changed, two digits swapped: the checksum catches both.
		{"FR1420041010050500013M02607", "FR1420041010050500013M02607", "FR", ibanChecksum},
		{"DE89370400440532031000", "DE89370400440532031000", "DE", ibanChecksum},
		{"FR14200410100505000", "FR14200410100505000", "FR", "An IBAN of this country has 27 characters."},
		{"ZZ1420041010050500013M02606", "ZZ1420041010050500013M02606", "", ibanCountry},
		{"FR14 2004 1010 0505 0001 3M02 60!", "FR1420041010050500013M0260!", "", ibanChars},
		{"FRAB20041010050500013M02606", "FRAB20041010050500013M02606", "FR", ibanChecksum},
		{"  ", "", "", ibanEmpty},
	} {
		iban, country, problem := CheckIBAN(tc.in)
		if iban != tc.iban || country != tc.country || problem.Message != locale.T("en", tc.problem) {
			t.Errorf("CheckIBAN(%q) = %q, %q, %q; want %q, %q, %q", tc.in, iban, country, problem, tc.iban, tc.country, tc.problem)
		}
	}
}

func TestEverySEPACountryHasALengthAndAName(t *testing.T) {
	sepa := []string{"AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GI", "GR",
		"HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI",
		"SK", "SM", "VA"}
	for _, c := range sepa {
		if ibanLengths[c] == 0 {
			t.Errorf("no IBAN length for %s", c)
		}
	}
	for c := range ibanLengths {
		if !locale.Has("country." + strings.ToLower(c)) {
			t.Errorf("no name for %s", c)
		}
	}
	if CountryName("DE", "fr") != "Allemagne" || CountryName("DE", "en") != "Germany" || CountryName("de", "fr") != "Allemagne" {
		t.Error("country names")
	}
}

func TestCheckBIC(t *testing.T) {
	for _, tc := range []struct {
		in, country, bic, problem string
	}{
		{"BNPAFRPP", "FR", "BNPAFRPP", ""},
		{"bnpa fr pp xxx", "FR", "BNPAFRPPXXX", ""},
		{"DEUTDEFF500", "DE", "DEUTDEFF500", ""},
		{"CEPAFRPP751", "", "CEPAFRPP751", ""},
		{"BPGUGPGP", "FR", "BPGUGPGP", ""}, // a Guadeloupe bank on a French IBAN
		{"NWBKGGSX", "GB", "NWBKGGSX", ""}, // Guernsey on a British IBAN
		{"DEUTDEFF", "FR", "DEUTDEFF", "This BIC is of another country than the IBAN (FR)."},
		{"BNPAFRPP", "BE", "BNPAFRPP", "This BIC is of another country than the IBAN (BE)."},
		{"BNPAFRP", "FR", "BNPAFRP", bicFormat},
		{"BNPAFRPPXX", "FR", "BNPAFRPPXX", bicFormat},
		{"BNPA12PP", "", "BNPA12PP", bicFormat},
		{"BNPAFRP!", "", "BNPAFRP!", bicFormat},
	} {
		bic, problem := CheckBIC(tc.in, tc.country)
		if bic != tc.bic || problem.Message != locale.T("en", tc.problem) {
			t.Errorf("CheckBIC(%q, %q) = %q, %q; want %q, %q", tc.in, tc.country, bic, problem, tc.bic, tc.problem)
		}
	}
}
