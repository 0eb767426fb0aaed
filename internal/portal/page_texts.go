package portal

import (
	"github.com/relance/relance/internal/platform/locale"
)

// Text is a word of the page, the statement or the link emails in lang ("en", else French): the
// catalogue's "page." keys (internal/platform/locale/messages), with args in its placeholders.
func Text(lang, key string, args ...any) string { return locale.T(lang, "page."+key, args...) }

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
	if locale.Has("page.method_" + method) {
		return Text(lang, "method_"+method)
	}
	return method
}
