package portal

import (
	"regexp"
	"strings"
	"testing"

	"github.com/relance/relance/internal/testenv"
)

// frenchDecimal is a decimal comma ("12,15", "1 000,00"), not an English thousands separator.
var frenchDecimal = regexp.MustCompile(`\d,\d\d(?:[^\d]|$)`)

// An English statement (PDF and CSV) writes its numbers the English way, a French one the French way.
func TestStatementsWriteNumbersInTheirLanguage(t *testing.T) {
	en := samplePage("en", 2)
	en.PenaltyRate = "12.15" // as applyPenalties writes it for an English page
	doc, err := RenderStatement(en, nil)
	if err != nil {
		t.Fatal(err)
	}
	pdfText, csv := testenv.PDFText(doc), string(StatementCSVOf(en))
	if m := frenchDecimal.FindString(pdfText); m != "" {
		t.Errorf("English PDF: a French decimal %q", m)
	}
	for _, want := range []string{"\x801,000.00", "12.15%"} {
		if !strings.Contains(pdfText, want) {
			t.Errorf("English PDF lacks %q", want)
		}
	}
	if !strings.Contains(csv, ",1000.00,1000.00,42,") || !strings.Contains(csv, ",40.42,EUR") {
		t.Errorf("English CSV: %q", csv)
	}
	fr := samplePage("fr", 2)
	if text := testenv.PDFText(mustRender(t, fr)); !strings.Contains(text, "1\xa0000,00\xa0\x80") || !strings.Contains(text, "12,15 %") {
		t.Errorf("French PDF: %q", text)
	}
}

func mustRender(t *testing.T, pg Page) []byte {
	t.Helper()
	doc, err := RenderStatement(pg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
