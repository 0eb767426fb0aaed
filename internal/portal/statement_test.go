package portal

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/testenv"
)

// samplePage is a page with n invoices and two payments, without a database.
func samplePage(lang string, n int) Page {
	due := day("2026-02-01")
	pg := Page{Lang: lang, Today: day("2026-03-15"), ShowPenalties: true, PenaltyRate: "12,15", IndemnityCents: 4000,
		Org: PageOrg{Name: "Atelier Dupont", BrandColor: "#fab005", Phone: "+33 1 23 45 67 89", Email: "compta@dupont.test",
			IBAN: "FR76 3000 6000 0112 3456 7890 189", BIC: "AGRIFRPPXXX", Reference: "RLC-C-1"},
		Customer: PageCustomer{Name: "Boulangerie Martin", Language: lang, Currency: "EUR"},
		Totals:   PageTotals{Currency: "EUR", CreditCents: 2500}}
	for i := range n {
		inv := PageInvoice{ID: uuid.New(), Number: fmt.Sprintf("F-2026-%04d", i+1), IssueDate: due.AddDate(0, 0, i-30),
			DueDate: due.AddDate(0, 0, i), Currency: "EUR", TotalCents: int64(100000 + i*1000), BalanceCents: int64(100000 + i*1000)}
		inv.DaysLate = max(0, int(pg.Today.Sub(inv.DueDate).Hours()/24))
		inv.Status = StatusNotDue
		if inv.DaysLate > 0 {
			inv.Status, inv.PenaltyCents = StatusLate, 4000+int64(inv.DaysLate)
			pg.Totals.OverdueCents += inv.BalanceCents
		}
		pg.Totals.DueCents += inv.BalanceCents
		pg.Totals.PenaltyCents += inv.PenaltyCents
		pg.Invoices = append(pg.Invoices, inv)
	}
	pg.Totals.OpenInvoices = n
	pg.RecentPayments = []PagePayment{
		{ReceivedOn: day("2026-03-01"), Currency: "EUR", AmountCents: 123456, Method: "sepa_debit", Reference: "+SEPA 1", Invoices: []string{"F-2025-0001"}},
		{ReceivedOn: day("2026-01-10"), Currency: "EUR", AmountCents: 500, Method: "check"},
	}
	return pg
}

func TestStatementCSV(t *testing.T) {
	fr := string(StatementCSVOf(samplePage("fr", 2)))
	// Excel and RFC 4180 want CRLF after every line, the blank one before the totals included.
	for lang, csv := range map[string]string{"fr": fr, "en": string(StatementCSVOf(samplePage("en", 1)))} {
		if !strings.HasSuffix(csv, "\r\n") || strings.Count(csv, "\n") != strings.Count(csv, "\r\n") {
			t.Errorf("%s CSV: a line does not end in CRLF: %q", lang, csv)
		}
	}
	mustContain(t, "French CSV", fr,
		"\ufeffType;Référence;Date;Échéance;Montant;Reste dû;Retard (j);Statut;Pénalités;Devise\r\n",
		"Facture;F-2026-0001;02/01/2026;01/02/2026;1000,00;1000,00;42;En retard de 42 j;40,42;EUR\r\n",
		"Paiement;'+SEPA 1;01/03/2026;;1234,56;;;Prélèvement SEPA : F-2025-0001;;EUR\r\n",
		"Paiement;;10/01/2026;;5,00;;;Chèque;;EUR\r\n",
		"\r\nTotal dû;;;;;2010,00;;;;EUR\r\n",
		"Dont en retard;;;;;2010,00;;;;EUR\r\n",
		"Pénalités;;;;;80,83;;;;EUR\r\n",
		"Avoir disponible;;;;;25,00;;;;EUR\r\n")
	en := string(StatementCSVOf(samplePage("en", 1)))
	mustContain(t, "English CSV", en,
		"\ufeffType,Reference,Date,Due,Amount,Balance,Days late,Status,Penalties,Currency\r\n",
		"Invoice,F-2026-0001,2026-01-02,2026-02-01,1000.00,1000.00,42,42 days late,40.42,EUR\r\n",
		"Payment,'+SEPA 1,2026-03-01,,1234.56,,,SEPA direct debit: F-2025-0001,,EUR\r\n",
		"Total due,,,,,1000.00,,,,EUR\r\n")
	// Without penalties shown, no penalty column.
	pg := samplePage("fr", 1)
	pg.ShowPenalties = false
	if csv := string(StatementCSVOf(pg)); strings.Contains(csv, "Pénalités") || !strings.Contains(csv, ";En retard de 42 j;EUR\r\n") {
		t.Errorf("CSV without penalties:\n%s", csv)
	}
}

func logoPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{uint8(x * 2), 80, 160, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A long statement runs over pages (the table header again on each), with the logo; the same
// page gives the same bytes.
func TestRenderStatement(t *testing.T) {
	pg := samplePage("fr", 70)
	logo := &Logo{Data: logoPNG(t), Type: "PNG"}
	one, err := RenderStatement(pg, logo)
	if err != nil {
		t.Fatal(err)
	}
	two, _ := RenderStatement(pg, logo)
	if !bytes.Equal(one, two) {
		t.Error("two renderings differ")
	}
	text := testenv.PDFText(one)
	if n := strings.Count(text, "(Page "); n < 2 {
		t.Errorf("%d pages, want several", n)
	}
	if n := strings.Count(text, "(Reste d\xfb)"); n < 2 {
		t.Errorf("the table header is drawn %d times", n)
	}
	mustContain(t, "the PDF", text, "F-2026-0001", "F-2026-0070", "Atelier Dupont", "RLC-C-1", "En retard de 42 j",
		"Nous ne changeons jamais nos coordonn\xe9es bancaires par e-mail.", "Pr\xe9l\xe8vement SEPA")
	if !bytes.Contains(one, []byte("/Subtype /Image")) {
		t.Error("no logo")
	}
	// English, an unreadable logo and an empty account still render.
	empty := samplePage("en", 0)
	empty.RecentPayments = nil
	doc, err := RenderStatement(empty, &Logo{Data: []byte("not a png"), Type: "PNG"})
	if err != nil {
		t.Fatal(err)
	}
	if text := testenv.PDFText(doc); !strings.Contains(text, "No open invoice.") || !strings.Contains(text, "Account statement") {
		t.Errorf("empty English statement: %q", text)
	}
}

func TestBrandColors(t *testing.T) {
	brand, ink, on, tint := BrandColors("#FAB005") // a yellow too light for text on white
	if brand != "#fab005" || on != "#ffffff" || tint == brand || contrast(parseHex(ink, stAccent), stWhite) < 4.5 {
		t.Errorf("%s %s %s %s", brand, ink, on, tint)
	}
	if _, ink, _, _ := BrandColors("#1864ab"); ink != "#1864ab" { // dark enough already
		t.Errorf("ink %s", ink)
	}
	if b, _, _, _ := BrandColors("nonsense"); b != "#1c7ed6" {
		t.Errorf("default %s", b)
	}
}

// mustContain fails t for each of wants that got (what: a name for it) lacks.
func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, got)
		}
	}
}
