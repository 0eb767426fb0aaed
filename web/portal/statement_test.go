package portal_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relance/relance/internal/portal"
	"github.com/relance/relance/internal/testenv"
	"github.com/relance/relance/web/webtest"
)

// The statement: CSV for French Excel (BOM, semicolons, decimal commas) or English, and a PDF
// with the invoices, payments and totals.
func TestPortalStatement(t *testing.T) {
	t.Parallel()
	f := newPortal(t)
	f.settings()
	today := webtest.ParisToday()
	d := webtest.Day
	a := f.Invoice("F-2026-001", d(-40), d(-10), 150000)
	f.Invoice("F-2026-002", d(-5), d(25), 90050)
	f.E.Call("POST", "/api/v1/payments", f.Token, map[string]any{"customer_id": f.Customer.ID, "received_on": d(-3),
		"amount_cents": 25000, "method": "transfer", "reference": "=VIR MARTIN", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": a.ID, "amount_cents": 25000}}}).Expect(http.StatusCreated)
	page := f.link(f.p, f.Customer.ID, "")
	// Penalties at a contract rate rather than the ECB's of the day, so that the figures below stay true.
	f.E.Call("GET", "/api/v1/dunning/settings", f.Token, nil).Expect(http.StatusOK) // installs the defaults
	f.exec(`UPDATE dunning_settings SET show_penalties = true, contract_rate = 12, indemnity_cents = 4000 WHERE organization_id = ?`,
		f.p.OrganizationID)

	r := f.E.Browse("192.0.2.40", "GET", page+"/statement.csv", nil).Expect(http.StatusOK)
	if ct := r.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	if cd := r.Header().Get("Content-Disposition"); !strings.Contains(cd, `attachment; filename="releve-boulangerie-martin-`) {
		t.Errorf("disposition %q", cd)
	}
	// Every line ends in CRLF, and each cell is what a person redoing the sums by hand finds. The
	// penalty of F-2026-001 at the contract rate of 12 %: 1 250,00 € × 12 % × 10 days / 365 =
	// 4,1096 € → 4,11 €, plus the 40,00 € recovery indemnity = 44,11 €. F-2026-002 is not late.
	fr := func(days int) string { return today.AddDate(0, 0, days).Format("02/01/2006") }
	expectCSV(t, r.Body.String(), []string{
		"\ufeffType;Référence;Date;Échéance;Montant;Reste dû;Retard (j);Statut;Pénalités;Devise",
		"Facture;F-2026-001;" + fr(-40) + ";" + fr(-10) + ";1500,00;1250,00;10;En retard de 10 j;44,11;EUR",
		"Facture;F-2026-002;" + fr(-5) + ";" + fr(25) + ";900,50;900,50;0;À échoir;;EUR",
		"Paiement;'=VIR MARTIN;" + fr(-3) + ";;250,00;;;Virement : F-2026-001;;EUR",
		"",
		"Total dû;;;;;2150,50;;;;EUR",
		"Dont en retard;;;;;1250,00;;;;EUR",
		"Pénalités;;;;;44,11;;;;EUR",
		"Avoir disponible;;;;;0,00;;;;EUR",
	})
	en := f.E.Browse("192.0.2.40", "GET", page+"/statement.csv?lang=en", nil).Expect(http.StatusOK).Body.String()
	expectCSV(t, en, []string{
		"\ufeffType,Reference,Date,Due,Amount,Balance,Days late,Status,Penalties,Currency",
		"Invoice,F-2026-001," + d(-40) + "," + d(-10) + ",1500.00,1250.00,10,10 days late,44.11,EUR",
		"Invoice,F-2026-002," + d(-5) + "," + d(25) + ",900.50,900.50,0,Not yet due,,EUR",
		"Payment,'=VIR MARTIN," + d(-3) + ",,250.00,,,Transfer: F-2026-001,,EUR",
		"",
		"Total due,,,,,2150.50,,,,EUR",
		"Overdue,,,,,1250.00,,,,EUR",
		"Penalties,,,,,44.11,,,,EUR",
		"Credit available,,,,,0.00,,,,EUR",
	})

	p := f.E.Browse("192.0.2.40", "GET", page+"/statement.pdf", nil).Expect(http.StatusOK)
	if p.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(p.Body.Bytes(), []byte("%PDF-")) {
		t.Fatalf("statement PDF: %v", p.Header())
	}
	text := testenv.PDFText(p.Body.Bytes())
	for _, s := range []string{"Relev\xe9 de compte", "Acme", "Boulangerie Martin", "RLC-C-1", "F-2026-001", "F-2026-002",
		"1\xa0500,00\xa0\x80", "1\xa0250,00\xa0\x80", "2\xa0150,50\xa0\x80", "=VIR MARTIN", "FR76 3000 6000 0112 3456 7890 189",
		"Total d\xfb", "En retard de 10 j", "Nous ne changeons jamais nos coordonn\xe9es bancaires par e-mail."} {
		if !strings.Contains(text, s) {
			t.Errorf("statement PDF lacks %q", s)
		}
	}
	if n := f.activities("portal_document_downloaded"); n != 3 {
		t.Errorf("%d statement downloads on the timeline, want 3", n)
	}
}

// expectCSV checks a CSV line by line, each ended by CRLF (Excel and RFC 4180), none by a bare LF.
func expectCSV(t *testing.T, csv string, lines []string) {
	t.Helper()
	if !strings.HasSuffix(csv, "\r\n") || strings.Count(csv, "\n") != strings.Count(csv, "\r\n") {
		t.Errorf("not every line ends in CRLF: %q", csv)
	}
	got := strings.Split(strings.TrimSuffix(csv, "\r\n"), "\r\n")
	for i := range max(len(got), len(lines)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(lines) {
			w = lines[i]
		}
		if g != w {
			t.Errorf("CSV line %d = %q, want %q", i+1, g, w)
		}
	}
}

// TestPortalScreenshots photographs the page with Chromium at phone and desktop widths, with and
// without online payment, in French and English, when RELANCE_PORTAL_SCREENSHOTS names a folder:
//
//	RELANCE_PORTAL_SCREENSHOTS=/tmp go test ./api -run TestPortalScreenshots
func TestPortalScreenshots(t *testing.T) {
	t.Parallel()
	dir := os.Getenv("RELANCE_PORTAL_SCREENSHOTS")
	if dir == "" {
		t.Skip("set RELANCE_PORTAL_SCREENSHOTS to a folder")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no chromium")
	}
	f := newPortal(t)
	f.settings()
	f.Contact("claire@martin.test")
	d := webtest.Day
	late := f.Invoice("F-2026-0118", d(-45), d(-15), 124000)
	f.Invoice("F-2026-0131", d(-20), d(10), 86040)
	disputed := f.Invoice("F-2026-0097", d(-70), d(-40), 31200)
	promised := f.Invoice("F-2026-0104", d(-60), d(-30), 54000)
	paid := f.Invoice("F-2025-0871", d(-100), d(-70), 99000)
	f.attachPDF(f.p, late.ID)
	f.E.Call("POST", "/api/v1/payments", f.Token, map[string]any{"customer_id": f.Customer.ID, "received_on": d(-12),
		"amount_cents": 104000, "method": "transfer", "reference": "VIR BOULANGERIE MARTIN F-2025-0871", "allocation": "manual",
		"allocations": []map[string]any{{"invoice_id": paid.ID, "amount_cents": 99000}, {"invoice_id": late.ID, "amount_cents": 5000}}}).
		Expect(http.StatusCreated)
	f.E.Call("POST", "/api/v1/disputes", f.Token, map[string]any{"customer_id": f.Customer.ID, "invoice_ids": []string{disputed.ID},
		"reason": "wrong_amount"}).Expect(http.StatusCreated)
	f.E.Call("POST", "/api/v1/promises", f.Token, map[string]any{"customer_id": f.Customer.ID, "invoice_ids": []string{promised.ID},
		"promised_on": d(6), "method": "transfer"}).Expect(http.StatusCreated)
	page := f.link(f.p, f.Customer.ID, "claire@martin.test")

	srv := httptest.NewServer(f.E.Srv)
	defer srv.Close()
	shoot := func(name, path string, width int) {
		out := filepath.Join(dir, name+".png")
		cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
			"--screenshot="+out, fmt.Sprintf("--window-size=%d,%d", width, 9000-width*4), srv.URL+path)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("chromium: %v: %s", err, b)
		}
		t.Log("screenshot", out)
	}
	shoot("portal-390", page, 390)
	shoot("portal-1280", page, 1280)
	shoot("portal-en-1280", page+"?lang=en", 1280)
	shoot("portal-expired-390", "/p/"+strings.Repeat("z", 43), 390)

	// With online payment.
	a := f.E.App
	a.Portal = portal.NewService(portal.Options{DB: a.DB, Files: a.Files, Ledger: a.Ledger, Dunning: a.Dunning,
		BaseURL: a.Config.BaseURL, PaymentsEnabled: true})
	shoot("portal-pay-390", page, 390)
	shoot("portal-pay-1280", page, 1280)
	st := f.E.Browse("127.0.0.1", "GET", page+"/statement.pdf", nil).Expect(http.StatusOK)
	if err := os.WriteFile(filepath.Join(dir, "statement.pdf"), st.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
