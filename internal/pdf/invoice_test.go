package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/relance/relance/internal/platform/locale"
)

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func sample(lang string) Invoice {
	return Invoice{
		Language: lang, Number: "F-2025-0042", IssueDate: day("2025-03-05"), DueDate: day("2025-04-04"),
		Seller: Seller{
			Party: Party{Name: "Démo SARL", Line1: "12 rue de la République", PostalCode: "69002", City: "Lyon",
				Country: "FR", Siren: "912345675", VATNumber: "FR52912345675", Email: "compta@demo-sarl.fr"},
			LegalForm: "SARL", CapitalCents: 1_000_000, RCS: "RCS Lyon", IBAN: "FR7630006000011234567890189", BIC: "AGRIFRPPXXX",
		},
		Buyer: Party{Name: "Boulangerie Martin & Fils", Line1: "3 place du Marché", PostalCode: "38000", City: "Grenoble",
			Country: "FR", Siren: "552100554", VATNumber: "FR80552100554"},
		CustomerRef: "C-0007",
		Lines: []Line{
			{Description: "Maintenance informatique — forfait mensuel (mars 2025)", Quantity: 100, UnitCents: 45000, VATRate: 2000},
			{Description: "Intervention technicien sur site", Quantity: 350, UnitCents: 9500, VATRate: 2000},
			{Description: "Ouvrage technique", Quantity: 100, UnitCents: 41750, VATRate: 550},
		},
	}
}

// pageText returns the text drawn on the pages: the content streams, inflated, with the
// cp1252 bytes of the core fonts read back as UTF-8.
func pageText(t *testing.T, doc []byte) string {
	t.Helper()
	var out strings.Builder
	streams := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(doc, -1)
	for _, m := range streams {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not a flate stream
		}
		b, err := io.ReadAll(r)
		if err != nil {
			continue
		}
		for _, c := range b {
			switch {
			case c == 0x80:
				out.WriteRune('€')
			case c == 0xA0:
				out.WriteByte(' ')
			default:
				out.WriteRune(rune(c)) // Latin-1 part of cp1252
			}
		}
	}
	return out.String()
}

func TestRenderInvoice(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		wants []string
	}{
		{"fr", []string{"FACTURE", "F-2025-0042", "Net à payer", "1 379,46 €", "05/03/2025", "04/04/2025",
			"TVA 5,5 %", "taux BCE + 10 points", "40 €", "L441-10 et D441-5", "FR76 3000 6000 0112 3456 7890 189",
			"Paiement à 30 jours date de facture", "SARL au capital de 10 000 €"}},
		{"en", []string{"INVOICE", "F-2025-0042", "Amount due", "€1,379.46", "5 March 2025", "Total incl. VAT",
			"ECB rate + 10 percentage points", "€40", "share capital of €10,000 "}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			doc, err := RenderInvoice(sample(tc.lang))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(doc, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(doc), []byte("%%EOF")) {
				t.Fatalf("not a complete PDF: %q … %q", doc[:8], doc[len(doc)-8:])
			}
			text := pageText(t, doc)
			for _, want := range tc.wants {
				if !strings.Contains(text, want) {
					t.Errorf("the page does not show %q", want)
				}
			}
			again, _ := RenderInvoice(sample(tc.lang))
			if !bytes.Equal(doc, again) {
				t.Error("two renderings of the same invoice differ")
			}
		})
	}
}

func TestTotals(t *testing.T) {
	got := sample("fr").Totals()
	// 450.00 + 3.5 × 95.00 = 782.50 at 20 % (156.50), 417.50 at 5.5 % (22.96 after rounding 22.9625).
	want := Totals{HTCents: 120000, VATCents: 15650 + 2296, TTCCents: 120000 + 15650 + 2296}
	if got.HTCents != want.HTCents || got.VATCents != want.VATCents || got.TTCCents != want.TTCCents {
		t.Fatalf("totals %+v, want %+v", got, want)
	}
	if len(got.ByRate) != 2 || got.ByRate[0].Rate != 2000 || got.ByRate[1].BaseCents != 41750 {
		t.Fatalf("breakdown %+v", got.ByRate)
	}
}

func TestManyLinesContinueOnANewPage(t *testing.T) {
	inv := sample("fr")
	for len(inv.Lines) < 60 {
		inv.Lines = append(inv.Lines, Line{Description: "Fournitures de bureau : ramettes de papier A4 80 g, lot de 5",
			Quantity: 200, UnitCents: 2490, VATRate: 2000})
	}
	doc, err := RenderInvoice(inv)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(doc, []byte("/Type /Page\n")); n < 2 {
		t.Fatalf("%d page(s) for 60 lines", n)
	}
	if !strings.Contains(pageText(t, doc), "Page 2/") {
		t.Error("no page number on the second page")
	}
}

func TestRenderInvoiceRefusesAnEmptyInvoice(t *testing.T) {
	if _, err := RenderInvoice(Invoice{Number: "F-1"}); err == nil {
		t.Fatal("an invoice without lines, dates or parties was rendered")
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{locale.Money(124000, "EUR", "fr"), "1\u00a0240,00\u00a0€"},
		{locale.Money(124000, "EUR", "en"), "€1,240.00"},
		{locale.Money(-5, "EUR", "fr"), "-0,05\u00a0€"},
		{locale.Money(123456789, "CHF", "fr"), "1\u00a0234\u00a0567,89\u00a0CHF"},
		{locale.Money(99, "EUR", "fr"), "0,99\u00a0€"},
		{locale.Rate(550, "fr"), "5,5\u00a0%"},
		{locale.Rate(2000, "en"), "20%"},
		{locale.Quantity(150, "fr"), "1,5"},
		{locale.Quantity(1200, "en"), "12"},
		{locale.Date(day("2025-03-05"), "fr"), "05/03/2025"},
		{locale.IBAN("FR7630006000011234567890189"), "FR76 3000 6000 0112 3456 7890 189"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func BenchmarkRenderInvoice(b *testing.B) {
	inv := sample("fr")
	for b.Loop() {
		if _, err := RenderInvoice(inv); err != nil {
			b.Fatal(err)
		}
	}
}
