package portal

import (
	htmltemplate "html/template"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/portal"
)

// pageView is what the page templates see: the page's data plus what the request adds.
// Templates call its methods for words and formats: {{.T "key"}}, {{.Money 124000}}.
type pageView struct {
	portal.Page
	Token       string
	Base        string // "/p/{token}": form actions and links start here
	Title       string
	LogoURL     string // "" without a logo
	CSSURL      string
	BrandCSSURL string
	AltLang     string // the other language's code and the link switching to it
	AltLangURL  string
	Done        string         // ?done=… after a form (Post/Redirect/Get)
	Extra       map[string]any // what renderPage's callers add (form values and errors)

	// The expired-link page.
	Resent      bool
	ResendEmail string
	ResendError string
	Throttled   bool
}

// T is a word of the page in its language.
func (v pageView) T(key string, args ...any) string { return portal.Text(v.Lang, key, args...) }

// Money formats cents in the customer's currency.
func (v pageView) Money(cents int64) string {
	return locale.Money(cents, v.Totals.Currency, v.Lang)
}

// MoneyIn formats cents in a currency.
func (v pageView) MoneyIn(cents int64, currency string) string {
	return locale.Money(cents, currency, v.Lang)
}

// Date formats a day.
func (v pageView) Date(t time.Time) string { return locale.DateShort(t, v.Lang) }

// Badge is an invoice's status text.
func (v pageView) Badge(inv portal.PageInvoice) string { return inv.Badge(v.Lang) }

// Method is a payment method's name.
func (v pageView) Method(m string) string { return portal.MethodName(m, v.Lang) }

// Terms is the late-payment terms line ("" when hidden).
func (v pageView) Terms() string { return portal.TermsLine(v.Page) }

// PayMethods is the sentence naming the online payment methods.
func (v pageView) PayMethods() string {
	var names []string
	for _, m := range v.Payments.Methods {
		switch m {
		case "card":
			names = append(names, v.T("method_list_card"))
		case "sepa_debit":
			names = append(names, v.T("method_list_sepa"))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return v.T("pay_methods", strings.Join(names, " "+v.T("or")+" "))
}

// Colon is the colon of the page's language (" : " in French, ": " in English).
func (v pageView) Colon() string {
	if v.Lang == "en" {
		return ": "
	}
	return "\u00a0: "
}

// OpenCount is "3 factures à régler".
func (v pageView) OpenCount() string {
	if v.Totals.OpenInvoices == 1 {
		return v.T("open_count_1")
	}
	return v.T("open_count_n", v.Totals.OpenInvoices)
}

// Tel is a phone number for a tel: link.
func (v pageView) Tel(phone string) htmltemplate.URL {
	return htmltemplate.URL("tel:" + strings.Map(func(r rune) rune {
		if r == '+' || (r >= '0' && r <= '9') {
			return r
		}
		return -1
	}, phone))
}

const langCookie = "relance_lang"

// askedLang is the language asked for: ?lang= (remembered in a cookie for the next pages,
// form answers included), else the cookie; "" leaves the choice to the customer's language.
func (d *Door) askedLang(c echo.Context) string {
	if l := c.QueryParam("lang"); l == "fr" || l == "en" {
		c.SetCookie(&http.Cookie{Name: langCookie, Value: l, Path: "/p/", MaxAge: 365 * 24 * 3600, HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: d.SecureCookies})
		return l
	}
	if ck, err := c.Cookie(langCookie); err == nil && (ck.Value == "fr" || ck.Value == "en") {
		return ck.Value
	}
	return ""
}

// visitorLang is the language of a page without a customer: asked for, else the browser's, else French.
func (d *Door) visitorLang(c echo.Context) string {
	if l := d.askedLang(c); l != "" {
		return l
	}
	for _, part := range strings.Split(c.Request().Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "fr"):
			return "fr"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "fr"
}
