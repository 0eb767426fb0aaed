package render

import (
	"strings"
	"unicode/utf8"
)

// column is one column of the invoice table.
type column struct {
	title string
	right bool
}

// tableColumns are the invoice table's columns: days late only when an invoice is late,
// interest and indemnity only when the message cites penalties.
func (r *renderer) tableColumns() (cols []column, late bool) {
	late = r.maxDaysLate() > 0
	cols = []column{{r.l.number, false}, {r.l.dueDate, false}, {r.l.amountDue, true}}
	if late {
		cols = append(cols, column{r.l.daysLate, true})
	}
	if r.citePenalties {
		cols = append(cols, column{r.l.interest, true}, column{r.l.indemnity, true})
	}
	return cols, late
}

// tableRows are the cells of each invoice, then the totals row.
func (r *renderer) tableRows(late bool) [][]string {
	rows := make([][]string, 0, len(r.d.Invoices)+1)
	for _, inv := range r.d.Invoices {
		row := []string{inv.Number, r.date(inv.DueDate), r.money(inv.BalanceCents)}
		if late {
			days := ""
			if inv.DaysLate > 0 {
				days = r.daysLateLabel(inv.DaysLate)
			}
			row = append(row, days)
		}
		if r.citePenalties {
			row = append(row, r.money(inv.InterestCents), r.money(inv.IndemnityCents))
		}
		rows = append(rows, row)
	}
	balance, interest, indemnity := r.totals()
	total := []string{r.l.total, "", r.money(balance)}
	if late {
		total = append(total, "")
	}
	if r.citePenalties {
		total = append(total, r.money(interest), r.money(indemnity))
	}
	return append(rows, total)
}

// textTable is the invoice table aligned in plain text.
func (r *renderer) textTable() string {
	cols, late := r.tableColumns()
	rows := r.tableRows(late)
	widths := make([]int, len(cols))
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
		widths[i] = utf8.RuneCountInString(c.title)
	}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	line := func(cells []string) string {
		padded := make([]string, len(cells))
		for i, cell := range cells {
			gap := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if cols[i].right {
				padded[i] = gap + cell
			} else {
				padded[i] = cell + gap
			}
		}
		return strings.TrimRight(strings.Join(padded, "   "), " ")
	}
	width := (len(cols) - 1) * 3
	for _, w := range widths {
		width += w
	}
	rule := strings.Repeat("-", width)
	out := []string{line(header), rule}
	for _, row := range rows[:len(rows)-1] {
		out = append(out, line(row))
	}
	out = append(out, rule, line(rows[len(rows)-1]))
	return strings.Join(out, "\n")
}

// penaltyLines details the penalties (interest, indemnity) and their total, in words.
func (r *renderer) penaltyLines() (lines []string, total string) {
	_, interest, indemnity := r.totals()
	if interest > 0 {
		if rate := r.interestRate(); rate != "" {
			lines = append(lines, r.l.t("interest_at", rate, r.money(interest)))
		} else {
			lines = append(lines, r.l.t("interest_no_rate", r.money(interest)))
		}
	}
	if indemnity > 0 {
		if each := r.indemnityEach(); each > 0 {
			lines = append(lines, r.l.t("indemnity_each", r.money(each), r.money(indemnity)))
		} else {
			lines = append(lines, r.l.t("indemnity_plain", r.money(indemnity)))
		}
	}
	return lines, r.l.t("penalty_total", r.money(interest+indemnity))
}

// indemnityEach is the indemnity per invoice when every invoice that bears one bears the same,
// else 0.
func (r *renderer) indemnityEach() int64 {
	var each int64
	for _, inv := range r.d.Invoices {
		switch {
		case inv.IndemnityCents == 0:
		case each == 0:
			each = inv.IndemnityCents
		case each != inv.IndemnityCents:
			return 0
		}
	}
	return each
}
