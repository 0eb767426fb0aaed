package api

import (
	"regexp"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"
)

// messagesFR translates the messages of problems into French. Domains write their messages in
// English; a caller whose Accept-Language prefers French (the SPA sends its language) reads them
// in French. A message missing here stays in English.
var messagesFR = map[string]string{
	"An account already exists for this email address: sign in instead.":                    "Un compte existe déjà pour cette adresse e-mail : connectez-vous.",
	"An organisation keeps at least one owner: make someone else owner first.":              "Une organisation garde au moins un propriétaire : nommez d'abord quelqu'un d'autre propriétaire.",
	"Authentication is required: send a valid access token or API key.":                     "Authentification requise : envoyez un jeton d'accès ou une clé d'API valide.",
	"Choose admin, collector or viewer.":                                                    "Choisissez admin, collector ou viewer.",
	"Choose fr or en.":                                                                      "Choisissez fr ou en.",
	"Choose owner, admin, collector or viewer.":                                             "Choisissez owner, admin, collector ou viewer.",
	"Email or password is incorrect.":                                                       "E-mail ou mot de passe incorrect.",
	"Enter a valid email address.":                                                          "Saisissez une adresse e-mail valide.",
	"Enter the organisation's name.":                                                        "Saisissez le nom de l'organisation.",
	"Enter your name.":                                                                      "Saisissez votre nom.",
	"Expected a UUID.":                                                                      "Un identifiant UUID est attendu.",
	"Expected a whole number ≥ 0.":                                                          "Un nombre entier positif est attendu.",
	"Filter on pending, accepted, revoked or expired.":                                      "Filtrez sur pending, accepted, revoked ou expired.",
	"Give the key a name of 1 to 100 characters.":                                           "Donnez à la clé un nom de 1 à 100 caractères.",
	"No such API endpoint.":                                                                 "Cette adresse d'API n'existe pas.",
	"Not found.":                                                                            "Introuvable.",
	"Send a JSON object in the request body.":                                               "Envoyez un objet JSON dans le corps de la requête.",
	"Something went wrong on our side. Quote the request id if you contact support.":        "Une erreur est survenue de notre côté. Citez l'identifiant de requête si vous contactez le support.",
	"Sort by email, role, status, created_at or expires_at.":                                "Triez par email, role, status, created_at ou expires_at.",
	"Sort by name, created_at, last_used_at or role.":                                       "Triez par name, created_at, last_used_at ou role.",
	"Sort by name, email, role or created_at.":                                              "Triez par name, email, role ou created_at.",
	"The refresh token is invalid, expired or revoked: sign in again.":                      "La session a expiré ou a été révoquée : reconnectez-vous.",
	"The request body is not valid JSON.":                                                   "Le corps de la requête n'est pas un JSON valide.",
	"The request body is too large.":                                                        "Le corps de la requête est trop volumineux.",
	"The request has invalid fields.":                                                       "Certains champs sont invalides.",
	"This account is not a member of any organisation.":                                     "Ce compte n'appartient à aucune organisation.",
	"This invitation was already used, revoked or has expired.":                             "Cette invitation a déjà été utilisée, a été révoquée ou a expiré.",
	"This is not the password of your existing account.":                                    "Ce n'est pas le mot de passe de votre compte existant.",
	"This person is already a member of the organisation.":                                  "Cette personne est déjà membre de l'organisation.",
	"Too many failed sign-in attempts. Wait a few minutes and try again.":                   "Trop de tentatives de connexion échouées. Patientez quelques minutes puis réessayez.",
	"Use at least 10 characters.":                                                           "Utilisez au moins 10 caractères.",
	"You cannot give a key more rights than you have.":                                      "Vous ne pouvez pas donner à une clé plus de droits que vous n'en avez.",
	"A partly paid invoice cannot be cancelled: issue a credit note or write the rest off.": "Une facture en partie réglée ne peut pas être annulée : émettez un avoir ou passez le reste en perte.",
	"A phone number is needed for this channel.":                                            "Un numéro de téléphone est nécessaire pour ce canal.",
	"Allocate more than zero.":                                                              "Affectez un montant supérieur à zéro.",
	"Already used by another document.":                                                     "Déjà utilisé par un autre document.",
	"Already used by another record.":                                                       "Déjà utilisé par un autre enregistrement.",
	"An email address is needed to be reached by email.":                                    "Une adresse e-mail est nécessaire pour être relancé par e-mail.",
	"Another document of this organisation already has this number.":                        "Un autre document de l'organisation porte déjà ce numéro.",
	"Another record of this organisation already has this external id.":                     "Un autre enregistrement de l'organisation a déjà cet identifiant externe.",
	"At most %d.":                                                                             "%d au maximum.",
	"Between 0 and 365 days.":                                                                 "Entre 0 et 365 jours.",
	"Cannot be negative.":                                                                     "Ne peut pas être négatif.",
	"Choose a member of the organisation.":                                                    "Choisissez un membre de l'organisation.",
	"Choose accounting, sales, billing or other.":                                             "Choisissez accounting, sales, billing ou other.",
	"Choose auto, manual or none.":                                                            "Choisissez auto, manual ou none.",
	"Choose email, sms, letter or phone.":                                                     "Choisissez email, sms, letter ou phone.",
	"Choose transfer, card, sepa_debit, check, cash or other.":                                "Choisissez transfer, card, sepa_debit, check, cash ou other.",
	"Enter a valid phone number, with its country code when not French.":                      "Saisissez un numéro de téléphone valide, avec l'indicatif du pays s'il n'est pas français.",
	"Enter the credit note's number.":                                                         "Saisissez le numéro de l'avoir.",
	"Enter the customer's name (at most 300 characters).":                                     "Saisissez le nom du client (300 caractères au plus).",
	"Enter the date the money was received (YYYY-MM-DD).":                                     "Saisissez la date de réception du paiement (AAAA-MM-JJ).",
	"Enter the invoice number (at most 100 characters).":                                      "Saisissez le numéro de facture (100 caractères au plus).",
	"Enter the issue date (YYYY-MM-DD).":                                                      "Saisissez la date d'émission (AAAA-MM-JJ).",
	"Expected an id (UUID).":                                                                  "Un identifiant (UUID) est attendu.",
	"Filter on open, partially_paid, paid, cancelled or written_off.":                         "Filtrez sur open, partially_paid, paid, cancelled ou written_off.",
	"Give allocation lines, or ask for auto.":                                                 "Donnez des lignes d'affectation, ou demandez auto.",
	"Give at least a name, an email or a phone number.":                                       "Indiquez au moins un nom, un e-mail ou un téléphone.",
	"More than the invoice's balance (%d).":                                                   "Plus que le solde de la facture (%d).",
	"No customer with this id in your organisation.":                                          "Aucun client de votre organisation n'a cet identifiant.",
	"No invoice with this id in your organisation.":                                           "Aucune facture de votre organisation n'a cet identifiant.",
	"Send the file in the multipart field named file.":                                        "Envoyez le fichier dans le champ multipart « file ».",
	"Sort by issue_date, number or amount.":                                                   "Triez par issue_date, number ou amount.",
	"Sort by name, balance, overdue, open_invoices, oldest_due_date or created_at.":           "Triez par name, balance, overdue, open_invoices, oldest_due_date ou created_at.",
	"Sort by number, issue_date, due_date, total, balance, days_overdue, status or customer.": "Triez par number, issue_date, due_date, total, balance, days_overdue, status ou customer.",
	"Sort by received_on, amount or customer.":                                                "Triez par received_on, amount ou customer.",
	"Sort by created_at, filename, kind, status or finished_at.":                              "Triez par created_at, filename, kind, status ou finished_at.",
	"The PDF is larger than 10 MB.":                                                           "Le PDF dépasse 10 Mo.",
	"The allocations add up to %d, more than the %d left to allocate.":                        "Les affectations totalisent %d, plus que les %d restant à affecter.",
	"The amount must be more than zero.":                                                      "Le montant doit être supérieur à zéro.",
	"The due date cannot be before the issue date.":                                           "L'échéance ne peut pas précéder la date d'émission.",
	"The due date is before the issue date.":                                                  "L'échéance précède la date d'émission.",
	"The file is larger than %d MB.":                                                          "Le fichier dépasse %d Mo.",
	"The tax must be between zero and the total.":                                             "La TVA doit être comprise entre zéro et le total.",
	"The total must be more than zero.":                                                       "Le total doit être supérieur à zéro.",
	"This PDF is incomplete or damaged.":                                                      "Ce PDF est incomplet ou endommagé.",
	"This customer has invoices in another currency.":                                         "Ce client a des factures dans une autre devise.",
	"This customer's invoices are in %s.":                                                     "Les factures de ce client sont en %s.",
	"This file is not a PDF.":                                                                 "Ce fichier n'est pas un PDF.",
	"This invoice already has payments or credit notes: its amounts can no longer change.":    "Cette facture a déjà des règlements ou des avoirs : ses montants ne peuvent plus changer.",
	"This invoice belongs to another customer.":                                               "Cette facture appartient à un autre client.",
	"This invoice has no PDF yet.":                                                            "Cette facture n'a pas encore de PDF.",
	"This invoice is cancelled or written off.":                                               "Cette facture est annulée ou passée en perte.",
	"This invoice is in %s, not %s.":                                                          "Cette facture est en %s, pas en %s.",
	"This invoice is %s: nothing is left to settle.":                                          "Cette facture est %s : il ne reste rien à régler.",
	"This invoice is listed twice.":                                                           "Cette facture apparaît deux fois.",
	"This invoice is paid.":                                                                   "Cette facture est réglée.",
	"This payment was reversed.":                                                              "Ce paiement a été annulé.",
	"Use a 2-letter ISO country code such as FR.":                                             "Utilisez un code pays ISO à 2 lettres, comme FR.",
	"Use a 3-letter ISO currency code such as EUR.":                                           "Utilisez un code devise ISO à 3 lettres, comme EUR.",
	"Use a date like 2026-03-31.":                                                             "Utilisez une date comme 2026-03-31.",
	"Use at least %d characters.":                                                             "Utilisez au moins %d caractères.",
	"At most %d characters.":                                                                  "%d caractères au plus.",
	"Choose ; , | or tab.":                                                                    "Choisissez ; , | ou tabulation.",
	"Choose customers, invoices or payments.":                                                 "Choisissez customers, invoices ou payments.",
	"Choose dmy, mdy or ymd.":                                                                 "Choisissez dmy, mdy ou ymd.",
	"Choose the column that holds the customer's code or name.":                               "Choisissez la colonne du code ou du nom du client.",
	"Choose utf-8, utf-16, windows-1252 or iso-8859-1.":                                       "Choisissez utf-8, utf-16, windows-1252 ou iso-8859-1.",
	"Nothing was imported: %d rows have problems. Fix them, or import without all-or-nothing to skip them.": "Rien n'a été importé : %d lignes posent problème. Corrigez-les, ou importez sans « tout ou rien » pour les ignorer.",
	"Relance has no field of that name for this kind of import.":                                            "Relance n'a pas de champ de ce nom pour ce type d'import.",
	"Some of these rows were created by someone else while the import ran: run it again.":                   "Certaines lignes ont été créées par quelqu'un d'autre pendant l'import : relancez-le.",
	"The file has no column %q.":              "Le fichier n'a pas de colonne %q.",
	"The file has no header row.":             "Le fichier n'a pas de ligne d'en-tête.",
	"The file is empty.":                      "Le fichier est vide.",
	"The file is too large.":                  "Le fichier est trop volumineux.",
	"The workbook has no sheet named %q.":     "Le classeur n'a pas de feuille nommée %q.",
	"The workbook has no sheet of that name.": "Le classeur n'a pas de feuille de ce nom.",
	"This file was already imported: upload it again to import it once more.":                "Ce fichier a déjà été importé : déposez-le de nouveau pour l'importer une autre fois.",
	"This import is running: wait until it ends.":                                            "Cet import est en cours : attendez qu'il se termine.",
	"This is an old Excel .xls file: save it as .xlsx or CSV, then upload it again.":         "Ceci est un ancien fichier Excel .xls : enregistrez-le en .xlsx ou CSV, puis déposez-le de nouveau.",
	"This workbook cannot be read: save it again as .xlsx or CSV.":                           "Ce classeur est illisible : enregistrez-le de nouveau en .xlsx ou CSV.",
	"Upload a CSV file (text, separated by ; or ,) or an Excel .xlsx workbook.":              "Déposez un fichier CSV (texte séparé par ; ou ,) ou un classeur Excel .xlsx.",
	"The import stopped on an unexpected error. Try again; if it persists, contact support.": "L'import s'est arrêté sur une erreur inattendue. Réessayez ; si cela persiste, contactez le support.",
	"Expected a %s.":                        "Une valeur de type %s est attendue.",
	"Choose the column that holds the %s.":  "Choisissez la colonne qui contient : %s.",
	"Your role does not allow this action.": "Votre rôle ne permet pas cette action.",
}

// templates are the catalogue's entries with verbs (%d, %s, %q), as patterns that capture the
// values to put back into the French text.
var templates = buildTemplates(messagesFR)

type template struct {
	re *regexp.Regexp
	fr string
}

var verb = regexp.MustCompile(`%[dsq]`)

func buildTemplates(catalogue map[string]string) []template {
	var out []template
	for en, fr := range catalogue {
		if !verb.MatchString(en) {
			continue
		}
		parts := verb.Split(en, -1)
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		out = append(out, template{re: regexp.MustCompile("^" + strings.Join(parts, "(.+?)") + "$"), fr: fr})
	}
	// The most specific (longest) pattern first: "At most %d characters." before "At most %d.".
	sort.Slice(out, func(i, j int) bool { return len(out[i].re.String()) > len(out[j].re.String()) })
	return out
}

// translate returns the French text of an English message, or the message itself.
func translate(s string) string {
	if fr, ok := messagesFR[s]; ok {
		return fr
	}
	for _, t := range templates {
		if m := t.re.FindStringSubmatch(s); m != nil {
			i := 0
			return verb.ReplaceAllStringFunc(t.fr, func(string) string { i++; return m[i] })
		}
	}
	return s
}

// prefersFrench reports whether the caller's Accept-Language puts French before English.
func prefersFrench(c echo.Context) bool {
	for _, part := range strings.Split(c.Request().Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "fr"):
			return true
		case strings.HasPrefix(tag, "en"):
			return false
		}
	}
	return false
}

// localize translates a problem's messages for the caller.
func localize(c echo.Context, p *Problem) {
	if !prefersFrench(c) {
		return
	}
	p.Detail = translate(p.Detail)
	for i := range p.Errors {
		p.Errors[i].Message = translate(p.Errors[i].Message)
	}
}
