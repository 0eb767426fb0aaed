package render

import "github.com/relance/relance/internal/platform/locale"

// labels are the fixed words an email adds around the staff's template, in one language: the
// catalogue's "email." keys (French puts a no-break space before a colon).
type labels struct {
	lang                                 string
	number, dueDate, amountDue, daysLate string
	interest, indemnity, total, and      string
	penaltiesTitle, legalBasis           string
	alreadyPaid                          string
}

func newLabels(lang string) labels {
	t := func(key string) string { return locale.T(lang, "email."+key) }
	return labels{lang: lang,
		number: t("number"), dueDate: t("due_date"), amountDue: t("amount_due"), daysLate: t("days_late"),
		interest: t("interest"), indemnity: t("indemnity"), total: t("total"), and: t("and"),
		penaltiesTitle: t("penalties_title"), legalBasis: t("legal_basis"), alreadyPaid: t("already_paid"),
	}
}

var labelsByLang = map[string]labels{"fr": newLabels("fr"), "en": newLabels("en")}

// t is the catalogue's "email."+key in the labels' language, with args in its placeholders.
func (l labels) t(key string, args ...any) string { return locale.T(l.lang, "email."+key, args...) }

// normalizeLanguage maps anything that is not English to French, the product's first language.
func normalizeLanguage(lang string) string { return locale.Lang(lang) }

func labelsFor(lang string) labels { return labelsByLang[normalizeLanguage(lang)] }
