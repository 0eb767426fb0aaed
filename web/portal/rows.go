package portal

// The per-invoice rows of the page (templates/_rows.html): a customer's page lists every open
// invoice four times (the table, the question's list, the dispute's and the promise's
// checkboxes). Their values are formatted here once, into plain fields, so that the templates
// print fields rather than call the view's methods for every cell (a method call through
// html/template copies the whole view: a 200-invoice page took twice as long to render so).

// invoiceRow is an open invoice as the table prints it, in the page's language.
type invoiceRow struct {
	ID, Number, Status, Issue, Due, Total, Balance, Badge string
	Penalty                                               string // "" when none
	PDFLabel                                              string // "" without a PDF
}

// InvoiceRows are the rows of the open invoices' table.
func (v pageView) InvoiceRows() []invoiceRow {
	rows := make([]invoiceRow, len(v.Invoices))
	for i, inv := range v.Invoices {
		r := invoiceRow{ID: inv.ID.String(), Number: inv.Number, Status: inv.Status, Issue: v.Date(inv.IssueDate),
			Due: v.Date(inv.DueDate), Total: v.MoneyIn(inv.TotalCents, inv.Currency),
			Balance: v.MoneyIn(inv.BalanceCents, inv.Currency), Badge: v.Badge(inv)}
		if inv.PenaltyCents != 0 {
			r.Penalty = v.MoneyIn(inv.PenaltyCents, inv.Currency)
		}
		if inv.HasPDF {
			r.PDFLabel = v.T("pdf_of", inv.Number)
		}
		rows[i] = r
	}
	return rows
}

// invoiceOption is an invoice of the question's list.
type invoiceOption struct {
	Value, Label string
	Selected     bool
}

// InvoiceOptions are the question's invoices, the one posted selected again.
func (v pageView) InvoiceOptions() []invoiceOption {
	q := v.Posted("question")
	out := make([]invoiceOption, len(v.Invoices))
	for i, inv := range v.Invoices {
		id := inv.ID.String()
		out[i] = invoiceOption{Value: id, Label: v.InvoiceChoice(inv), Selected: q.Checked("invoice_id", id)}
	}
	return out
}
