package pdf

import (
	"fmt"
	"strings"

	"github.com/relance/relance/internal/platform/locale"
)

// Page geometry (millimetres, A4) and colours.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	contentW     = pageW - 2*margin
	footerTop    = pageH - 16
)

var (
	accent    = RGB{31, 58, 95}
	accentBg  = RGB{232, 238, 245}
	rowBg     = RGB{247, 248, 250}
	textColor = RGB{33, 37, 41}
	muted     = RGB{108, 117, 125}
	rule      = RGB{206, 212, 218}
)

// Table columns: description, quantity, unit price, VAT rate, amount.
var columns = [...]float64{84, 16, 28, 18, 28}

// writer draws one invoice.
type writer struct {
	Document
	inv Invoice
	l   labels
	t   Totals
	y   float64 // where the next block starts
}

// RenderInvoice draws the invoice on A4 pages and returns the PDF. The same invoice always gives
// the same bytes: the document's dates are its issue date.
func RenderInvoice(inv Invoice) ([]byte, error) {
	if err := inv.validate(); err != nil {
		return nil, err
	}
	l := labelsFor(inv.Language)
	w := &writer{Document: NewDocument(Meta{Date: inv.IssueDate, Author: inv.Seller.Name,
		Title: strings.ToLower(l.Title) + " " + inv.Number, Lang: inv.Language, Margin: margin}),
		inv: inv, l: l, t: inv.Totals()}
	w.F.SetFooterFunc(w.footer)
	w.F.AddPage()
	w.header()
	w.parties()
	w.table()
	w.totals()
	w.payment()
	out, err := w.Bytes()
	if err != nil {
		return nil, fmt.Errorf("pdf: invoice %s: %w", inv.Number, err)
	}
	return out, nil
}

// text writes s in a cell of width cw at the current position.
func (w *writer) text(cw, h float64, s, align string, fill bool) {
	w.F.CellFormat(cw, h, w.Tr(s), "", 0, align, fill, 0, "")
}

// at writes s at (x, y) in a cell of width cw.
func (w *writer) at(x, y, cw, h float64, s, align string) {
	w.F.SetXY(x, y)
	w.text(cw, h, s, align, false)
}

// wrap splits s into lines no wider than width in the current font (fpdf's SplitText cannot
// measure characters outside Latin-1, such as €).
func (w *writer) wrap(s string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := strings.TrimSpace(line + " " + word)
			if line != "" && w.F.GetStringWidth(w.Tr(try)) > width {
				lines = append(lines, line)
				try = word
			}
			line = try
		}
		lines = append(lines, line)
	}
	return lines
}

// paragraph writes s wrapped to width from (x, y) and returns the y below it.
func (w *writer) paragraph(x, y, width, h float64, s string) float64 {
	for _, line := range w.wrap(s, width) {
		w.at(x, y, width, h, line, "L")
		y += h
	}
	return y
}

// addressLines are a party's postal lines, the country only when abroad.
func addressLines(p Party) []string {
	var out []string
	for _, s := range []string{p.Line1, p.Line2, strings.TrimSpace(p.PostalCode + " " + p.City)} {
		if s != "" {
			out = append(out, s)
		}
	}
	if name, ok := countryNames[p.Country]; ok && p.Country != "FR" {
		out = append(out, name)
	} else if p.Country != "" && p.Country != "FR" {
		out = append(out, p.Country)
	}
	return out
}

var countryNames = map[string]string{"BE": "BELGIQUE", "CH": "SUISSE", "LU": "LUXEMBOURG", "DE": "ALLEMAGNE",
	"ES": "ESPAGNE", "IT": "ITALIE", "IE": "IRELAND", "GB": "UNITED KINGDOM", "NL": "NETHERLANDS"}

// header draws the seller (top left) and the title with the invoice's references (top right).
func (w *writer) header() {
	f, s := w.F, w.inv.Seller
	w.Fill(accent)
	f.Rect(0, 0, pageW, 4, "F")
	w.monogram(s.Name)
	w.Color(accent)
	w.Font("B", 17)
	w.at(margin+15, 14, 90, 8, s.Name, "L")
	w.Color(muted)
	w.Font("", 8.5)
	y := 23.0
	lines := addressLines(s.Party)
	if s.Siren != "" {
		lines = append(lines, w.l.Siren+" "+locale.SIREN(s.Siren))
	}
	if s.VATNumber != "" {
		lines = append(lines, w.l.VAT+" "+s.VATNumber)
	}
	for _, c := range []string{s.Phone, s.Email} {
		if c != "" {
			lines = append(lines, c)
		}
	}
	for _, line := range lines {
		w.at(margin+15, y, 90, 4, line, "L")
		y += 4
	}

	right := pageW - margin
	w.Color(accent)
	w.Font("B", 24)
	w.at(right-80, 12, 80, 10, w.l.Title, "R")
	refs := [][2]string{
		{w.l.Number, w.inv.Number},
		{w.l.IssueDate, locale.Date(w.inv.IssueDate, w.inv.Language)},
		{w.l.DueDate, locale.Date(w.inv.DueDate, w.inv.Language)},
	}
	if w.inv.CustomerRef != "" {
		refs = append(refs, [2]string{w.l.CustomerRef, w.inv.CustomerRef})
	}
	if w.inv.OrderRef != "" {
		refs = append(refs, [2]string{w.l.OrderRef, w.inv.OrderRef})
	}
	y = 24
	for _, r := range refs {
		w.Color(muted)
		w.Font("", 9)
		w.at(right-80, y, 44, 5, r[0], "R")
		w.Color(textColor)
		w.Font("B", 9)
		w.at(right-35, y, 35, 5, r[1], "R")
		y += 5
	}
}

// parties draws the buyer's block where a window envelope shows it.
func (w *writer) parties() {
	f, b := w.F, w.inv.Buyer
	x, y, bw := 112.0, 54.0, pageW-margin-112.0
	lines := addressLines(b)
	var ids []string
	if b.Siren != "" {
		ids = append(ids, w.l.Siren+" "+locale.SIREN(b.Siren))
	}
	if b.VATNumber != "" {
		ids = append(ids, w.l.VAT+" "+b.VATNumber)
	}
	h := 15 + 4.5*float64(len(lines)) + 3.8*float64(len(ids))
	w.Fill(rowBg)
	w.Draw(rule)
	f.SetLineWidth(0.2)
	f.RoundedRect(x, y, bw, h, 1.5, "1234", "FD")
	w.Color(muted)
	w.Font("", 7.5)
	w.at(x+4, y+3, bw-8, 4, strings.ToUpper(w.l.BillTo), "L")
	w.Color(textColor)
	w.Font("B", 10.5)
	w.at(x+4, y+8, bw-8, 5, b.Name, "L")
	w.Font("", 9.5)
	yy := y + 13.5
	for _, line := range lines {
		w.at(x+4, yy, bw-8, 4.5, line, "L")
		yy += 4.5
	}
	w.Color(muted)
	w.Font("", 8)
	yy += 0.5
	for _, id := range ids {
		w.at(x+4, yy, bw-8, 3.8, id, "L")
		yy += 3.8
	}
	w.y = max(y+h+10, 100)
}

// monogram draws the seller's initials in a square, where a logo would be.
func (w *writer) monogram(name string) {
	initials := ""
	for _, word := range strings.Fields(name) {
		if r := []rune(word)[0]; len(initials) < 2 && r >= 'A' && r <= 'Z' {
			initials += string(r)
		}
	}
	w.Fill(accent)
	w.F.RoundedRect(margin, 13, 12, 12, 2, "1234", "F")
	w.F.SetTextColor(255, 255, 255)
	w.Font("B", 12)
	w.at(margin, 13, 12, 12, initials, "C")
}
