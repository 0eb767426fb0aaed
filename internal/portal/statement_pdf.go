package portal

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"github.com/relance/relance/internal/pdf"
	"github.com/relance/relance/internal/platform/locale"
)

// The account statement as an A4 PDF (Statement's "pdf" format), drawn with fpdf.

// The statement's page geometry (millimetres, A4).
const (
	stPageW, stPageH = 210.0, 297.0
	stMargin         = 16.0
	stContentW       = stPageW - 2*stMargin
	stBottom         = stPageH - 24 // rows stop here; the footer is below
)

var (
	stText   = rgb(33, 37, 41)
	stMuted  = rgb(96, 104, 112)
	stRule   = rgb(206, 212, 218)
	stRowBg  = rgb(247, 248, 250)
	stLate   = rgb(176, 32, 32)
	stWhite  = rgb(255, 255, 255)
	stAccent = rgb(28, 126, 214)
)

// stWriter draws one statement.
type stWriter struct {
	pdf.Document
	pg    Page
	brand pdf.RGB // the organisation's colour
	ink   pdf.RGB // the brand colour dark enough for text on white
	tint  pdf.RGB // a light tint of it for backgrounds
}

// RenderStatement draws the statement of a page on A4 pages. The same page gives the same bytes.
func RenderStatement(pg Page, logo *Logo) ([]byte, error) {
	brand := parseHex(pg.Org.BrandColor, stAccent)
	w := &stWriter{Document: pdf.NewDocument(pdf.Meta{Date: pg.Today, Author: pg.Org.Name,
		Title: Text(pg.Lang, "st_title") + " " + pg.Customer.Name, Lang: pg.Lang, Margin: stMargin}),
		pg: pg, brand: brand, ink: inkOf(brand), tint: mix(brand, stWhite, 0.88)}
	f := w.F
	f.SetFooterFunc(w.footer)
	f.AddPage()
	w.header(logo)
	w.summary()
	w.invoices()
	w.payments()
	w.transfer()
	out, err := w.Bytes()
	if err != nil {
		return nil, fmt.Errorf("portal: statement: %w", err)
	}
	return out, nil
}

func (w *stWriter) t(key string, args ...any) string { return Text(w.pg.Lang, key, args...) }
func (w *stWriter) money(c int64) string             { return locale.Money(c, w.pg.Totals.Currency, w.pg.Lang) }

// cell writes one line of text in a box, cut with an ellipsis when it does not fit.
func (w *stWriter) cell(width, height float64, s, align string, fill bool) {
	w.F.CellFormat(width, height, w.fit(s, width-2), "", 0, align, fill, 0, "")
}

func (w *stWriter) fit(s string, width float64) string {
	t := w.Tr(s)
	if w.F.GetStringWidth(t) <= width {
		return t
	}
	for utf8.RuneCountInString(s) > 1 {
		r := []rune(s)
		s = string(r[:len(r)-1])
		if t = w.Tr(s + "…"); w.F.GetStringWidth(t) <= width {
			return t
		}
	}
	return t
}

// ensure starts a new page when h millimetres do not fit; it reports whether it did.
func (w *stWriter) ensure(h float64) bool {
	if w.F.GetY()+h <= stBottom {
		return false
	}
	w.F.AddPage()
	w.F.SetY(stMargin)
	return true
}

func (w *stWriter) header(logo *Logo) {
	f := w.F
	w.Fill(w.brand)
	f.Rect(0, 0, stPageW, 5, "F")
	x := stMargin
	if logo != nil {
		opts := fpdf.ImageOptions{ImageType: logo.Type, ReadDpi: false}
		info := f.RegisterImageOptionsReader("logo", opts, bytes.NewReader(logo.Data))
		if f.Ok() && info != nil && info.Height() > 0 {
			h := 14.0
			wd := min(h*info.Width()/info.Height(), 50)
			f.ImageOptions("logo", x, 12, wd, 0, false, opts, 0, "")
			x += wd + 4
		} else {
			f.ClearError() // a logo fpdf cannot read is left out
		}
	}
	f.SetXY(x, 12)
	w.Font("B", 15)
	w.Color(stText)
	f.CellFormat(110-x+stMargin, 7, w.fit(w.pg.Org.Name, 110-x+stMargin), "", 2, "L", false, 0, "")
	w.Font("", 9)
	w.Color(stMuted)
	var contact []string
	if w.pg.Org.Phone != "" {
		contact = append(contact, w.pg.Org.Phone)
	}
	if w.pg.Org.Email != "" {
		contact = append(contact, w.pg.Org.Email)
	}
	if len(contact) > 0 {
		f.SetX(x)
		f.CellFormat(110-x+stMargin, 5, w.fit(strings.Join(contact, "  ·  "), 110-x+stMargin), "", 2, "L", false, 0, "")
	}
	// Title on the right.
	f.SetXY(stPageW-stMargin-70, 12)
	w.Font("B", 17)
	w.Color(w.ink)
	f.CellFormat(70, 8, w.Tr(w.t("st_title")), "", 2, "R", false, 0, "")
	f.SetX(stPageW - stMargin - 70)
	w.Font("", 10)
	w.Color(stText)
	f.CellFormat(70, 5, w.Tr(w.t("st_as_of", locale.DateShort(w.pg.Today, w.pg.Lang))), "", 2, "R", false, 0, "")

	// Customer.
	f.SetY(34)
	w.Draw(stRule)
	f.Line(stMargin, 32, stPageW-stMargin, 32)
	w.Font("", 8)
	w.Color(stMuted)
	f.CellFormat(stContentW/2, 4, w.Tr(strings.ToUpper(w.t("st_customer"))), "", 0, "L", false, 0, "")
	f.CellFormat(stContentW/2, 4, w.Tr(strings.ToUpper(w.t("reference"))), "", 1, "R", false, 0, "")
	w.Font("B", 11)
	w.Color(stText)
	f.CellFormat(stContentW/2, 6, w.fit(w.pg.Customer.Name, stContentW/2), "", 0, "L", false, 0, "")
	f.CellFormat(stContentW/2, 6, w.Tr(w.pg.Org.Reference), "", 1, "R", false, 0, "")
	f.Ln(4)
}

// summary draws the totals as a row of boxes.
func (w *stWriter) summary() {
	f := w.F
	type box struct {
		label, value string
		late         bool
	}
	t := w.pg.Totals
	boxes := []box{{w.t("st_total_due"), w.money(t.DueCents), false},
		{w.t("overdue"), w.money(t.OverdueCents), t.OverdueCents > 0}}
	if t.OldestDue != nil {
		boxes = append(boxes, box{w.t("oldest_due"), locale.DateShort(*t.OldestDue, w.pg.Lang), false})
	}
	boxes = append(boxes, box{w.t("credit"), w.money(t.CreditCents), false})
	gap := 3.0
	bw := (stContentW - gap*float64(len(boxes)-1)) / float64(len(boxes))
	y := f.GetY()
	for i, b := range boxes {
		x := stMargin + float64(i)*(bw+gap)
		w.Fill(w.tint)
		f.Rect(x, y, bw, 17, "F")
		f.SetXY(x+3, y+2.5)
		w.Font("", 8)
		w.Color(stMuted)
		f.CellFormat(bw-6, 4, w.fit(b.label, bw-6), "", 2, "L", false, 0, "")
		f.SetX(x + 3)
		w.Font("B", 12)
		w.Color(stText)
		if b.late {
			w.Color(stLate)
		}
		f.CellFormat(bw-6, 7, w.fit(b.value, bw-6), "", 0, "L", false, 0, "")
	}
	f.SetXY(stMargin, y+17+3)
	if w.pg.ShowPenalties && t.PenaltyCents > 0 {
		w.Font("", 8.5)
		w.Color(stMuted)
		f.CellFormat(stContentW, 5, w.Tr(w.t("penalties_total")+colon(w.pg.Lang)+w.money(t.PenaltyCents)), "", 1, "L", false, 0, "")
	}
	f.Ln(3)
}

// section writes a section title.
func (w *stWriter) section(title string) {
	w.ensure(20)
	w.Font("B", 11)
	w.Color(w.ink)
	w.F.CellFormat(stContentW, 7, w.Tr(title), "", 1, "L", false, 0, "")
}

// table draws a header row then the rows, repeating the header on each new page; amounts
// are right-aligned (align per column).
func (w *stWriter) table(cols []float64, align string, head []string, rows [][]string, late []bool) {
	f := w.F
	drawHead := func() {
		w.Fill(w.tint)
		w.Color(stText)
		w.Font("B", 8.5)
		for i, h := range head {
			w.cell(cols[i], 7, h, string(align[i]), true)
		}
		f.Ln(-1)
	}
	drawHead()
	w.Font("", 9)
	for r, row := range rows {
		if w.ensure(6.5) {
			drawHead()
			w.Font("", 9)
		}
		w.Fill(stRowBg)
		w.Color(stText)
		for i, c := range row {
			if i == len(row)-1 && late != nil && late[r] {
				w.Color(stLate)
			}
			w.cell(cols[i], 6.5, c, string(align[i]), r%2 == 1)
		}
		f.Ln(-1)
	}
	w.Draw(stRule)
	f.Line(stMargin, f.GetY(), stPageW-stMargin, f.GetY())
}

// begin starts a section (its title's key) of rows rows, and says whether it has any: when it
// has none, it writes the sentence (key none) saying so.
func (w *stWriter) begin(title string, rows int, none string) bool {
	w.section(w.t(title))
	if rows == 0 {
		w.Font("", 9.5)
		w.Color(stMuted)
		w.F.CellFormat(stContentW, 7, w.Tr(w.t(none)), "", 1, "L", false, 0, "")
		w.F.Ln(4)
	}
	return rows > 0
}

func (w *stWriter) invoices() {
	if !w.begin("st_invoices", len(w.pg.Invoices), "st_no_invoices") {
		return
	}
	lang := w.pg.Lang
	head := []string{w.t("col_number"), w.t("col_issue"), w.t("col_due"), w.t("col_total"), w.t("col_balance")}
	cols := []float64{28, 20, 20, 25, 25}
	align := "LLLRR"
	if w.pg.ShowPenalties {
		head = append(head, w.t("col_penalties"))
		cols = append(cols, 20)
		align += "R"
	}
	head = append(head, w.t("col_status"))
	used := 0.0
	for _, c := range cols {
		used += c
	}
	cols = append(cols, stContentW-used)
	align += "L"
	var rows [][]string
	var late []bool
	for _, inv := range w.pg.Invoices {
		row := []string{inv.Number, locale.DateShort(inv.IssueDate, lang), locale.DateShort(inv.DueDate, lang),
			locale.Money(inv.TotalCents, inv.Currency, lang), locale.Money(inv.BalanceCents, inv.Currency, lang)}
		if w.pg.ShowPenalties {
			p := ""
			if inv.PenaltyCents > 0 {
				p = locale.Money(inv.PenaltyCents, inv.Currency, lang)
			}
			row = append(row, p)
		}
		rows = append(rows, append(row, inv.Badge(lang)))
		late = append(late, inv.Status == StatusLate)
	}
	w.table(cols, align, head, rows, late)
	// Total line under the balance column.
	w.ensure(8)
	w.Font("B", 9.5)
	w.Color(stText)
	w.F.CellFormat(cols[0]+cols[1]+cols[2]+cols[3], 7, w.Tr(w.t("st_total_due")), "", 0, "R", false, 0, "")
	w.F.CellFormat(cols[4], 7, w.Tr(w.money(w.pg.Totals.DueCents)), "", 1, "R", false, 0, "")
	w.F.Ln(4)
}

func (w *stWriter) payments() {
	if !w.begin("st_payments", len(w.pg.RecentPayments), "no_payments") {
		return
	}
	lang := w.pg.Lang
	head := []string{w.t("col_date"), w.t("col_method"), w.t("col_ref"), w.t("col_settled"), w.t("col_amount")}
	cols := []float64{22, 32, 54, 44, stContentW - 152}
	var rows [][]string
	for _, p := range w.pg.RecentPayments {
		rows = append(rows, []string{locale.DateShort(p.ReceivedOn, lang), MethodName(p.Method, lang), p.Reference,
			strings.Join(p.Invoices, ", "), locale.Money(p.AmountCents, p.Currency, lang)})
	}
	w.table(cols, "LLLLR", head, rows, nil)
	w.F.Ln(5)
}

// transfer draws the bank details to pay by transfer.
func (w *stWriter) transfer() {
	f := w.F
	o := w.pg.Org
	lines := [][2]string{{w.t("beneficiary"), o.Name}}
	if o.IBAN != "" {
		lines = append(lines, [2]string{w.t("iban"), o.IBAN})
		if o.BIC != "" {
			lines = append(lines, [2]string{w.t("bic"), o.BIC})
		}
	}
	lines = append(lines, [2]string{w.t("reference"), o.Reference})
	h := 9 + 5.5*float64(len(lines)) + 10
	w.ensure(h)
	y := f.GetY()
	w.Draw(w.brand)
	f.SetLineWidth(0.4)
	f.Rect(stMargin, y, stContentW, h-3, "D")
	f.SetLineWidth(0.2)
	f.SetXY(stMargin+4, y+3)
	w.Font("B", 10.5)
	w.Color(w.ink)
	f.CellFormat(stContentW-8, 6, w.Tr(w.t("transfer_title")), "", 2, "L", false, 0, "")
	for _, l := range lines {
		f.SetX(stMargin + 4)
		w.Font("", 9)
		w.Color(stMuted)
		f.CellFormat(42, 5.5, w.Tr(l[0]), "", 0, "L", false, 0, "")
		w.Font("B", 9.5)
		w.Color(stText)
		f.CellFormat(stContentW-50, 5.5, w.fit(l[1], stContentW-50), "", 2, "L", false, 0, "")
	}
	f.SetX(stMargin + 4)
	w.Font("", 8.5)
	w.Color(stMuted)
	hint := w.t("transfer_hint")
	if o.IBAN == "" {
		hint = w.t("no_bank")
	}
	f.CellFormat(stContentW-8, 5.5, w.Tr(hint), "", 2, "L", false, 0, "")
}

func (w *stWriter) footer() {
	f := w.F
	f.SetY(stPageH - 20)
	w.Draw(stRule)
	f.Line(stMargin, f.GetY(), stPageW-stMargin, f.GetY())
	f.Ln(1.5)
	w.Font("", 7.5)
	w.Color(stMuted)
	lines := []string{w.t("footer_bank") + " " + w.t("footer_transparency", w.pg.Org.Name)}
	if w.pg.ShowPenalties {
		lines = append(lines, w.termsLine())
	}
	for _, l := range lines {
		f.MultiCell(stContentW-22, 3.4, w.Tr(l), "", "L", false)
	}
	f.SetXY(stPageW-stMargin-20, stPageH-18.5)
	f.CellFormat(20, 3.4, w.Tr(w.t("st_page", f.PageNo())), "", 0, "R", false, 0, "")
}

func (w *stWriter) termsLine() string { return TermsLine(w.pg) }

// TermsLine is the late-payment terms sentence of a page ("" when the settings hide penalties).
func TermsLine(pg Page) string {
	if !pg.ShowPenalties {
		return ""
	}
	if pg.IndemnityCents > 0 {
		return Text(pg.Lang, "footer_terms", pg.PenaltyRate, locale.Money(pg.IndemnityCents, "EUR", pg.Lang))
	}
	return Text(pg.Lang, "footer_terms_rate", pg.PenaltyRate)
}

// parseHex reads "#1c7ed6"; def when it cannot.
func parseHex(s string, def pdf.RGB) pdf.RGB {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return def
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return def
	}
	return rgb(int(v>>16&0xff), int(v>>8&0xff), int(v&0xff))
}

// mix blends a towards b by t (0 = a, 1 = b).
func mix(a, b pdf.RGB, t float64) pdf.RGB {
	m := func(x, y int) int { return int(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return rgb(m(a.R, b.R), m(a.G, b.G), m(a.B, b.B))
}

// inkOf darkens c until text in it on white reaches the WCAG AA contrast (4.5:1).
func inkOf(c pdf.RGB) pdf.RGB {
	for i := 0; i < 20 && contrast(c, stWhite) < 4.5; i++ {
		c = mix(c, rgb(0, 0, 0), 0.12)
	}
	return c
}

func luminance(c pdf.RGB) float64 {
	ch := func(v int) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

func contrast(a, b pdf.RGB) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// colon is ": " in English and " : " in French.
func colon(lang string) string {
	if lang == "en" {
		return ": "
	}
	return "\u00a0: "
}

// BrandColors derives from an organisation's colour ("#1c7ed6") what a page needs: the colour
// itself, a version dark enough for text and buttons on white (WCAG AA), the text colour to
// write on that version, and a light tint for backgrounds; each as "#rrggbb".
func BrandColors(hex string) (brand, ink, onInk, tint string) {
	c := parseHex(hex, stAccent)
	k := inkOf(c)
	return c.Hex(), k.Hex(), stWhite.Hex(), mix(c, stWhite, 0.9).Hex()
}

func rgb(r, g, b int) pdf.RGB { return pdf.RGB{R: r, G: g, B: b} }
