package portal

import (
	"fmt"

	"github.com/relance/relance/internal/platform/locale"
)

// pageTexts are the debtor page's, the statement's and the link emails' words in French and
// English (fmt verbs for the values).
var pageTexts = map[string][2]string{
	"title":               {"Votre compte chez %s", "Your account with %s"},
	"skip":                {"Aller au contenu", "Skip to content"},
	"switch_lang":         {"English", "Français"},
	"switch_lang_code":    {"en", "fr"},
	"contact":             {"Contact", "Contact"},
	"call":                {"Appeler le %s", "Call %s"},
	"write":               {"Écrire à %s", "Email %s"},
	"hello":               {"Bonjour %s,", "Hello %s,"},
	"intro":               {"voici votre compte chez %s au %s.", "here is your account with %s as of %s."},
	"summary":             {"Ce que vous devez", "What you owe"},
	"due_total":           {"Montant dû", "Amount due"},
	"overdue":             {"Dont en retard", "Overdue"},
	"disputed_part":       {"Dont en litige", "Disputed"},
	"oldest_due":          {"Plus ancienne échéance", "Oldest due date"},
	"credit":              {"Avoir disponible", "Credit available"},
	"penalties_total":     {"Pénalités de retard applicables (non incluses)", "Late-payment penalties due (not included)"},
	"open_count_1":        {"1 facture à régler", "1 invoice to pay"},
	"open_count_n":        {"%d factures à régler", "%d invoices to pay"},
	"pay_title":           {"Régler", "Pay"},
	"pay_all":             {"Payer %s", "Pay %s"},
	"pay_methods":         {"Paiement sécurisé par Stripe : %s.", "Secure payment by Stripe: %s."},
	"method_list_card":    {"carte bancaire", "card"},
	"method_list_sepa":    {"prélèvement SEPA", "SEPA direct debit"},
	"or":                  {"ou", "or"},
	"transfer_title":      {"Payer par virement", "Pay by bank transfer"},
	"beneficiary":         {"Bénéficiaire", "Beneficiary"},
	"iban":                {"IBAN", "IBAN"},
	"bic":                 {"BIC", "BIC"},
	"reference":           {"Référence à indiquer", "Payment reference"},
	"transfer_hint":       {"Indiquez cette référence : votre virement sera reconnu sans délai.", "Quote this reference so that your transfer is matched at once."},
	"no_bank":             {"Contactez-nous pour obtenir nos coordonnées bancaires.", "Contact us for our bank details."},
	"invoices_title":      {"Factures à régler", "Invoices to pay"},
	"invoices_caption":    {"Vos factures en attente de règlement, de la plus ancienne à la plus récente", "Your unpaid invoices, oldest first"},
	"col_select":          {"Choisir", "Select"},
	"col_number":          {"Facture", "Invoice"},
	"col_issue":           {"Émise le", "Issued"},
	"col_due":             {"Échéance", "Due"},
	"col_total":           {"Montant", "Amount"},
	"col_balance":         {"Reste dû", "Balance"},
	"col_status":          {"Statut", "Status"},
	"col_penalties":       {"Pénalités", "Penalties"},
	"col_pdf":             {"Document", "Document"},
	"pdf":                 {"PDF", "PDF"},
	"pdf_of":              {"Facture %s (PDF)", "Invoice %s (PDF)"},
	"no_pdf":              {"—", "—"},
	"pay_selected":        {"Payer les factures cochées", "Pay the ticked invoices"},
	"select_hint":         {"Cochez des factures pour n'en régler qu'une partie.", "Tick invoices to pay only some of them."},
	"badge_not_due":       {"À échoir", "Not yet due"},
	"badge_due_today":     {"Échéance aujourd'hui", "Due today"},
	"badge_late_1":        {"En retard de 1 j", "1 day late"},
	"badge_late_n":        {"En retard de %d j", "%d days late"},
	"badge_disputed":      {"En litige", "Disputed"},
	"badge_promised":      {"Promesse au %s", "Promised for %s"},
	"all_clear_title":     {"Votre compte est à jour", "Your account is up to date"},
	"all_clear":           {"Aucune facture n'attend de règlement. Merci !", "No invoice is awaiting payment. Thank you!"},
	"actions_title":       {"Que souhaitez-vous faire ?", "What would you like to do?"},
	"action_question":     {"Poser une question", "Ask a question"},
	"action_dispute":      {"Contester une facture", "Dispute an invoice"},
	"action_promise":      {"Indiquer une date de paiement", "Tell us when you will pay"},
	"action_bank":         {"Mettre à jour vos coordonnées bancaires", "Update your bank details"},
	"action_statement":    {"Télécharger un relevé", "Download a statement"},
	"statement_title":     {"Relevé de compte", "Account statement"},
	"statement_intro":     {"Vos factures ouvertes et vos paiements des 12 derniers mois, à enregistrer ou imprimer.", "Your open invoices and your payments of the last 12 months, to keep or print."},
	"statement_pdf":       {"Relevé PDF", "PDF statement"},
	"statement_csv":       {"Relevé pour Excel (CSV)", "Statement for Excel (CSV)"},
	"payments_title":      {"Paiements des 12 derniers mois", "Payments in the last 12 months"},
	"payments_caption":    {"Paiements reçus, du plus récent au plus ancien", "Payments received, newest first"},
	"col_date":            {"Date", "Date"},
	"col_amount":          {"Montant", "Amount"},
	"col_method":          {"Moyen", "Method"},
	"col_ref":             {"Référence", "Reference"},
	"col_settled":         {"Factures réglées", "Invoices settled"},
	"no_payments":         {"Aucun paiement reçu ces 12 derniers mois.", "No payment received in the last 12 months."},
	"method_transfer":     {"Virement", "Transfer"},
	"method_card":         {"Carte bancaire", "Card"},
	"method_sepa_debit":   {"Prélèvement SEPA", "SEPA direct debit"},
	"method_check":        {"Chèque", "Cheque"},
	"method_cash":         {"Espèces", "Cash"},
	"method_other":        {"Autre", "Other"},
	"footer_personal":     {"Cette page est personnelle : elle est réservée à %s. Ne transférez pas ce lien.", "This page is personal to %s. Do not forward this link."},
	"footer_terms":        {"Retard de paiement : pénalités au taux annuel de %s %% et indemnité forfaitaire pour frais de recouvrement de %s par facture (articles L441-10 et D441-5 du Code de commerce).", "Late payment: interest at %s%% a year and a fixed recovery fee of %s per invoice (French Commercial Code, articles L441-10 and D441-5)."},
	"footer_terms_rate":   {"Retard de paiement : pénalités au taux annuel de %s %% (article L441-10 du Code de commerce).", "Late payment: interest at %s%% a year (French Commercial Code, article L441-10)."},
	"footer_bank":         {"Nous ne changeons jamais nos coordonnées bancaires par e-mail.", "We never change our bank details by email."},
	"footer_transparency": {"Le suivi de ce compte est assuré avec Relance pour le compte de %s.", "This account is followed up with Relance on behalf of %s."},
	"language":            {"Langue", "Language"},
	"expired_title":       {"Ce lien n'est plus valable", "This link is no longer valid"},
	"expired_body":        {"Pour votre sécurité, les liens vers votre compte expirent ou peuvent être désactivés. Saisissez l'adresse e-mail à laquelle vous recevez nos messages : nous vous enverrons un nouveau lien.", "For your security, links to your account expire or may be switched off. Enter the email address at which you receive our messages: we will send you a new link."},
	"resend_title":        {"Recevoir un nouveau lien", "Get a new link"},
	"email_label":         {"Votre adresse e-mail", "Your email address"},
	"email_hint":          {"Celle à laquelle nos messages vous parviennent.", "The one our messages reach you at."},
	"resend_button":       {"Recevoir un nouveau lien", "Send me a new link"},
	"resend_done_title":   {"Vérifiez votre messagerie", "Check your inbox"},
	"resend_done":         {"Si cette adresse est celle d'un de nos contacts, un nouveau lien vient de lui être envoyé. Pensez à regarder dans les courriers indésirables.", "If this address belongs to one of our contacts, a new link has just been sent to it. Look in your spam folder too."},
	"resend_invalid":      {"Saisissez une adresse e-mail valide.", "Enter a valid email address."},
	"throttled_title":     {"Trop de tentatives", "Too many attempts"},
	"throttled_body":      {"Trop de liens erronés ont été essayés depuis votre connexion. Patientez quelques minutes puis réessayez.", "Too many wrong links were tried from your connection. Wait a few minutes and try again."},
	"error_title":         {"Page introuvable", "Page not found"},
	"generic_footer":      {"Relance : suivi des factures et des règlements.", "Relance: invoice and payment follow-up."},
	"mail_subject":        {"Votre nouveau lien vers votre compte chez %s", "Your new link to your account with %s"},
	"mail_hello":          {"Bonjour,", "Hello,"},
	"mail_body":           {"Voici votre nouveau lien personnel pour consulter votre compte chez %s, régler vos factures ou nous répondre :", "Here is your new personal link to see your account with %s, pay your invoices or answer us:"},
	"mail_button":         {"Ouvrir mon compte", "Open my account"},
	"mail_valid":          {"Ce lien est valable jusqu'au %s. Ne le transférez pas : il donne accès à votre compte.", "This link is valid until %s. Do not forward it: it opens your account."},
	"mail_ignore":         {"Vous n'avez rien demandé ? Ignorez simplement ce message.", "You did not ask for it? Just ignore this message."},
	// The statement.
	"st_title":       {"Relevé de compte", "Account statement"},
	"st_as_of":       {"Au %s", "As of %s"},
	"st_customer":    {"Client", "Customer"},
	"st_creditor":    {"Créancier", "Creditor"},
	"st_invoices":    {"Factures ouvertes", "Open invoices"},
	"st_no_invoices": {"Aucune facture ouverte.", "No open invoice."},
	"st_days_late":   {"Retard (j)", "Days late"},
	"st_payments":    {"Paiements des 12 derniers mois", "Payments in the last 12 months"},
	"st_total_due":   {"Total dû", "Total due"},
	"st_page":        {"Page %d/{nb}", "Page %d/{nb}"},
	"st_filename":    {"releve", "statement"},
	"csv_type":       {"Type", "Type"},
	"csv_invoice":    {"Facture", "Invoice"},
	"csv_payment":    {"Paiement", "Payment"},
	"csv_currency":   {"Devise", "Currency"},
	"csv_total":      {"Total", "Total"},
}

// Text is a word of the page in lang ("fr" unless "en"), with args put in its fmt verbs. A key
// it does not know comes back unchanged.
func Text(lang, key string, args ...any) string {
	t, ok := pageTexts[key]
	if !ok {
		return key
	}
	s := t[0]
	if lang == "en" {
		s = t[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// lateBadge is the "N days late" text.
func lateBadge(days int, lang string) string {
	if days == 1 {
		return Text(lang, "badge_late_1")
	}
	return Text(lang, "badge_late_n", days)
}

// Badge is the status text of an invoice of the page.
func (inv PageInvoice) Badge(lang string) string {
	switch inv.Status {
	case StatusDisputed:
		return Text(lang, "badge_disputed")
	case StatusPromised:
		return Text(lang, "badge_promised", locale.DateShort(*inv.PromisedOn, lang))
	case StatusLate:
		return lateBadge(inv.DaysLate, lang)
	case StatusDueToday:
		return Text(lang, "badge_due_today")
	}
	return Text(lang, "badge_not_due")
}

// MethodName is a payment method's name.
func MethodName(method, lang string) string {
	if _, ok := pageTexts["method_"+method]; ok {
		return Text(lang, "method_"+method)
	}
	return method
}
