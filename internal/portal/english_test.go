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

// The answer to a debtor's question is written in the customer's language, its date included
// (it used to say "On 05/03/2026" in English).
func TestAnswerEmailInTheCustomersLanguage(t *testing.T) {
	number := "F-118"
	v := QuestionView{Message: "Where is my invoice?\nThanks", Answer: "Sent again this morning.", InvoiceNumber: &number,
		CreatedAt: day("2026-03-05")}
	for _, tc := range []struct{ lang, subject, text string }{
		{"en", "Dupont: answer to your question about invoice F-118",
			"Hello,\n\nOn 5 March 2026 you asked us about invoice F-118:\n\n> Where is my invoice?\n> Thanks\n\nOur answer:\n\nSent again this morning.\n\nKind regards,\nJulie\nDupont\n"},
		{"fr", "Dupont : réponse à votre question au sujet de la facture F-118",
			"Bonjour,\n\nLe 05/03/2026, vous nous avez écrit au sujet de la facture F-118 :\n\n> Where is my invoice?\n> Thanks\n\nNotre réponse :\n\nSent again this morning.\n\nCordialement,\nJulie\nDupont\n"},
	} {
		subject, text := answerEmail(tc.lang, "Dupont", "Julie", "", v)
		if subject != tc.subject || text != tc.text {
			t.Errorf("%s: %q\n%q", tc.lang, subject, text)
		}
	}
}
