package payments

import (
	"bytes"
	"context"
	"html/template"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v76"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/mail"
	"github.com/relance/relance/internal/portal"
)

// receipt is what the thank-you email says: the payment and what it settled.
type receipt struct {
	Lang        string
	OrgName     string
	AmountCents int64
	Currency    string
	Method      string
	ReceivedOn  time.Time
	Reference   string
	Lines       []receiptLine
	CreditCents int64 // what no invoice took: the customer's credit
}

type receiptLine struct {
	Number       string
	PaidCents    int64
	BalanceCents int64 // left to pay on the invoice
}

func (r receipt) numbers() []string {
	out := make([]string, len(r.Lines))
	for i, l := range r.Lines {
		out[i] = l.Number
	}
	return out
}

func loadReceipt(tx *gorm.DB, row Session, paymentID uuid.UUID, acct account) (receipt, error) {
	r := receipt{Lang: acct.Language, OrgName: acct.OrgName, Currency: row.Currency}
	var pay struct {
		ReceivedOn  time.Time
		AmountCents int64
		Method      string
		Reference   string
	}
	if err := tx.Raw(`SELECT received_on, amount_cents, method, reference FROM ledger_payments WHERE organization_id = ? AND id = ?`,
		row.OrganizationID, paymentID).Scan(&pay).Error; err != nil {
		return r, err
	}
	r.AmountCents, r.Method, r.ReceivedOn, r.Reference = pay.AmountCents, pay.Method, pay.ReceivedOn, pay.Reference
	if err := tx.Raw(`SELECT i.number, a.amount_cents AS paid_cents, i.balance_cents FROM ledger_allocations a
		JOIN ledger_invoices i ON i.organization_id = a.organization_id AND i.id = a.invoice_id
		WHERE a.organization_id = ? AND a.payment_id = ? ORDER BY i.due_date, i.number`,
		row.OrganizationID, paymentID).Scan(&r.Lines).Error; err != nil {
		return r, err
	}
	r.CreditCents = r.AmountCents
	for _, l := range r.Lines {
		r.CreditCents -= l.PaidCents
	}
	return r, nil
}

// sendReceipt queues the receipt to the contact the page link was sent to (else the email the
// payer gave Stripe), in the customer's language, inside tx.
func (s *Service) sendReceipt(ctx context.Context, tx *gorm.DB, row Session, cs stripe.CheckoutSession, r receipt) error {
	if s.opts.Jobs == nil {
		return nil
	}
	var to string
	if row.LinkID != nil {
		var err error
		if to, err = portal.LinkContact(tx, row.OrganizationID, *row.LinkID); err != nil {
			return err
		}
	}
	if to == "" && cs.CustomerDetails != nil {
		to = cs.CustomerDetails.Email
	}
	if to == "" {
		s.opts.Log.WarnContext(ctx, "payments: no address for the receipt", "session_id", row.ID)
		return nil
	}
	replyTo, err := portal.ContactEmail(tx, row.OrganizationID)
	if err != nil {
		return err
	}
	text, html, err := r.render()
	if err != nil {
		return err
	}
	m := mail.Message{From: s.from(r.OrgName), To: []string{to}, ReplyTo: replyTo, Subject: r.subject(), Text: text, HTML: html,
		Headers: map[string]string{"X-Relance-Payment": row.ID}}
	return s.opts.Jobs.Enqueue(ctx, tx, mail.SendArgs{Message: m})
}

// from is the organisation's name at Relance's sending address (empty: the sender's default).
func (s *Service) from(orgName string) string {
	a, err := netmail.ParseAddress(s.opts.From)
	if err != nil {
		return ""
	}
	return (&netmail.Address{Name: orgName, Address: a.Address}).String()
}

func (r receipt) money(cents int64) string { return locale.Money(cents, r.Currency, r.Lang) }

// t is the catalogue's "receipt."+key in the receipt's language, with args in its placeholders.
func (r receipt) t(key string, args ...any) string { return locale.T(r.Lang, "receipt."+key, args...) }

func (r receipt) subject() string { return r.t("subject", r.money(r.AmountCents)) }

// paragraphs are the receipt's content, shared by the text and HTML bodies.
func (r receipt) paragraphs() (intro string, lines []string, outro []string) {
	method := ""
	if locale.Has("receipt.method_" + r.Method) {
		method = r.t("method_" + r.Method)
	}
	intro = r.t("received", r.money(r.AmountCents), method, locale.Date(r.ReceivedOn, r.Lang))
	for _, l := range r.Lines {
		state := r.t("closed")
		if l.BalanceCents > 0 {
			state = r.t("left", r.money(l.BalanceCents))
		}
		lines = append(lines, r.t("line", l.Number, r.money(l.PaidCents))+", "+state)
	}
	if r.CreditCents > 0 {
		outro = append(outro, r.t("credit", r.money(r.CreditCents)))
	}
	outro = append(outro, r.t("reference", r.Reference))
	return intro, lines, outro
}

var receiptHTML = template.Must(template.New("receipt").Parse(`<!doctype html>
<html lang="{{.Lang}}"><body style="font-family:Arial,Helvetica,sans-serif;color:#212529;line-height:1.5;max-width:600px">
<p>{{.Hello}}</p>
<p>{{.Intro}}</p>
{{if .Lines}}<p>{{.Settled}}</p><ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{range .Outro}}<p>{{.}}</p>{{end}}
<p>{{.Regards}}<br>{{.OrgName}}</p>
</body></html>`))

// render writes the receipt as plain text and HTML.
func (r receipt) render() (string, string, error) {
	intro, lines, outro := r.paragraphs()
	var b strings.Builder
	b.WriteString(r.t("hello") + "\n\n" + intro + "\n\n")
	if len(lines) > 0 {
		b.WriteString(r.t("settled") + "\n")
		for _, l := range lines {
			b.WriteString("- " + l + "\n")
		}
		b.WriteString("\n")
	}
	for _, o := range outro {
		b.WriteString(o + "\n\n")
	}
	b.WriteString(r.t("regards") + "\n" + r.OrgName + "\n")
	var h bytes.Buffer
	err := receiptHTML.Execute(&h, map[string]any{"Lang": r.Lang, "Hello": r.t("hello"), "Intro": intro, "Settled": r.t("settled"),
		"Lines": lines, "Outro": outro, "Regards": r.t("regards"), "OrgName": r.OrgName})
	return b.String(), h.String(), err
}
