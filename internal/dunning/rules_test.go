package dunning

import (
	"slices"
	"testing"
	"time"
)

// The last step carried out is named as the staff's language names a day from the due date:
// "J+5" in French ("jour"), "D+5" in English.
func TestExplainNamesTheLastStepInThePageLanguage(t *testing.T) {
	five, before := 5, -15
	sim := &simulation{today: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		lang   string
		offset *int
		want   string
	}{
		{"fr", &five, "Dernière étape réalisée : J+5."},
		{"fr", &before, "Dernière étape réalisée : J-15."},
		{"en", &five, "Last step carried out: D+5."},
		{"en", &before, "Last step carried out: D-15."},
	} {
		got := explain(c.lang, "none", "", "", CustomerRules{}, &simInvoice{LastOffset: c.offset}, Settings{}, sim)
		if !slices.Contains(got, c.want) {
			t.Errorf("%s, offset %d: explanation %q lacks %q", c.lang, *c.offset, got, c.want)
		}
	}
}
