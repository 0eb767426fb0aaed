package portal

import (
	"bytes"
	"context"
	htmltemplate "html/template"
	netmail "net/mail"
	"strings"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/mail"
)

// The emails the forms send, through River's mail.send inside the form's transaction: a notice
// to the customer's internal contact (question, dispute, bank details), in each recipient's
// language, and the promise confirmation to the debtor, in the customer's language.

// Choice is one option of a form's list, labelled in the page's language.
type Choice struct {
	Value, Label string
}

// choiceLabel is the label of a form's choice (the catalogue's "form.<kind>_<value>"), or the
// value itself when it has none.
func choiceLabel(kind, v, lang string) string {
	if !locale.Has("form." + kind + "_" + v) {
		return v
	}
	return locale.T(lang, "form."+kind+"_"+v)
}

// DisputeReasons lists the dispute reasons in lang (fr or en), in the form's order.
func DisputeReasons(lang string) []Choice {
	out := make([]Choice, len(dunning.DisputeReasons))
	for i, r := range dunning.DisputeReasons {
		out[i] = Choice{r, choiceLabel("reason", r, lang)}
	}
	return out
}

// PromiseMethods lists the ways a debtor may promise to pay, in lang.
func PromiseMethods(lang string) []Choice {
	out := make([]Choice, len(dunning.PromiseMethods))
	for i, m := range dunning.PromiseMethods {
		out[i] = Choice{m, choiceLabel("method", m, lang)}
	}
	return out
}

// staffRecipient is a member told about what a debtor did.
type staffRecipient struct {
	Email  string
	Locale string
}

// internalContacts are the customer's accounting owner, else its sales owner, else the
// organisation's owners and admins.
func internalContacts(tx *gorm.DB, a Access) ([]staffRecipient, error) {
	var out []staffRecipient
	err := tx.Raw(`SELECT u.email, u.locale FROM ledger_customers c
		  JOIN user_names u ON u.id = coalesce(c.accounting_owner_id, c.sales_owner_id)
		 WHERE c.organization_id = ? AND c.id = ?`, a.OrganizationID, a.CustomerID).Scan(&out).Error
	if err != nil || len(out) > 0 {
		return out, err
	}
	err = tx.Raw(`SELECT m.email, m.locale FROM member_profiles m
		 WHERE m.organization_id = ? AND m.role IN ('owner', 'admin')
		 ORDER BY m.role = 'owner' DESC, m.email LIMIT 20`, a.OrganizationID).Scan(&out).Error
	return out, err
}

// notice is an email to staff in one language: its subject, paragraphs and an optional quote
// (the debtor's own words).
type notice struct {
	Subject string
	Intro   []string
	Quote   string
	Facts   [][2]string
	Outro   []string
}

// noticeFunc writes a notice in a language for the customer c and the debtor's contact.
type noticeFunc func(lang string, c formCustomer, contact string) notice

func (s *Service) notifyStaff(ctx context.Context, tx *gorm.DB, a Access, c formCustomer, write noticeFunc) error {
	to, err := internalContacts(tx, a)
	if err != nil {
		return err
	}
	contact := a.ContactEmail
	for _, r := range to {
		lang := locale.Lang(r.Locale)
		if contact == "" {
			contact = locale.T(lang, "notice.the_customer")
		}
		n := write(lang, c, contact)
		link := strings.TrimRight(s.opts.BaseURL, "/") + "/customers/" + c.ID.String()
		button := locale.T(lang, "notice.open_customer")
		text, html, err := renderNotice(lang, n, link, button)
		if err != nil {
			return err
		}
		m := mail.Message{To: []string{r.Email}, Subject: n.Subject, Text: text, HTML: html}
		if validAddress(a.ContactEmail) {
			m.ReplyTo = a.ContactEmail
		}
		if err := s.enqueueMail(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

func validAddress(s string) bool {
	if s == "" {
		return false
	}
	_, err := netmail.ParseAddress(s)
	return err == nil
}

func questionNotice(q questionRow, inv *ledger.InvoiceBalance) noticeFunc {
	return func(lang string, c formCustomer, contact string) notice {
		n := notice{Subject: locale.T(lang, "notice.question_subject", c.Name),
			Intro: []string{locale.T(lang, "notice.question_intro", contact, c.Name)}, Quote: q.Message,
			Outro: []string{locale.T(lang, "notice.question_outro")}}
		if inv != nil {
			n.Facts = append(n.Facts, [2]string{locale.T(lang, "notice.invoice"), inv.Number})
		}
		if q.AttachmentName != nil {
			n.Facts = append(n.Facts, [2]string{locale.T(lang, "notice.attachment"), locale.T(lang, "notice.in_relance", *q.AttachmentName)})
		}
		return n
	}
}

func disputeNotice(d dunning.DisputeView, invoices []ledger.InvoiceBalance, attachment string) noticeFunc {
	return func(lang string, c formCustomer, contact string) notice {
		nums := invoiceNumbers(invoices)
		n := notice{Quote: d.Comment, Subject: locale.T(lang, "notice.dispute_subject", c.Name, nums),
			Intro: []string{locale.T(lang, countKey("notice.dispute_intro", len(invoices)), contact, nums, c.Name)},
			Outro: []string{locale.T(lang, "notice.dispute_outro")}}
		n.Facts = append(n.Facts, [2]string{locale.T(lang, "notice.reason"), choiceLabel("reason", d.Reason, lang)})
		for _, inv := range invoices {
			n.Facts = append(n.Facts, [2]string{inv.Number, locale.T(lang, "notice.outstanding", locale.Money(inv.BalanceCents, inv.Currency, lang))})
		}
		if attachment != "" {
			n.Facts = append(n.Facts, [2]string{locale.T(lang, "notice.proof"), locale.T(lang, "notice.in_relance", attachment)})
		}
		return n
	}
}

func bankNotice(ch bankChangeRow) noticeFunc {
	return func(lang string, c formCustomer, contact string) notice {
		n := notice{Facts: [][2]string{
			{locale.T(lang, "notice.holder"), ch.Holder},
			{"IBAN", locale.IBAN(ch.IBAN)},
			{locale.T(lang, "notice.country"), CountryName(ch.Country, lang)},
		}}
		if ch.BIC != "" {
			n.Facts = append(n.Facts, [2]string{"BIC", ch.BIC})
		}
		n.Subject = locale.T(lang, "notice.bank_subject", c.Name)
		n.Intro = []string{locale.T(lang, "notice.bank_intro", contact, c.Name)}
		n.Outro = []string{locale.T(lang, "notice.bank_outro")}
		return n
	}
}

// confirmPromise emails the debtor's contact the promise as recorded.
func (s *Service) confirmPromise(ctx context.Context, tx *gorm.DB, a Access, c formCustomer, p dunning.PromiseView, invoices []ledger.InvoiceBalance) error {
	if !validAddress(a.ContactEmail) {
		return nil
	}
	lang := locale.Lang(c.Language)
	date := locale.Date(p.PromisedOn, lang)
	method := strings.ToLower(choiceLabel("method", p.Method, lang))
	n := notice{Subject: locale.T(lang, "notice.promise_subject", c.OrgName, date),
		Intro: []string{Text(lang, "mail_hello"), locale.T(lang, "notice.promise_intro", c.OrgName, method, date)},
		Outro: []string{locale.T(lang, countKey("notice.promise_outro", len(invoices)))}}
	var total int64
	for _, inv := range invoices {
		n.Facts = append(n.Facts, [2]string{inv.Number, locale.Money(inv.BalanceCents, inv.Currency, lang)})
		total += inv.BalanceCents
	}
	if len(invoices) > 1 && sameCurrency(invoices) {
		n.Facts = append(n.Facts, [2]string{locale.T(lang, "notice.total"), locale.Money(total, invoices[0].Currency, lang)})
	}
	text, html, err := renderNotice(lang, n, "", "")
	if err != nil {
		return err
	}
	m := mail.Message{To: []string{a.ContactEmail}, Subject: n.Subject, Text: text, HTML: html,
		Headers: map[string]string{"X-Relance-Promise": p.ID.String()}}
	if validAddress(c.ReplyTo) {
		m.ReplyTo = c.ReplyTo
	}
	return s.enqueueMail(ctx, tx, m)
}

func sameCurrency(invoices []ledger.InvoiceBalance) bool {
	for _, inv := range invoices {
		if inv.Currency != invoices[0].Currency {
			return false
		}
	}
	return true
}

func invoiceNumbers(invoices []ledger.InvoiceBalance) string {
	out := make([]string, len(invoices))
	for i, inv := range invoices {
		out[i] = inv.Number
	}
	return strings.Join(out, ", ")
}

// countKey is key_1 for one thing, key_n for several.
func countKey(key string, n int) string {
	if n == 1 {
		return key + "_1"
	}
	return key + "_n"
}

// renderNotice writes a notice as plain text and simple HTML.
func renderNotice(lang string, n notice, link, button string) (string, string, error) {
	var t strings.Builder
	for _, p := range n.Intro {
		t.WriteString(p + "\n\n")
	}
	if n.Quote != "" {
		for _, l := range strings.Split(n.Quote, "\n") {
			t.WriteString("> " + l + "\n")
		}
		t.WriteString("\n")
	}
	for _, f := range n.Facts {
		t.WriteString(locale.T(lang, "notice.fact", f[0], f[1]) + "\n")
	}
	if len(n.Facts) > 0 {
		t.WriteString("\n")
	}
	for _, p := range n.Outro {
		t.WriteString(p + "\n\n")
	}
	if link != "" {
		t.WriteString(locale.T(lang, "notice.fact", button, link) + "\n")
	}
	var h bytes.Buffer
	err := noticeHTML.Execute(&h, struct {
		notice
		Lang, Link, Button string
	}{n, lang, link, button})
	return strings.TrimSpace(t.String()) + "\n", h.String(), err
}

var noticeHTML = htmltemplate.Must(htmltemplate.New("notice").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Subject}}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font:15px/1.5 -apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
{{range .Intro}}<p style="margin:0 0 12px">{{.}}</p>{{end}}
{{with .Quote}}<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #1c7ed6;background:#f1f6fc;white-space:pre-wrap">{{.}}</blockquote>{{end}}
{{with .Facts}}<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">{{range .}}
<tr><td style="padding:2px 16px 2px 0;color:#57606a">{{index . 0}}</td><td style="padding:2px 0;font-weight:600">{{index . 1}}</td></tr>{{end}}
</table>{{end}}
{{range .Outro}}<p style="margin:0 0 12px">{{.}}</p>{{end}}
{{with .Link}}<p style="margin:20px 0 0"><a href="{{.}}" style="display:inline-block;background:#1c7ed6;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">{{$.Button}}</a></p>{{end}}
</div></body></html>`))
