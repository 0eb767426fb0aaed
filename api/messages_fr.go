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
	"Enter the credit note's number (at most 100 characters).":                                "Saisissez le numéro de l'avoir (100 caractères au plus).",
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
	// The limits of imports (internal/imports/limits.go).
	"The workbook holds more than %d MB once unzipped: keep only the sheet to import, or save it as CSV.":                                                  "Le classeur dépasse %d Mo une fois décompressé : ne gardez que la feuille à importer, ou enregistrez-la en CSV.",
	"The file has more than %d rows: split it into several files.":                                                                                         "Le fichier compte plus de %d lignes : découpez-le en plusieurs fichiers.",
	"Row %d has a value in column %d: a row may have at most %d columns.":                                                                                  "La ligne %d a une valeur en colonne %d : une ligne compte au plus %d colonnes.",
	"The cell in row %d, column %d is longer than %d characters.":                                                                                          "La cellule de la ligne %d, colonne %d, dépasse %d caractères.",
	"Row %d is too long: a row may have at most %d columns of at most %d characters.":                                                                      "La ligne %d est trop longue : une ligne compte au plus %d colonnes d'au plus %d caractères.",
	"The workbook is made of more than %d parts: save the sheet to import as CSV.":                                                                         "Le classeur compte plus de %d parties : enregistrez la feuille à importer en CSV.",
	"The workbook's small sheets and other parts (pictures, styles…) take more than %d MB once unzipped: remove them, or save the sheet to import as CSV.": "Les petites feuilles et autres parties du classeur (images, styles…) dépassent %d Mo une fois décompressées : retirez-les, ou enregistrez la feuille à importer en CSV.",
	"A text in the workbook is longer than %d characters.":                                                                                                 "Un texte du classeur dépasse %d caractères.",
	"The workbook holds more than %d different texts: save the sheet to import as CSV.":                                                                    "Le classeur contient plus de %d textes différents : enregistrez la feuille à importer en CSV.",
	"The import took too long and was stopped: split the file into smaller ones.":                                                                          "L'import a pris trop de temps et a été arrêté : découpez le fichier en fichiers plus petits.",
	"Expected a whole number.":            "Un nombre entier est attendu.",
	"Expected a number.":                  "Un nombre est attendu.",
	"Expected true or false.":             "true ou false est attendu.",
	"Expected text.":                      "Un texte est attendu.",
	"Expected a list.":                    "Une liste est attendue.",
	"Expected an object.":                 "Un objet est attendu.",
	"Remove the NUL character (\\u0000).": "Retirez le caractère NUL (\\u0000).",
	"At most %d (in minor units).":        "%d au maximum (en centimes).",
	"The total cannot be less than what was already paid or credited (%d).": "Le total ne peut pas être inférieur à ce qui a déjà été payé ou crédité (%d).",
	"Use a date between %d and %d.":                                         "Choisissez une date entre %d et %d.",
	"Use valid UTF-8 text.":                                                 "Utilisez un texte UTF-8 valide.",
	"Choose the column that holds the %s.":                                  "Choisissez la colonne qui contient : %s.",
	"Your role does not allow this action.":                                 "Votre rôle ne permet pas cette action.",
	// Dunning.
	"A preventive step comes on or before the due date.": "Une étape préventive a lieu au plus tard le jour de l'échéance.",
	"A scenario has at most 30 steps.":                   "Un scénario compte au plus 30 étapes.",
	"A segment is already served by another scenario.":   "Un segment est déjà couvert par un autre scénario.",
	"%q is already served by %q.":                        "%q est déjà couvert par %q.",
	"A template is required in every language.":          "Un modèle est requis dans chaque langue.",
	"Already used by another scenario.":                  "Déjà utilisé par un autre scénario.",
	"Another scenario already has this name.":            "Un autre scénario porte déjà ce nom.",
	"Choose at least one invoice.":                       "Choisissez au moins une facture.",
	"Late-payment penalties on invoice %s as of %s: interest %d, recovery indemnity %d (minor units), %d days at %s%%.": "Pénalités de retard sur la facture %s au %s : intérêts %d, indemnité de recouvrement %d (en centimes), %d jours à %s %%.",
	"Must be a plain name of at most 100 characters.":                                                                   "Un simple nom de 100 caractères au plus.",
	"Must be a percentage between 0 and 100.":                                                                           "Un pourcentage entre 0 et 100 est attendu.",
	"Must be after the start of the window.":                                                                            "Doit être après le début de la plage.",
	"Must be at most 2000 characters.":                                                                                  "2000 caractères au plus.",
	"Must be at most 5000 characters.":                                                                                  "5000 caractères au plus.",
	"Must be between -90 and 365 days.":                                                                                 "Entre -90 et 365 jours.",
	"Must be between 0 and 1000000.":                                                                                    "Entre 0 et 1000000.",
	"Must be between 0 and 365 days.":                                                                                   "Entre 0 et 365 jours.",
	"Must be between 0 and 60.":                                                                                         "Entre 0 et 60.",
	"Must be fr or en.":                                                                                                 "Choisissez fr ou en.",
	"Must be one of accounting, sales, both.":                                                                           "Choisissez accounting, sales ou both.",
	"Must be one of email, sms, letter, call.":                                                                          "Choisissez email, sms, letter ou call.",
	"Must be one of not_received, wrong_amount, goods_missing_or_defective, service_not_rendered, already_paid, other.": "Choisissez not_received, wrong_amount, goods_missing_or_defective, service_not_rendered, already_paid ou other.",
	"Must be one of preventive, reminder, formal_notice, amicable, legal.":                                              "Choisissez preventive, reminder, formal_notice, amicable ou legal.",
	"Must be one of transfer, card, sepa_debit, check, cash, other.":                                                    "Choisissez transfer, card, sepa_debit, check, cash ou other.",
	"Must not be below three times the legal interest rate.":                                                            "Ne peut pas être inférieur à trois fois le taux d'intérêt légal.",
	"Must not be empty.":                                                  "Ne peut pas être vide.",
	"Must not be negative.":                                               "Ne peut pas être négatif.",
	"No such customer.":                                                   "Client introuvable.",
	"No such scenario.":                                                   "Scénario introuvable.",
	"Not a number.":                                                       "Ce n'est pas un nombre.",
	"Not a step of this scenario.":                                        "Ce n'est pas une étape de ce scénario.",
	"Not a valid email address.":                                          "Adresse e-mail invalide.",
	"Not an invoice of this customer.":                                    "Ce n'est pas une facture de ce client.",
	"Not an upcoming step of this invoice's scenario.":                    "Ce n'est pas une étape à venir du scénario de cette facture.",
	"Only fr and en templates are supported.":                             "Seuls les modèles fr et en sont pris en charge.",
	"Required, at most 200 characters.":                                   "Obligatoire, 200 caractères au plus.",
	"Required.":                                                           "Obligatoire.",
	"This action can no longer be changed.":                               "Cette action ne peut plus être modifiée.",
	"This dispute is already resolved.":                                   "Ce litige est déjà résolu.",
	"This invoice has no step left to send.":                              "Il ne reste aucune étape à envoyer pour cette facture.",
	"This invoice is not late: there is no penalty to invoice.":           "Cette facture n'est pas en retard : aucune pénalité à facturer.",
	"This invoice is settled or closed: nothing to remind.":               "Cette facture est réglée ou close : rien à relancer.",
	"This promise is already closed.":                                     "Cette promesse est déjà close.",
	"This scenario is in use: choose another one where it is used first.": "Ce scénario est utilisé : choisissez-en d'abord un autre là où il sert.",
	"Unknown sort column.":                                                "Colonne de tri inconnue.",
	"Unknown status.":                                                     "Statut inconnu.",
	"Use the HH:MM format.":                                               "Utilisez le format HH:MM.",
	// Debtor page forms (internal/portal/forms.go, iban.go, api/portal_forms.go).
	"Choose invoices from the list.":                      "Choisissez des factures dans la liste.",
	"Invoice %s is already paid or closed.":               "La facture %s est déjà réglée ou close.",
	"Choose an invoice from the list.":                    "Choisissez une facture dans la liste.",
	"The file is larger than 5 MB.":                       "Le fichier dépasse 5 Mo.",
	"Attach a PDF, PNG or JPEG file.":                     "Joignez un fichier PDF, PNG ou JPEG.",
	"Write your question.":                                "Écrivez votre question.",
	"Choose a reason from the list.":                      "Choisissez un motif dans la liste.",
	"Choose a payment method from the list.":              "Choisissez un moyen de paiement dans la liste.",
	"Choose a date.":                                      "Choisissez une date.",
	"Enter the date as DD/MM/YYYY.":                       "Saisissez la date au format JJ/MM/AAAA.",
	"Choose today or a later date.":                       "Choisissez aujourd'hui ou une date ultérieure.",
	"Choose a date within the next %d days.":              "Choisissez une date dans les %d prochains jours.",
	"Enter the account holder's name.":                    "Saisissez le nom du titulaire du compte.",
	"Enter the IBAN.":                                     "Saisissez l'IBAN.",
	"This IBAN does not start with a known country code.": "Cet IBAN ne commence pas par un code pays connu.",
	"An IBAN of this country has %d characters.":          "Un IBAN de ce pays compte %d caractères.",
	"An IBAN has only letters and digits.":                "Un IBAN ne contient que des lettres et des chiffres.",
	"This IBAN is not valid: check for a typing mistake.": "Cet IBAN n'est pas valide : vérifiez qu'il n'y a pas de faute de frappe.",
	"A BIC has 8 or 11 letters and digits: bank (4), country (2), location (2), branch (3, optional).": "Un BIC compte 8 ou 11 lettres et chiffres : banque (4), pays (2), emplacement (2), agence (3, facultatif).",
	"This BIC is of another country than the IBAN (%s).":                                               "Ce BIC est d'un autre pays que l'IBAN (%s).",
	// Debtor page, dashboard side (internal/portal, api/portal_staff.go).
	"Between 1 and 365 days.":                                          "Entre 1 et 365 jours.",
	"Between 1 and 730 days.":                                          "Entre 1 et 730 jours.",
	"Choose among card and sepa_debit.":                                "Choisissez parmi card et sepa_debit.",
	"Filter on open or answered.":                                      "Filtrez sur open ou answered.",
	"Filter on open or resolved.":                                      "Filtrez sur open ou resolved.",
	"Filter on open, kept, broken or cancelled.":                       "Filtrez sur open, kept, broken ou cancelled.",
	"Filter on pending, confirmed or rejected.":                        "Filtrez sur pending, confirmed ou rejected.",
	"No logo has been uploaded.":                                       "Aucun logo n'a été déposé.",
	"Nothing is attached.":                                             "Aucune pièce jointe.",
	"Send a PNG, JPEG or SVG image.":                                   "Envoyez une image PNG, JPEG ou SVG.",
	"Send the image in the multipart field named file (at most 1 MB).": "Envoyez l'image dans le champ multipart « file » (1 Mo au plus).",
	"The logo is larger than 1 MB.":                                    "Le logo dépasse 1 Mo.",
	"This SVG contains scripts or embedded content: export it as a plain SVG or a PNG.": "Ce SVG contient des scripts ou du contenu intégré : exportez-le en SVG simple ou en PNG.",
	"This link is unknown, expired or revoked.":                                         "Ce lien est inconnu, a expiré ou a été révoqué.",
	"This question was already answered.":                                               "Cette question a déjà reçu une réponse.",
	"This request was already handled.":                                                 "Cette demande a déjà été traitée.",
	"This form was sent too many times. Try again in an hour.":                          "Ce formulaire a été envoyé trop de fois. Réessayez dans une heure.",
	"This link is invalid, expired or already used. Ask for a new one.":                 "Ce lien est invalide, expiré ou déjà utilisé. Demandez-en un nouveau.",
	"Too many requests. Wait a few minutes and try again.":                              "Trop de demandes. Patientez quelques minutes puis réessayez.",
	"Too many attempts. Wait a few minutes and try again.":                              "Trop de tentatives. Patientez quelques minutes puis réessayez.",
	"Use a colour like #1c7ed6.":                                                        "Utilisez une couleur comme #1c7ed6.",
	"Write an answer of at most 5000 characters.":                                       "Rédigez une réponse de 5000 caractères au plus.",
	// Template checks (internal/dunning/render).
	"subject is required":                                       "l'objet est obligatoire",
	"body is required":                                          "le texte est obligatoire",
	"%s is longer than %d characters":                           "%s dépasse %d caractères",
	"unknown variable %q":                                       "variable inconnue %q",
	"write {{%s}} without the leading dot":                      "écrivez {{%s}} sans le point initial",
	"%q cannot be used in templates":                            "%q n'est pas utilisable dans les modèles",
	"%q cannot be used in the subject":                          "%q n'est pas utilisable dans l'objet",
	"a {{ is not closed by }} on line %d":                       "un {{ n'est pas fermé par }} à la ligne %d",
	"an {{if}} is not closed by {{end}}":                        "un {{if}} n'est pas fermé par {{end}}",
	"{{end}} without a matching {{if}} on line %d":              "{{end}} sans {{if}} correspondant à la ligne %d",
	"{{else}} without a matching {{if}} on line %d":             "{{else}} sans {{if}} correspondant à la ligne %d",
	"{{if}} needs a variable on line %d, e.g. {{if penalties}}": "{{if}} demande une variable à la ligne %d, par ex. {{if penalties}}",
	"syntax error on line %d: %s":                               "erreur de syntaxe à la ligne %d : %s",
	"cannot fill in the template on line %d: %s":                "impossible de remplir le modèle à la ligne %d : %s",
	// Online payment (internal/payments, api/stripe.go).
	"Online payment is not available for this account.":           "Le paiement en ligne n'est pas disponible pour ce compte.",
	"The Stripe signature of this event is missing or invalid.":   "La signature Stripe de cet événement est absente ou invalide.",
	"Nothing is left to pay on this account.":                     "Il ne reste rien à payer sur ce compte.",
	"One of the chosen invoices is not on this account.":          "L'une des factures choisies n'est pas sur ce compte.",
	"Invoice %s is already settled.":                              "La facture %s est déjà réglée.",
	"Invoice %s is in %s: pay it by transfer.":                    "La facture %s est en %s : réglez-la par virement.",
	"This amount is too small to pay online: pay it by transfer.": "Ce montant est trop faible pour un paiement en ligne : réglez-le par virement.",
	"Choose the invoices to pay from the page.":                   "Choisissez les factures à payer sur la page.",
	"The request body could not be read.":                         "Le corps de la requête n'a pas pu être lu.",
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
