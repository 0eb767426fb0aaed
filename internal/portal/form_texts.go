package portal

import "fmt"

// formTexts are the words of the page's self-service forms (#question, #litige, #promesse,
// #coordonnees) and of their confirmations, in French and English (fmt verbs for the values).
var formTexts = map[string][2]string{
	"optional":         {"facultatif", "optional"},
	"attachment":       {"Pièce jointe", "Attachment"},
	"attachment_hint":  {"PDF, PNG ou JPEG, 5 Mo au plus.", "PDF, PNG or JPEG, at most 5 MB."},
	"attachment_again": {"Votre fichier n'a pas été conservé : sélectionnez-le à nouveau.", "Your file was not kept: select it again."},
	"errors_1":         {"Le formulaire n'a pas été envoyé : corrigez le champ signalé.", "The form was not sent: correct the field marked below."},
	"errors_n":         {"Le formulaire n'a pas été envoyé : corrigez les %d champs signalés.", "The form was not sent: correct the %d fields marked below."},
	"invoices_hint":    {"Cochez une ou plusieurs factures.", "Tick one or more invoices."},
	"due_on":           {"échéance\u00a0%s", "due\u00a0%s"},

	"question_title":   {"Poser une question", "Ask a question"},
	"question_intro":   {"Une question sur une facture ou sur votre compte ? %s vous répond par e-mail.", "A question about an invoice or your account? %s will answer by email."},
	"question_message": {"Votre question", "Your question"},
	"question_invoice": {"Facture concernée", "Invoice concerned"},
	"question_none":    {"Aucune en particulier", "None in particular"},
	"question_submit":  {"Envoyer la question", "Send the question"},
	"done_question":    {"Votre question a bien été envoyée. %s vous répondra par e-mail.", "Your question has been sent. %s will answer by email."},

	"dispute_title":    {"Contester une facture", "Dispute an invoice"},
	"dispute_intro":    {"Facture non reçue, montant erroné, livraison incomplète ? Dites-le-nous : les relances des factures contestées sont suspendues le temps que %s examine votre demande.", "Invoice not received, wrong amount, incomplete delivery? Tell us: reminders for the disputed invoices stop while %s looks into it."},
	"dispute_invoices": {"Factures contestées", "Invoices disputed"},
	"dispute_reason":   {"Motif", "Reason"},
	"dispute_choose":   {"Choisissez un motif", "Choose a reason"},
	"dispute_comment":  {"Précisions", "Details"},
	"dispute_proof":    {"Justificatif", "Proof"},
	"dispute_submit":   {"Signaler le litige", "Report the dispute"},
	"dispute_none":     {"Toutes vos factures en cours sont déjà en litige : %s revient vers vous.", "All your open invoices are already disputed: %s will get back to you."},
	"done_dispute":     {"Votre contestation est enregistrée. Les relances de ces factures sont suspendues et %s revient vers vous.", "Your dispute is recorded. Reminders for these invoices have stopped and %s will get back to you."},

	"promise_title":    {"Annoncer une date de paiement", "Tell us when you will pay"},
	"promise_intro":    {"Indiquez quand vous réglerez : nous ne vous relancerons pas d'ici là. Vous pourrez changer la date ici même.", "Tell us when you will pay: we will not send reminders until then. You can change the date here."},
	"promise_invoices": {"Factures que vous réglerez", "Invoices you will pay"},
	"promise_date":     {"Date de paiement", "Payment date"},
	"promise_range":    {"Entre aujourd'hui et le %s.", "Between today and %s."},
	"promise_method":   {"Moyen de paiement", "Payment method"},
	"promise_submit":   {"Enregistrer la date", "Confirm the date"},
	"done_promise":     {"Merci, votre date de paiement est enregistrée. Une confirmation vous a été envoyée par e-mail.", "Thank you, your payment date is recorded. A confirmation has been sent to you by email."},

	"bank_title":     {"Vos coordonnées bancaires", "Your bank details"},
	"bank_intro":     {"Le compte d'où viennent vos paiements, pour les remboursements et prélèvements. Pour votre sécurité, %s vérifie tout changement avant de l'utiliser.", "The account you pay from, for refunds and direct debits. For your security, %s checks any change before using it."},
	"bank_holder":    {"Titulaire du compte", "Account holder"},
	"bank_iban":      {"IBAN", "IBAN"},
	"bank_iban_hint": {"Tel qu'il figure sur votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189.", "As on your bank statement, for example FR76 3000 6000 0112 3456 7890 189."},
	"bank_bic":       {"BIC", "BIC"},
	"bank_bic_hint":  {"8 ou 11 caractères, par exemple BNPAFRPP.", "8 or 11 characters, for example BNPAFRPP."},
	"bank_submit":    {"Envoyer mes coordonnées", "Send my bank details"},
	"done_bank":      {"Vos coordonnées ont été transmises. %s les vérifiera avant de les utiliser.", "Your bank details have been sent. %s will check them before using them."},
}

// FormText is a word of the page's forms in lang ("fr" unless "en"), with args put in its fmt
// verbs. A key it does not know comes back unchanged.
func FormText(lang, key string, args ...any) string {
	t, ok := formTexts[key]
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
