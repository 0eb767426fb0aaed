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

var reasonLabels = map[string][2]string{
	"not_received":               {"Facture non reçue", "Invoice not received"},
	"wrong_amount":               {"Montant erroné", "Wrong amount"},
	"goods_missing_or_defective": {"Marchandise manquante ou défectueuse", "Goods missing or defective"},
	"service_not_rendered":       {"Prestation non réalisée", "Service not rendered"},
	"already_paid":               {"Facture déjà réglée", "Already paid"},
	"other":                      {"Autre motif", "Other reason"},
}

var methodLabels = map[string][2]string{
	"transfer":   {"Virement", "Bank transfer"},
	"card":       {"Carte bancaire", "Card"},
	"sepa_debit": {"Prélèvement SEPA", "SEPA direct debit"},
	"check":      {"Chèque", "Cheque"},
	"cash":       {"Espèces", "Cash"},
	"other":      {"Autre", "Other"},
}

func choiceLabel(m map[string][2]string, v, lang string) string {
	l, ok := m[v]
	if !ok {
		return v
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// DisputeReasons lists the dispute reasons in lang (fr or en), in the form's order.
func DisputeReasons(lang string) []Choice {
	out := make([]Choice, len(dunning.DisputeReasons))
	for i, r := range dunning.DisputeReasons {
		out[i] = Choice{r, choiceLabel(reasonLabels, r, lang)}
	}
	return out
}

// PromiseMethods lists the ways a debtor may promise to pay, in lang.
func PromiseMethods(lang string) []Choice {
	out := make([]Choice, len(dunning.PromiseMethods))
	for i, m := range dunning.PromiseMethods {
		out[i] = Choice{m, choiceLabel(methodLabels, m, lang)}
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
		lang := r.Locale
		if lang != "en" {
			lang = "fr"
		}
		if contact == "" {
			contact = map[string]string{"fr": "Le client", "en": "The customer"}[lang]
		}
		n := write(lang, c, contact)
		link := strings.TrimRight(s.opts.BaseURL, "/") + "/customers/" + c.ID.String()
		button := map[string]string{"fr": "Ouvrir la fiche client", "en": "Open the customer"}[lang]
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
		var n notice
		if lang == "en" {
			n = notice{Subject: "Question from " + c.Name + " on their payment page",
				Intro: []string{contact + " asked a question on the payment page of " + c.Name + ":"}, Quote: q.Message,
				Outro: []string{"Answer it from the customer's page in Relance, or reply to this email."}}
		} else {
			n = notice{Subject: "Question de " + c.Name + " sur sa page de paiement",
				Intro: []string{contact + " a posé une question sur la page de paiement de " + c.Name + " :"}, Quote: q.Message,
				Outro: []string{"Répondez depuis la fiche client dans Relance, ou en répondant à cet e-mail."}}
		}
		if inv != nil {
			n.Facts = append(n.Facts, [2]string{inLang(lang, "Facture", "Invoice"), inv.Number})
		}
		if q.AttachmentName != nil {
			n.Facts = append(n.Facts, [2]string{inLang(lang, "Pièce jointe", "Attachment"),
				*q.AttachmentName + inLang(lang, " (dans Relance)", " (in Relance)")})
		}
		return n
	}
}

func disputeNotice(d dunning.DisputeView, invoices []ledger.InvoiceBalance, attachment string) noticeFunc {
	return func(lang string, c formCustomer, contact string) notice {
		nums := invoiceNumbers(invoices)
		n := notice{Quote: d.Comment}
		if lang == "en" {
			n.Subject = "Dispute from " + c.Name + ": " + nums
			n.Intro = []string{contact + " disputes " + pluralOf(len(invoices), "invoice ", "invoices ") + nums +
				" on the payment page of " + c.Name + "."}
			n.Outro = []string{"Reminders for these invoices are paused until you resolve the dispute in Relance."}
		} else {
			n.Subject = "Litige ouvert par " + c.Name + " : " + nums
			n.Intro = []string{contact + " conteste " + pluralOf(len(invoices), "la facture ", "les factures ") + nums +
				" sur la page de paiement de " + c.Name + "."}
			n.Outro = []string{"Les relances de ces factures sont suspendues jusqu'à la résolution du litige dans Relance."}
		}
		n.Facts = append(n.Facts, [2]string{inLang(lang, "Motif", "Reason"), choiceLabel(reasonLabels, d.Reason, lang)})
		for _, inv := range invoices {
			n.Facts = append(n.Facts, [2]string{inv.Number, locale.Money(inv.BalanceCents, inv.Currency, lang) +
				inLang(lang, " restant dus", " outstanding")})
		}
		if attachment != "" {
			n.Facts = append(n.Facts, [2]string{inLang(lang, "Justificatif", "Proof"), attachment + inLang(lang, " (dans Relance)", " (in Relance)")})
		}
		return n
	}
}

func bankNotice(ch bankChangeRow) noticeFunc {
	return func(lang string, c formCustomer, contact string) notice {
		n := notice{Facts: [][2]string{
			{inLang(lang, "Titulaire", "Holder"), ch.Holder},
			{"IBAN", locale.IBAN(ch.IBAN)},
			{inLang(lang, "Pays", "Country"), CountryName(ch.Country, lang)},
		}}
		if ch.BIC != "" {
			n.Facts = append(n.Facts, [2]string{"BIC", ch.BIC})
		}
		if lang == "en" {
			n.Subject = "New bank details submitted for " + c.Name
			n.Intro = []string{contact + " submitted new bank details for " + c.Name + " on the payment page."}
			n.Outro = []string{"Nothing changes until you confirm them in Relance. Check the change by phone with a contact you already know before confirming: changed bank details are a common fraud."}
		} else {
			n.Subject = "Nouvelles coordonnées bancaires pour " + c.Name
			n.Intro = []string{contact + " a saisi de nouvelles coordonnées bancaires pour " + c.Name + " sur la page de paiement."}
			n.Outro = []string{"Rien ne change tant que vous ne les avez pas confirmées dans Relance. Vérifiez ce changement par téléphone auprès d'un interlocuteur connu avant de confirmer : le changement de RIB est une fraude courante."}
		}
		return n
	}
}

// confirmPromise emails the debtor's contact the promise as recorded.
func (s *Service) confirmPromise(ctx context.Context, tx *gorm.DB, a Access, c formCustomer, p dunning.PromiseView, invoices []ledger.InvoiceBalance) error {
	if !validAddress(a.ContactEmail) {
		return nil
	}
	lang := c.Language
	if lang != "en" {
		lang = "fr"
	}
	date := locale.Date(p.PromisedOn, lang)
	method := strings.ToLower(choiceLabel(methodLabels, p.Method, lang))
	var n notice
	if lang == "en" {
		n = notice{Subject: c.OrgName + ": your payment promise for " + date,
			Intro: []string{"Hello,", "Thank you: " + c.OrgName + " has recorded your promise to pay by " + method + " on " + date + ":"},
			Outro: []string{"We will not send reminders for " + pluralOf(len(invoices), "this invoice", "these invoices") +
				" until then. To change the date, use the link in our messages."}}
	} else {
		n = notice{Subject: c.OrgName + " : votre promesse de paiement au " + date,
			Intro: []string{"Bonjour,", "Merci : " + c.OrgName + " a bien enregistré votre engagement à régler par " + method +
				" le " + date + " :"},
			Outro: []string{"Nous ne vous relancerons pas pour " + pluralOf(len(invoices), "cette facture", "ces factures") +
				" d'ici là. Pour changer la date, utilisez le lien de nos messages."}}
	}
	var total int64
	for _, inv := range invoices {
		n.Facts = append(n.Facts, [2]string{inv.Number, locale.Money(inv.BalanceCents, inv.Currency, lang)})
		total += inv.BalanceCents
	}
	if len(invoices) > 1 && sameCurrency(invoices) {
		n.Facts = append(n.Facts, [2]string{inLang(lang, "Total", "Total"), locale.Money(total, invoices[0].Currency, lang)})
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

func pluralOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func inLang(lang, fr, en string) string {
	if lang == "en" {
		return en
	}
	return fr
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
		t.WriteString(f[0] + inLang(lang, " : ", ": ") + f[1] + "\n")
	}
	if len(n.Facts) > 0 {
		t.WriteString("\n")
	}
	for _, p := range n.Outro {
		t.WriteString(p + "\n\n")
	}
	if link != "" {
		t.WriteString(button + inLang(lang, " : ", ": ") + link + "\n")
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
