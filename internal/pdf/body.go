package pdf

import (
	"strings"

	"github.com/relance/relance/internal/platform/locale"
)

const (
	rowLine   = 4.4 // height of one line of text in a table row
	rowPad    = 3.0 // vertical padding of a table row
	headRowH  = 8.0
	bottomGap = 12.0 // kept free above the footer
)

// tableHeader draws the column titles at y and returns the y below them.
func (w *writer) tableHeader(y float64) float64 {
	w.Fill(accent)
	w.F.SetTextColor(255, 255, 255)
	w.Font("B", 8.5)
	w.F.Rect(margin, y, contentW, headRowH, "F")
	w.at(margin+3, y, columns[0]-3, headRowH, w.l.Description, "L")
	x := margin + columns[0]
	for i, t := range []string{w.l.Quantity, w.l.UnitPrice, w.l.Rate, w.l.LineTotal} {
		w.at(x, y, columns[i+1]-1, headRowH, t, "R")
		x += columns[i+1]
	}
	return y + headRowH
}

// table draws the invoice lines, continuing on a new page when one is full.
func (w *writer) table() {
	y := w.tableHeader(w.y)
	lang := w.inv.Language
	for i, line := range w.inv.Lines {
		w.Font("", 9)
		desc := w.wrap(line.Description, columns[0]-6)
		h := float64(len(desc))*rowLine + rowPad
		if y+h > footerTop-bottomGap {
			w.F.AddPage()
			y = w.tableHeader(margin + 6)
		}
		if i%2 == 1 {
			w.Fill(rowBg)
			w.F.Rect(margin, y, contentW, h, "F")
		}
		w.Color(textColor)
		for j, d := range desc {
			w.at(margin+3, y+rowPad/2+float64(j)*rowLine, columns[0]-3, rowLine, d, "L")
		}
		cells := []string{locale.Quantity(line.Quantity, lang), locale.Money(line.UnitCents, w.inv.Currency, lang),
			locale.Rate(line.VATRate, lang), locale.Money(line.LineTotal(), w.inv.Currency, lang)}
		x := margin + columns[0]
		for j, c := range cells {
			w.at(x, y+rowPad/2, columns[j+1]-1, rowLine, c, "R")
			x += columns[j+1]
		}
		y += h
	}
	w.Draw(rule)
	w.F.SetLineWidth(0.3)
	w.F.Line(margin, y, pageW-margin, y)
	w.y = y + 6
}

// ensure starts a new page when less than h millimetres are left.
func (w *writer) ensure(h float64) {
	if w.y+h > footerTop-bottomGap {
		w.F.AddPage()
		w.y = margin + 6
	}
}

// totals draws the amounts before tax, of VAT by rate, and the total due (right), with the
// payment terms beside them (left).
func (w *writer) totals() {
	lang, cur := w.inv.Language, w.inv.Currency
	rows := [][2]string{{w.l.TotalHT, locale.Money(w.t.HTCents, cur, lang)}}
	for _, r := range w.t.ByRate {
		rows = append(rows, [2]string{w.l.VATAt + " " + locale.Rate(r.Rate, lang), locale.Money(r.VATCents, cur, lang)})
	}
	rows = append(rows, [2]string{w.l.TotalTTC, locale.Money(w.t.TTCCents, cur, lang)})
	w.ensure(float64(len(rows))*6 + 14)
	x, tw, y := pageW-margin-78, 78.0, w.y
	for i, r := range rows {
		w.Font("", 9.5)
		w.Color(textColor)
		if i == len(rows)-1 {
			w.Font("B", 9.5)
		}
		w.at(x, y, 44, 6, r[0], "L")
		w.at(x+44, y, tw-46, 6, r[1], "R")
		y += 6
	}
	y += 1.5
	w.Fill(accent)
	w.F.Rect(x, y, tw, 10, "F")
	w.F.SetTextColor(255, 255, 255)
	w.Font("B", 11)
	w.at(x+3, y, 40, 10, w.l.AmountDue, "L")
	w.at(x+40, y, tw-43, 10, locale.Money(w.t.TTCCents, cur, lang), "R")
	bottom := y + 10

	left := pageW - 2*margin - tw - 8
	w.Color(accent)
	w.Font("B", 9)
	w.at(margin, w.y, left, 6, w.l.PaymentTitle, "L")
	w.Color(textColor)
	w.Font("", 8.5)
	yy := w.paragraph(margin, w.y+6.5, left, 4.2, w.inv.paymentTerms(w.l))
	yy = w.paragraph(margin, yy+1, left, 4.2, w.l.NoDiscount)
	w.y = max(bottom, yy) + 8
}

// payment draws the bank details, the notes and the late-payment mentions.
func (w *writer) payment() {
	s := w.inv.Seller
	notes := []string{}
	if w.inv.Notes != "" {
		w.Font("", 8.5)
		notes = w.wrap(w.inv.Notes, contentW)
	}
	w.ensure(40 + 4.2*float64(len(notes)))
	if s.IBAN != "" {
		rows := [][2]string{{w.l.Holder, s.Name}, {"IBAN", locale.IBAN(s.IBAN)}}
		if s.BIC != "" {
			rows = append(rows, [2]string{"BIC", s.BIC})
		}
		if s.Bank != "" {
			rows = append(rows, [2]string{w.l.Bank, s.Bank})
		}
		h := 12 + 4.6*float64(len(rows)) + 5
		w.Fill(accentBg)
		w.F.Rect(margin, w.y, contentW, h, "F")
		w.Fill(accent)
		w.F.Rect(margin, w.y, 1.2, h, "F")
		w.Color(accent)
		w.Font("B", 9)
		w.at(margin+5, w.y+3, 80, 5, w.l.BankTitle, "L")
		y := w.y + 9.5
		for _, r := range rows {
			w.Color(muted)
			w.Font("", 8.5)
			w.at(margin+5, y, 28, 4.6, r[0], "L")
			w.Color(textColor)
			w.Font("B", 8.5)
			w.at(margin+33, y, 120, 4.6, r[1], "L")
			y += 4.6
		}
		w.Color(muted)
		w.Font("I", 8)
		w.at(margin+5, y+0.8, contentW-10, 4.2, w.l.transferRef(w.inv.Number), "L")
		w.y += h + 6
	}
	w.Color(textColor)
	w.Font("", 8.5)
	for _, n := range notes {
		w.at(margin, w.y, contentW, 4.2, n, "L")
		w.y += 4.2
	}
	w.Color(muted)
	w.Font("", 7.5)
	lines := w.wrap(w.l.Penalties, contentW)
	w.paragraph(margin, footerTop-3-3.6*float64(len(lines)), contentW, 3.6, w.l.Penalties)
}

// footer prints the seller's legal identity and the page number on every page.
func (w *writer) footer() {
	s, f := w.inv.Seller, w.F
	w.Draw(rule)
	f.SetLineWidth(0.2)
	f.Line(margin, footerTop, pageW-margin, footerTop)
	parts := []string{s.Name}
	if s.LegalForm != "" {
		form := s.LegalForm
		if s.CapitalCents > 0 {
			capital := locale.MoneyWhole(s.CapitalCents, "EUR", w.inv.Language)
			form += " " + w.l.Capital + " " + capital
		}
		parts = append(parts, form)
	}
	if s.RCS != "" && s.Siren != "" {
		parts = append(parts, s.RCS+" "+locale.SIREN(s.Siren))
	} else if s.Siren != "" {
		parts = append(parts, w.l.Siren+" "+locale.SIREN(s.Siren))
	}
	if s.VATNumber != "" {
		parts = append(parts, w.l.VAT+" "+s.VATNumber)
	}
	w.Color(muted)
	w.Font("", 7)
	w.at(margin, footerTop+2, contentW-20, 4, strings.Join(parts, " · "), "L")
	w.at(pageW-margin-20, footerTop+2, 20, 4, w.l.page(f.PageNo()), "R")
}
