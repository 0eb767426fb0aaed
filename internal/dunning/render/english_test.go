package render

import (
	"regexp"
	"strings"
	"testing"
)

// frenchDecimal is a decimal comma ("12,15", "1 240,00"), not an English thousands separator
// ("2,096.80").
var frenchDecimal = regexp.MustCompile(`\d,\d\d(?:[^\d]|$)`)

// An English email writes every number the English way, even when the rate was typed "12,15";
// a French one the French way.
func TestEnglishEmailsUseEnglishNumbers(t *testing.T) {
	for _, tc := range []struct {
		lang, rate   string
		want, absent []string
	}{
		{"en", "12,15", []string{"annual rate of 12.15%: €", "€2,096.80", "(€40.00 per invoice)"}, []string{nbsp + "%"}},
		{"fr", "12.15", []string{"taux annuel de 12,15" + nbsp + "%", "2" + nbsp + "096,80" + nbsp + "€"}, []string{"12.15"}},
	} {
		d := Sample(tc.lang)
		d.Stage, d.InterestRate = "formal_notice", tc.rate
		e, err := Render(Template{"{{total_due}}", "{{total_due}}"}, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, body := range []string{e.Subject, e.Text, e.HTML} {
			if tc.lang == "en" && frenchDecimal.MatchString(body) {
				t.Errorf("en: a French decimal in %q", frenchDecimal.FindString(body))
			}
			for _, s := range tc.absent {
				if strings.Contains(body, s) {
					t.Errorf("%s: %q in\n%s", tc.lang, s, body)
				}
			}
		}
		for _, s := range tc.want {
			if !strings.Contains(e.Text, s) {
				t.Errorf("%s: text lacks %q:\n%s", tc.lang, s, e.Text)
			}
		}
	}
}
