package render

import (
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"

	"github.com/relance/relance/internal/platform/locale"
)

// variables are the template variables, in the order an editor offers them. Each is a function
// without arguments; invoice_count and days_late return numbers, the others text.
var variables = []string{
	"customer_name", "contact_name", "organization_name", "invoice_count", "invoice_numbers",
	"invoice_table", "total_due", "oldest_due_date", "days_late", "penalties", "interest",
	"indemnity", "interest_rate", "debtor_link", "signature", "today",
}

// Variables lists the template variables, for an editor's placeholder picker.
func Variables() []string { return append([]string(nil), variables...) }

func isVariable(name string) bool {
	for _, v := range variables {
		if v == name {
			return true
		}
	}
	return false
}

// penaltyVariables are the variables whose presence in a body means the step cites penalties.
var penaltyVariables = []string{"penalties", "interest", "indemnity", "interest_rate"}

// placeholderFuncs lets the parser know every variable before real data is bound.
func placeholderFuncs() template.FuncMap {
	funcs := template.FuncMap{}
	for _, v := range variables {
		if v == "invoice_count" || v == "days_late" {
			funcs[v] = func() int { return 0 }
		} else {
			funcs[v] = func() string { return "" }
		}
	}
	return funcs
}

// renderer holds one email's data and what the body did with it.
type renderer struct {
	d     Data
	l     labels
	today time.Time
	// citePenalties: the interest columns and the penalties box may be shown.
	citePenalties bool
	// usedTable and usedSignature record whether the body placed them itself.
	usedTable, usedSignature bool
}

func newRenderer(d Data) *renderer {
	r := &renderer{d: d, l: labelsFor(d.Language), today: d.Today}
	if r.today.IsZero() {
		r.today = time.Now()
	}
	return r
}

func (r *renderer) money(cents int64) string {
	return locale.Money(cents, r.d.Currency, r.l.lang)
}

func (r *renderer) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if r.l.lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

func (r *renderer) daysLateLabel(days int) string {
	if days == 1 {
		return r.l.t("day", days)
	}
	return r.l.t("days", days)
}

// totals sums the invoices' balances and penalties.
func (r *renderer) totals() (balance, interest, indemnity int64) {
	for _, inv := range r.d.Invoices {
		balance += inv.BalanceCents
		interest += inv.InterestCents
		indemnity += inv.IndemnityCents
	}
	return balance, interest, indemnity
}

// hasPenalties is true when penalties are shown and there are some.
func (r *renderer) hasPenalties() bool {
	_, interest, indemnity := r.totals()
	return r.d.ShowPenalties && interest+indemnity > 0
}

// penaltyAmount formats a penalty amount, or "" when penalties are hidden or nil, so that
// {{if penalties}} works.
func (r *renderer) penaltyAmount(cents int64) string {
	if !r.d.ShowPenalties || cents <= 0 {
		return ""
	}
	return r.money(cents)
}

func (r *renderer) invoiceNumbers() string {
	numbers := make([]string, 0, len(r.d.Invoices))
	for _, inv := range r.d.Invoices {
		numbers = append(numbers, inv.Number)
	}
	if len(numbers) <= 1 {
		return strings.Join(numbers, "")
	}
	return strings.Join(numbers[:len(numbers)-1], ", ") + " " + r.l.and + " " + numbers[len(numbers)-1]
}

func (r *renderer) oldestDueDate() string {
	var oldest time.Time
	for _, inv := range r.d.Invoices {
		if oldest.IsZero() || inv.DueDate.Before(oldest) {
			oldest = inv.DueDate
		}
	}
	return r.date(oldest)
}

func (r *renderer) maxDaysLate() int {
	most := 0
	for _, inv := range r.d.Invoices {
		most = max(most, inv.DaysLate)
	}
	return most
}

// interestRate writes the annual rate the way the language does: "12,15 %" or "12.15%".
func (r *renderer) interestRate() string {
	rate := strings.TrimSpace(r.d.InterestRate)
	if !r.d.ShowPenalties || rate == "" {
		return ""
	}
	if r.l.lang == "en" {
		return strings.ReplaceAll(rate, ",", ".") + "%"
	}
	return strings.ReplaceAll(rate, ".", ",") + "\u00a0%"
}

func (r *renderer) signature() string {
	if s := strings.TrimSpace(r.d.Signature); s != "" {
		return s
	}
	return strings.TrimSpace(r.d.OrganizationName)
}

// textFuncs binds the variables for the subject and the plain-text body.
func (r *renderer) textFuncs() template.FuncMap {
	balance, interest, indemnity := r.totals()
	return template.FuncMap{
		"customer_name":     func() string { return oneLine(r.d.CustomerName) },
		"contact_name":      func() string { return oneLine(r.d.ContactName) },
		"organization_name": func() string { return oneLine(r.d.OrganizationName) },
		"invoice_count":     func() int { return len(r.d.Invoices) },
		"invoice_numbers":   r.invoiceNumbers,
		"invoice_table": func() string {
			r.usedTable = true
			return r.textTable()
		},
		"total_due":       func() string { return r.money(balance) },
		"oldest_due_date": r.oldestDueDate,
		"days_late":       r.maxDaysLate,
		"penalties":       func() string { return r.penaltyAmount(interest + indemnity) },
		"interest":        func() string { return r.penaltyAmount(interest) },
		"indemnity":       func() string { return r.penaltyAmount(indemnity) },
		"interest_rate":   r.interestRate,
		"debtor_link":     func() string { return r.d.DebtorLink },
		"signature": func() string {
			r.usedSignature = true
			return r.signature()
		},
		"today": func() string { return r.date(r.today) },
	}
}

// htmlFuncs binds the variables for the HTML body: the table, the button and the signature are
// markup, everything else is text that html/template escapes.
func (r *renderer) htmlFuncs() htmltemplate.FuncMap {
	funcs := htmltemplate.FuncMap(r.textFuncs())
	funcs["invoice_table"] = func() htmltemplate.HTML {
		r.usedTable = true
		return block(r.htmlTable())
	}
	funcs["debtor_link"] = func() htmltemplate.HTML {
		if r.d.DebtorLink == "" {
			return ""
		}
		return block(r.htmlButton())
	}
	funcs["signature"] = func() htmltemplate.HTML {
		r.usedSignature = true
		return htmltemplate.HTML(multiline(r.signature()))
	}
	return funcs
}

// oneLine keeps a name on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
