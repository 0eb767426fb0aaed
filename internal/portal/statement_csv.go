package portal

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// The account statement as CSV (Statement's "csv" format).

// StatementCSVOf writes the statement as a CSV Excel opens as it is: UTF-8 with a byte order mark;
// in French `;`-separated with decimal commas and dd/mm/yyyy dates, in English `,`-separated with
// decimal points and ISO dates. Amounts are plain numbers (no symbol, no grouping).
func StatementCSVOf(pg Page) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	lang := pg.Lang
	if lang == "fr" {
		w.Comma = ';'
	}
	num := func(cents int64) string { return csvNumber(cents, lang) }
	day := func(t interface{ Format(string) string }) string {
		if lang == "fr" {
			return t.Format("02/01/2006")
		}
		return t.Format("2006-01-02")
	}
	header := []string{Text(lang, "csv_type"), Text(lang, "col_ref"), Text(lang, "col_date"), Text(lang, "col_due"),
		Text(lang, "col_amount"), Text(lang, "col_balance"), Text(lang, "st_days_late"), Text(lang, "col_status")}
	if pg.ShowPenalties {
		header = append(header, Text(lang, "col_penalties"))
	}
	header = append(header, Text(lang, "csv_currency"))
	rows := [][]string{header}
	pen := func(row []string, cents int64) []string {
		if pg.ShowPenalties {
			if cents > 0 {
				row = append(row, num(cents))
			} else {
				row = append(row, "")
			}
		}
		return row
	}
	for _, inv := range pg.Invoices {
		row := []string{Text(lang, "csv_invoice"), cell(inv.Number), day(inv.IssueDate), day(inv.DueDate),
			num(inv.TotalCents), num(inv.BalanceCents), strconv.Itoa(inv.DaysLate), inv.Badge(lang)}
		rows = append(rows, append(pen(row, inv.PenaltyCents), inv.Currency))
	}
	for _, p := range pg.RecentPayments {
		status := MethodName(p.Method, lang)
		if len(p.Invoices) > 0 {
			status += " : " + strings.Join(p.Invoices, ", ")
			if lang == "en" {
				status = MethodName(p.Method, lang) + ": " + strings.Join(p.Invoices, ", ")
			}
		}
		row := []string{Text(lang, "csv_payment"), cell(p.Reference), day(p.ReceivedOn), "", num(p.AmountCents), "", "", cell(status)}
		rows = append(rows, append(pen(row, 0), p.Currency))
	}
	total := func(label string, cents int64) []string {
		row := []string{label, "", "", "", "", num(cents), "", ""}
		return append(pen(row, 0), pg.Totals.Currency)
	}
	rows = append(rows, nil, total(Text(lang, "st_total_due"), pg.Totals.DueCents),
		total(Text(lang, "overdue"), pg.Totals.OverdueCents))
	if pg.ShowPenalties && pg.Totals.PenaltyCents > 0 {
		rows = append(rows, total(Text(lang, "col_penalties"), pg.Totals.PenaltyCents))
	}
	rows = append(rows, total(Text(lang, "credit"), pg.Totals.CreditCents))
	for _, r := range rows {
		if r == nil {
			buf.WriteString("\r\n")
			continue
		}
		_ = w.Write(r)
		w.Flush()
	}
	return buf.Bytes()
}

// csvNumber writes cents as a plain decimal number: 124000 → "1240,00" (fr) or "1240.00".
func csvNumber(cents int64, lang string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	sep := "."
	if lang == "fr" {
		sep = ","
	}
	return fmt.Sprintf("%s%d%s%02d", sign, cents/100, sep, cents%100)
}

// cell keeps a text from being read as a formula by a spreadsheet.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
