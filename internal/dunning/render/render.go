// Package render turns a dunning step's template and real data into a reminder email (subject,
// plain text and HTML), validates templates, and holds the default scenarios' content.
package render

import (
	"errors"
	"regexp"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/relance/relance/internal/platform/errs"
)

// Template is one step's message in one language: Go text/template sources whose variables
// are functions without arguments ({{customer_name}}, {{if penalties}}…{{end}}).
type Template struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Invoice is one invoice covered by a message, with its penalties as of the sending day.
type Invoice struct {
	Number                        string
	IssueDate, DueDate            time.Time
	TotalCents, BalanceCents      int64
	DaysLate                      int
	InterestCents, IndemnityCents int64
}

// Data is everything a message may say about one customer.
type Data struct {
	// Language is "fr" or "en"; anything else is French.
	Language string
	// Stage is the step's stage: preventive, reminder, formal_notice, amicable or legal.
	Stage string
	// Channel is the step's channel (email, sms, letter, call). A call's template is a note for
	// the collector: it gets no footer lines, penalties box or signature added.
	Channel                                                string
	OrganizationName, Signature, CustomerName, ContactName string
	// Currency is the ISO 4217 code of the invoices.
	Currency      string
	Invoices      []Invoice
	ShowPenalties bool
	// InterestRate is the annual rate in percent, e.g. "12.15".
	InterestRate string
	// DebtorLink is the debtor page; empty means no button.
	DebtorLink string
	// Transparency adds "follow-up handled with Relance on behalf of <organisation>".
	Transparency bool
	// OpenPixelURL is a 1×1 image placed at the end of the HTML for open tracking; may be empty.
	OpenPixelURL string
	// TrackLink wraps every link of the HTML for click tracking; may be nil.
	TrackLink func(url string) string
	// AccentColor is a "#1c7ed6"-style brand colour for the header and button; empty for the default.
	AccentColor string
	// Today is the date {{today}} writes; zero means now.
	Today time.Time
}

// Email is a rendered message.
type Email struct{ Subject, Text, HTML string }

// laterStages cite penalties even when the body does not mention them.
var laterStages = map[string]bool{"formal_notice": true, "amicable": true, "legal": true}

// Validate checks a template: syntax, known variables, lengths, and that it renders with sample
// data. Fields are "subject" and "body"; messages are keys of the locale catalogue.
func Validate(t Template) []errs.FieldError {
	var out []errs.FieldError
	for _, f := range []struct{ name, src string }{{"subject", t.Subject}, {"body", t.Body}} {
		if _, fe := parseSource(f.name, f.src); fe != nil {
			out = append(out, errs.Field(fe.field, fe.key, fe.args...))
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, d := range validationData() {
		if _, err := Render(t, d); err != nil {
			var fe *fieldError
			if errors.As(err, &fe) {
				return []errs.FieldError{errs.Field(fe.field, fe.key, fe.args...)}
			}
			return []errs.FieldError{errs.Field("body", "template.render_failed", err.Error())}
		}
	}
	return nil
}

// validationData exercises both branches of the usual conditions.
func validationData() []Data {
	full := Sample("fr")
	bare := Sample("en")
	bare.ContactName, bare.DebtorLink, bare.ShowPenalties = "", "", false
	bare.Invoices = bare.Invoices[:1]
	return []Data{full, bare}
}

// Render fills a template with data: the subject on one line, the plain-text body, and the
// HTML body inside an email layout.
func Render(t Template, d Data) (Email, error) {
	subject, fe := parseSource("subject", t.Subject)
	if fe != nil {
		return Email{}, fe
	}
	body, fe := parseSource("body", t.Body)
	if fe != nil {
		return Email{}, fe
	}
	r := newRenderer(d)
	if r.l.lang == "fr" {
		frenchSpacing(body.Root)
	}
	r.citePenalties = r.hasPenalties() && (laterStages[d.Stage] || usesAny(body.Root, penaltyVariables...))

	var e Email
	var err error
	if e.Subject, err = r.subject(subject); err != nil {
		return Email{}, err
	}
	if e.Text, err = r.text(body); err != nil {
		return Email{}, err
	}
	if e.HTML, err = r.html(body, e.Subject); err != nil {
		return Email{}, err
	}
	return e, nil
}

func (r *renderer) subject(t *template.Template) (string, error) {
	var b strings.Builder
	if err := t.Funcs(r.textFuncs()).Execute(&b, nil); err != nil {
		return "", &fieldError{"subject", execMessage(err)}
	}
	return strings.Join(strings.Fields(b.String()), " "), nil
}

// text renders the plain-text version: the body, then what the body did not place itself.
func (r *renderer) text(body *template.Template) (string, error) {
	r.usedTable, r.usedSignature = false, false
	var b strings.Builder
	if err := body.Funcs(r.textFuncs()).Execute(&b, nil); err != nil {
		return "", &fieldError{"body", execMessage(err)}
	}
	parts := []string{tidyText(b.String())}
	if !r.usedTable && len(r.d.Invoices) > 0 {
		parts = append(parts, r.textTable())
	}
	if r.forCollector() {
		return strings.Join(parts, "\n\n") + "\n", nil
	}
	if r.citePenalties {
		lines, total := r.penaltyLines()
		parts = append(parts, r.l.penaltiesTitle+"\n- "+strings.Join(lines, "\n- ")+"\n"+total+"\n"+r.l.legalBasis)
	}
	if !r.usedSignature {
		parts = append(parts, r.signature())
	}
	parts = append(parts, strings.Join(r.footerLines(), "\n"))
	return strings.Join(parts, "\n\n") + "\n", nil
}

// forCollector is true for a call step, whose template is a note for the collector.
func (r *renderer) forCollector() bool { return r.d.Channel == "call" }

// footerLines are the already-paid line and, when asked, the transparency line.
func (r *renderer) footerLines() []string {
	lines := []string{r.l.alreadyPaid}
	if r.d.Transparency && strings.TrimSpace(r.d.OrganizationName) != "" {
		lines = append(lines, r.l.t("transparency", oneLine(r.d.OrganizationName)))
	}
	return lines
}

var (
	trailingSpaceRE = regexp.MustCompile(`[ \t]+\n`)
	blankLinesRE    = regexp.MustCompile(`\n{3,}`)
)

// tidyText drops trailing spaces and the extra blank lines a false {{if}} leaves.
func tidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = trailingSpaceRE.ReplaceAllString(s, "\n")
	s = blankLinesRE.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

var (
	frenchHighPunctuationRE = regexp.MustCompile(` ([:;?!»])`)
	frenchOpeningQuoteRE    = regexp.MustCompile(`« `)
)

// frenchSpacing puts a no-break space before French high punctuation in the template's literal
// text, so that a colon or question mark never starts a line.
func frenchSpacing(n parse.Node) {
	walk(n, func(n parse.Node) {
		if t, ok := n.(*parse.TextNode); ok {
			t.Text = frenchHighPunctuationRE.ReplaceAll(t.Text, []byte("\u00a0$1"))
			t.Text = frenchOpeningQuoteRE.ReplaceAll(t.Text, []byte("«\u00a0"))
		}
	})
}
