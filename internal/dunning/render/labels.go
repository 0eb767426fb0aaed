package render

// labels are the fixed words an email adds around the staff's template, in one language. French
// puts a no-break space before a colon.
type labels struct {
	lang                                        string
	number, dueDate, amountDue, daysLate        string
	interest, indemnity, total                  string
	and                                         string
	day, days                                   string
	payButton                                   string
	penaltiesTitle, interestAt, interestNoRate  string
	indemnityEach, indemnityPlain, penaltyTotal string
	legalBasis                                  string
	alreadyPaid, transparency                   string
}

var frenchLabels = labels{
	lang:   "fr",
	number: "Facture", dueDate: "Échéance", amountDue: "Reste dû", daysLate: "Retard",
	interest: "Intérêts", indemnity: "Indemnité", total: "Total",
	and: "et", day: "%d j", days: "%d j",
	payButton:      "Régler %s",
	penaltiesTitle: "Pénalités de retard",
	interestAt:     "Intérêts de retard au taux annuel de %s\u00a0: %s",
	interestNoRate: "Intérêts de retard\u00a0: %s",
	indemnityEach:  "Indemnité forfaitaire pour frais de recouvrement (%s par facture)\u00a0: %s",
	indemnityPlain: "Indemnité forfaitaire pour frais de recouvrement\u00a0: %s",
	penaltyTotal:   "Total des pénalités\u00a0: %s",
	legalBasis:     "Dues de plein droit en application des art. L441-10 et D441-5 du Code de commerce.",
	alreadyPaid:    "Si vous avez déjà réglé, merci de ne pas tenir compte de ce message.",
	transparency:   "Le suivi de ce compte est assuré avec Relance pour le compte de %s.",
}

var englishLabels = labels{
	lang:   "en",
	number: "Invoice", dueDate: "Due date", amountDue: "Amount due", daysLate: "Days late",
	interest: "Interest", indemnity: "Indemnity", total: "Total",
	and: "and", day: "%d day", days: "%d days",
	payButton:      "Pay %s",
	penaltiesTitle: "Late-payment penalties",
	interestAt:     "Late-payment interest at an annual rate of %s: %s",
	interestNoRate: "Late-payment interest: %s",
	indemnityEach:  "Fixed recovery indemnity (%s per invoice): %s",
	indemnityPlain: "Fixed recovery indemnity: %s",
	penaltyTotal:   "Total penalties: %s",
	legalBasis:     "Owed by law under the French Commercial Code (art. L441-10 et D441-5 du Code de commerce).",
	alreadyPaid:    "If you have already paid, please disregard this message.",
	transparency:   "Follow-up of this account is handled with Relance on behalf of %s.",
}

// normalizeLanguage maps anything that is not English to French, the product's first language.
func normalizeLanguage(lang string) string {
	if len(lang) >= 2 && (lang[:2] == "en" || lang[:2] == "EN" || lang[:2] == "En") {
		return "en"
	}
	return "fr"
}

func labelsFor(lang string) labels {
	if normalizeLanguage(lang) == "en" {
		return englishLabels
	}
	return frenchLabels
}
