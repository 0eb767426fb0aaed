package api

import (
	htmltemplate "html/template"
	"net/url"
	"strconv"
	"strings"
)

// The debtor page's per-invoice markup, written here rather than in page.html and forms.html.
//
// A customer's page lists every open invoice four times (the table, the question's list, the
// dispute's and the promise's checkboxes). Through html/template, each of those rows costs a few
// dozen reflective lookups and calls (fields, methods, the escapers of every action): for 200
// invoices the page took ~30 ms of CPU to render, most of a request's cost (see
// internal/portal/bench). Built with a strings.Builder they take well under a millisecond.
//
// Every value goes through portalEscaper, html/template's own escaping of text and quoted
// attributes: portal_rows_test.go checks the output against the same markup written as
// template loops. The templates keep everything around these rows; change both together.
// The rows are kept lean (no per-cell labels, no line breaks): a 200-invoice page is ~200 KB.

// portalEscaper escapes text and quoted attribute values the way html/template does
// (its htmlReplacementTable).
var portalEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;",
	"<", "&lt;", ">", "&gt;")

// htmlRows builds escaped markup.
type htmlRows struct{ strings.Builder }

// raw writes markup as is.
func (w *htmlRows) raw(s string) { w.WriteString(s) }

// text writes a value, escaped.
func (w *htmlRows) text(s string) { _, _ = portalEscaper.WriteString(&w.Builder, s) }

// html is the markup built, every value in it escaped.
func (w *htmlRows) html() htmltemplate.HTML { return htmltemplate.HTML(w.String()) }

// InvoiceRows are the rows of the open invoices' table (page.html's <tbody>): a checkbox when
// the page offers online payment, number, dates, amounts, status, penalties when shown, PDF link.
// Cells are labelled on phones by the stylesheet (portalColumns), not by an attribute repeated
// in every row; the checkbox is labelled by the invoice's number.
func (v portalView) InvoiceRows() htmltemplate.HTML {
	var w htmlRows
	w.Grow(len(v.Invoices) * 480)
	var (
		pdf  = v.T("pdf")
		base = "/p/" + url.PathEscape(v.Token)
	)
	for i, inv := range v.Invoices {
		id := inv.ID.String()
		w.raw("\n<tr class=\"row-")
		w.text(inv.Status)
		w.raw(`">`)
		if v.Payments.Enabled {
			n := strconv.Itoa(i + 1)
			w.raw(`<td class="col-select"><input type="checkbox" name="invoice_ids" value="`)
			w.text(id)
			w.raw(`" id="i` + n + `"></td><th scope="row" class="col-number"><label for="i` + n + `">`)
			w.text(inv.Number)
			w.raw(`</label></th>`)
		} else {
			w.raw(`<th scope="row" class="col-number">`)
			w.text(inv.Number)
			w.raw(`</th>`)
		}
		w.raw(`<td class="lb c-issue">`)
		w.text(v.Date(inv.IssueDate))
		w.raw(`</td><td class="lb c-due">`)
		w.text(v.Date(inv.DueDate))
		w.raw(`</td><td class="lb c-total num">`)
		w.text(v.MoneyIn(inv.TotalCents, inv.Currency))
		w.raw(`</td><td class="lb c-balance num strong">`)
		w.text(v.MoneyIn(inv.BalanceCents, inv.Currency))
		w.raw(`</td><td class="lb c-status"><span class="badge badge-`)
		w.text(inv.Status)
		w.raw(`">`)
		w.text(v.Badge(inv))
		w.raw(`</span></td>`)
		if v.ShowPenalties {
			if inv.PenaltyCents != 0 {
				w.raw(`<td class="lb c-penalties num">`)
				w.text(v.MoneyIn(inv.PenaltyCents, inv.Currency))
				w.raw(`</td>`)
			} else {
				w.raw(`<td class="lb c-penalties num empty"></td>`)
			}
		}
		if inv.HasPDF {
			w.raw(`<td class="lb c-pdf"><a href="`)
			w.text(base)
			w.raw(`/invoices/`)
			w.text(id)
			w.raw(`/pdf" aria-label="`)
			w.text(v.T("pdf_of", inv.Number))
			w.raw(`">`)
			w.text(pdf)
			w.raw(`</a></td></tr>`)
		} else {
			w.raw(`<td class="lb c-pdf empty"></td></tr>`)
		}
	}
	return w.html()
}

// InvoiceOptions are the options of the question's invoice list (forms.html), the one posted
// selected again.
func (v portalView) InvoiceOptions(q postedView) htmltemplate.HTML {
	var w htmlRows
	w.Grow(len(v.Invoices) * 120)
	for _, inv := range v.Invoices {
		id := inv.ID.String()
		w.raw("\n<option value=\"")
		w.text(id)
		if q.Checked("invoice_id", id) {
			w.raw(`" selected>`)
		} else {
			w.raw(`">`)
		}
		w.text(v.InvoiceChoice(inv))
		w.raw(`</option>`)
	}
	return w.html()
}

// Choices are the list's checkboxes (forms.html's "invoice-list"); the first carries the
// list's id, which the error summary links to.
func (l formInvoiceList) Choices() htmltemplate.HTML {
	var w htmlRows
	w.Grow(len(l.Items) * 330)
	for i, it := range l.Items {
		w.raw("\n<li><label class=\"choice\"><input type=\"checkbox\" name=\"invoice_ids\" value=\"")
		w.text(it.Value)
		w.raw(`"`)
		if i == 0 {
			w.raw(` id="`)
			w.text(l.ID)
			w.raw(`"`)
		}
		if it.Checked {
			w.raw(` checked`)
		}
		w.raw(`><span class="choice-text"><strong>`)
		w.text(it.Number)
		w.raw(`</strong> `)
		w.text(it.Detail)
		w.raw(` <span class="badge badge-`)
		w.text(it.Status)
		w.raw(`">`)
		w.text(it.Badge)
		w.raw(`</span></span></label></li>`)
	}
	return w.html()
}
