package api

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/portal"
)

// The debtor page: server-rendered HTML (html/template, embedded CSS, no JavaScript), FR/EN,
// reached from the personal link of every reminder. See docs/portal.md.

//go:embed portal/templates
var portalFiles embed.FS

// PortalCSP is the Content-Security-Policy of the debtor pages: nothing but our own stylesheet
// and images; forms post to us, and the payment form's redirect goes to Stripe Checkout.
const PortalCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'; base-uri 'none'"

// Shared templates, included in every page set: layout.html, then the self-service forms
// (forms*.html: forms.html defines the "forms" and "flash" blocks page.html leaves empty) and
// partials (_*.html). Every other file is a page.
func shared(name string) bool {
	return name == "layout.html" || strings.HasPrefix(name, "forms") || strings.HasPrefix(name, "_")
}

// portalPages holds one template set per page file (page.html, expired.html, …): the shared
// templates plus that file, executed by the file's name.
var portalPages = mustParsePortal()

// portalCSS is the stylesheet with the columns' labels appended, and its address with a digest
// of its content (cached for good).
var portalCSS, portalCSSURL = func() ([]byte, string) {
	b, err := portalFiles.ReadFile("portal/templates/portal.css")
	if err != nil {
		panic(err)
	}
	b = append(b, columnLabelsCSS()...)
	sum := sha256.Sum256(b)
	return b, "/p/assets/portal.css?v=" + hex.EncodeToString(sum[:6])
}()

// portalColumns are the table cells labelled on phones, where a row becomes a card
// (<td class="lb c-due">): class and the word of the page naming the column.
var portalColumns = []struct{ class, key string }{
	{"c-issue", "col_issue"}, {"c-due", "col_due"}, {"c-total", "col_total"}, {"c-balance", "col_balance"},
	{"c-status", "col_status"}, {"c-penalties", "col_penalties"}, {"c-pdf", "col_pdf"},
	{"c-method", "col_method"}, {"c-ref", "col_ref"}, {"c-settled", "col_settled"}, {"c-amount", "col_amount"},
}

// columnLabelsCSS gives each labelled column its name in both languages of the pages
// (:lang(fr) .c-due::before{content:"Échéance"}), once in the stylesheet rather than in an
// attribute of every cell.
func columnLabelsCSS() string {
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ")
	var b strings.Builder
	b.WriteString("\n/* Column labels (api/portal.go). */\n")
	for _, lang := range []string{"fr", "en"} {
		for _, col := range portalColumns {
			fmt.Fprintf(&b, ":lang(%s) td.%s::before { content: \"%s\"; }\n", lang, col.class, quote.Replace(portal.Text(lang, col.key)))
		}
	}
	return b.String()
}

func mustParsePortal() map[string]*htmltemplate.Template {
	dir, err := fs.Sub(portalFiles, "portal/templates")
	if err != nil {
		panic(err)
	}
	names, err := fs.Glob(dir, "*.html")
	if err != nil {
		panic(err)
	}
	base := htmltemplate.Must(htmltemplate.New("portal").ParseFS(dir, "layout.html"))
	for _, name := range names {
		if shared(name) && name != "layout.html" {
			base = htmltemplate.Must(base.ParseFS(dir, name))
		}
	}
	out := map[string]*htmltemplate.Template{}
	for _, name := range names {
		if shared(name) {
			continue
		}
		out[name] = htmltemplate.Must(htmltemplate.Must(base.Clone()).ParseFS(dir, name))
	}
	return out
}

// portalView is what the page templates see: the page's data plus what the request adds.
// Templates call its methods for words and formats: {{.T "key"}}, {{.Money 124000}}.
type portalView struct {
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
	Extra       map[string]any // what renderPortal's callers add (form values and errors)

	// The expired-link page.
	Resent      bool
	ResendEmail string
	ResendError string
	Throttled   bool
}

// T is a word of the page in its language.
func (v portalView) T(key string, args ...any) string { return portal.Text(v.Lang, key, args...) }

// Money formats cents in the customer's currency.
func (v portalView) Money(cents int64) string {
	return locale.Money(cents, v.Totals.Currency, v.Lang)
}

// MoneyIn formats cents in a currency.
func (v portalView) MoneyIn(cents int64, currency string) string {
	return locale.Money(cents, currency, v.Lang)
}

// Date formats a day.
func (v portalView) Date(t time.Time) string { return locale.DateShort(t, v.Lang) }

// Badge is an invoice's status text.
func (v portalView) Badge(inv portal.PageInvoice) string { return inv.Badge(v.Lang) }

// Method is a payment method's name.
func (v portalView) Method(m string) string { return portal.MethodName(m, v.Lang) }

// Terms is the late-payment terms line ("" when hidden).
func (v portalView) Terms() string { return portal.TermsLine(v.Page) }

// PayMethods is the sentence naming the online payment methods.
func (v portalView) PayMethods() string {
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
func (v portalView) Colon() string {
	if v.Lang == "en" {
		return ": "
	}
	return "\u00a0: "
}

// OpenCount is "3 factures à régler".
func (v portalView) OpenCount() string {
	if v.Totals.OpenInvoices == 1 {
		return v.T("open_count_1")
	}
	return v.T("open_count_n", v.Totals.OpenInvoices)
}

// Tel is a phone number for a tel: link.
func (v portalView) Tel(phone string) htmltemplate.URL {
	return htmltemplate.URL("tel:" + strings.Map(func(r rune) rune {
		if r == '+' || (r >= '0' && r <= '9') {
			return r
		}
		return -1
	}, phone))
}

const portalLangCookie = "relance_lang"

// portalLang is the language asked for: ?lang= (remembered in a cookie for the next pages,
// form answers included), else the cookie; "" leaves the choice to the customer's language.
func (s *Server) portalLang(c echo.Context) string {
	if l := c.QueryParam("lang"); l == "fr" || l == "en" {
		c.SetCookie(&http.Cookie{Name: portalLangCookie, Value: l, Path: "/p/", MaxAge: 365 * 24 * 3600, HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(s.app.Config.BaseURL, "https://")})
		return l
	}
	if ck, err := c.Cookie(portalLangCookie); err == nil && (ck.Value == "fr" || ck.Value == "en") {
		return ck.Value
	}
	return ""
}

// visitorLang is the language of a page without a customer: asked for, else the browser's, else French.
func (s *Server) visitorLang(c echo.Context) string {
	if l := s.portalLang(c); l != "" {
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

// portalHeaders are the headers of every debtor page: the link is a secret, so nothing is
// cached, indexed or sent as a referrer, and the page runs under a strict policy.
func portalHeaders(c echo.Context) {
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Content-Security-Policy", PortalCSP)
}

// portalHTML renders a page file (page.html, expired.html, …) with data.
func (s *Server) portalHTML(c echo.Context, status int, page string, data any) error {
	html, err := renderPortalFile(page, data)
	if err != nil {
		return err
	}
	return servePage(c, status, &renderedPage{html: html})
}

func renderPortalFile(page string, data any) ([]byte, error) {
	t, ok := portalPages[page]
	if !ok {
		return nil, fmt.Errorf("portal: no template %s", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, page, data); err != nil {
		return nil, fmt.Errorf("portal: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// renderPortal renders the debtor page of an access (opened or checked) with status, in the
// language asked for or the customer's; extra reaches the templates as .Extra (the forms'
// values and errors). A plain view is served from the page cache when it shows what a page
// rendered before showed (portal_cache.go).
func (s *Server) renderPortal(c echo.Context, status int, a portal.Access, extra map[string]any) error {
	pg, err := s.app.Portal.Page(c.Request().Context(), a, s.portalLang(c))
	if err != nil {
		return err
	}
	token := c.Param("token")
	v := s.newPortalView(c, pg.Lang)
	v.Page, v.Token, v.Base = pg, token, "/p/"+token
	v.Title = v.T("title", pg.Org.Name)
	v.Extra, v.Done = extra, c.QueryParam("done")
	if pg.Org.HasLogo {
		v.LogoURL = v.Base + "/logo"
	}
	v.BrandCSSURL = "/p/assets/brand/" + strings.TrimPrefix(strings.ToLower(pg.Org.BrandColor), "#") + ".css"

	cacheable := v.Extra == nil && v.Done == "" && status == http.StatusOK
	if v.Extra == nil {
		v.Extra = map[string]any{}
	}
	page := &renderedPage{}
	if cacheable {
		page.key = pageKey(v)
		if kept := s.pages.get(page.key); kept != nil {
			return servePage(c, status, kept)
		}
	}
	if page.html, err = renderPortalFile("page.html", v); err != nil {
		return err
	}
	if cacheable {
		s.pages.put(page)
	}
	return servePage(c, status, page)
}

func (s *Server) newPortalView(c echo.Context, lang string) portalView {
	v := portalView{CSSURL: portalCSSURL}
	v.Lang = lang
	v.AltLang = map[string]string{"fr": "en", "en": "fr"}[lang]
	q := url.Values{}
	for k, vals := range c.QueryParams() {
		if k != "lang" && k != "done" {
			q[k] = vals
		}
	}
	q.Set("lang", v.AltLang)
	v.AltLangURL = c.Request().URL.Path + "?" + q.Encode()
	return v
}

// portalAccess resolves the token of the request. Open (for the page itself) records a visit;
// Check (downloads, forms) does not.
func (s *Server) portalAccess(c echo.Context, visit bool) (portal.Access, error) {
	resolve := s.app.Portal.Check
	if visit {
		resolve = s.app.Portal.Open
	}
	return resolve(c.Request().Context(), c.Param("token"), c.RealIP())
}

// portalFailure answers a bad or throttled link with the friendly page (404 or 429); any other
// error goes to the error handler.
func (s *Server) portalFailure(c echo.Context, err error) error {
	var de *errs.Error
	switch {
	case errors.Is(err, portal.ErrLinkInvalid):
		return s.expiredPage(c, http.StatusNotFound, c.Param("token"), false, "", "")
	case errors.As(err, &de) && de.Kind == errs.KindTooManyRequests:
		if de.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", fmt.Sprint(int(de.RetryAfter.Seconds())))
		}
		return s.expiredPage(c, http.StatusTooManyRequests, "", true, "", "")
	}
	return err
}

func (s *Server) expiredPage(c echo.Context, status int, token string, throttled bool, email, problem string) error {
	v := s.newPortalView(c, s.visitorLang(c))
	v.Token, v.Throttled, v.ResendEmail, v.ResendError = token, throttled, email, problem
	v.Title = v.T("expired_title")
	v.AltLangURL = "/p/expired?lang=" + v.AltLang
	if throttled {
		v.Title = v.T("throttled_title")
	}
	return s.portalHTML(c, status, "expired.html", v)
}

// PortalPage is the debtor page (GET /p/{token}); each opening is a visit on the timeline,
// except the return from a form (?done=…) and a change of language (?lang=…).
func (s *Server) PortalPage(c echo.Context) error {
	a, err := s.portalAccess(c, c.QueryParam("done") == "" && c.QueryParam("lang") == "")
	if err != nil {
		return s.portalFailure(c, err)
	}
	return s.renderPortal(c, http.StatusOK, a, nil)
}

// PortalStatementPDF is the account statement as a PDF.
func (s *Server) PortalStatementPDF(c echo.Context) error {
	return s.portalStatement(c, portal.StatementPDF)
}

// PortalStatementCSV is the account statement for Excel.
func (s *Server) PortalStatementCSV(c echo.Context) error {
	return s.portalStatement(c, portal.StatementCSV)
}

func (s *Server) portalStatement(c echo.Context, format string) error {
	a, err := s.portalAccess(c, false)
	if err != nil {
		return s.portalFailure(c, err)
	}
	ctx := c.Request().Context()
	st, err := s.app.Portal.Statement(ctx, a, s.portalLang(c), format)
	if err != nil {
		return err
	}
	if err := s.app.Portal.RecordDownload(ctx, a, "statement", format, nil); err != nil {
		return err
	}
	portalHeaders(c)
	c.Response().Header().Set("Content-Disposition", disposition("attachment", st.FileName))
	return c.Blob(http.StatusOK, st.ContentType, st.Data)
}

// PortalInvoicePDF is the PDF of an invoice of the link's customer (?download=1 to save it);
// any other invoice is 404.
func (s *Server) PortalInvoicePDF(c echo.Context) error {
	a, err := s.portalAccess(c, false)
	if err != nil {
		return s.portalFailure(c, err)
	}
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return portal.ErrNotFound
	}
	ctx := c.Request().Context()
	r, number, err := s.app.Portal.OpenInvoicePDF(ctx, a, id)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := s.app.Portal.RecordDownload(ctx, a, "invoice", "pdf", &id); err != nil {
		return err
	}
	kind := "inline"
	if c.QueryParam("download") == "1" {
		kind = "attachment"
	}
	portalHeaders(c)
	c.Response().Header().Set("Content-Disposition", disposition(kind, safeName(number)+".pdf"))
	return c.Stream(http.StatusOK, "application/pdf", r)
}

// PortalLogo is the organisation's logo on its page.
func (s *Server) PortalLogo(c echo.Context) error {
	a, err := s.portalAccess(c, false)
	if err != nil {
		return s.portalFailure(c, err)
	}
	r, ctype, err := s.app.Portal.OpenLogo(c.Request().Context(), a.OrganizationID)
	if err != nil {
		return err
	}
	defer r.Close()
	h := c.Response().Header()
	h.Set("Cache-Control", "private, max-age=3600")
	h.Set("Referrer-Policy", "no-referrer")
	// An SVG opened on its own runs nothing.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	return c.Stream(http.StatusOK, ctype, io.LimitReader(r, portal.MaxLogoSize))
}

// PortalCSS is the pages' stylesheet.
func (s *Server) PortalCSS(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", portalCSS)
}

var brandFileRe = regexp.MustCompile(`^([0-9a-f]{6})\.css$`)

// PortalBrandCSS sets the brand colour's variables: /p/assets/brand/1c7ed6.css (a stylesheet
// rather than an inline style, so that the pages keep a CSP without 'unsafe-inline').
func (s *Server) PortalBrandCSS(c echo.Context) error {
	m := brandFileRe.FindStringSubmatch(c.Param("file"))
	if m == nil {
		return s.NotFound(c)
	}
	brand, ink, onInk, tint := portal.BrandColors("#" + m[1])
	css := fmt.Sprintf(":root{--brand:%s;--brand-ink:%s;--on-brand:%s;--brand-tint:%s}\n", brand, ink, onInk, tint)
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(css))
}

// PortalExpired is the page for a link that no longer works: ask for a new one by email.
func (s *Server) PortalExpired(c echo.Context) error {
	return s.expiredPage(c, http.StatusOK, "", false, "", "")
}

// PortalResend sends a new link when the address is a known contact; the answer is the same
// whether it is or not.
func (s *Server) PortalResend(c echo.Context) error {
	email, token := strings.TrimSpace(c.FormValue("email")), strings.TrimSpace(c.FormValue("token"))
	if p, _ := textProblem(token, 100); p != "" {
		token = ""
	}
	var err error
	if p, args := textProblem(email, 254); p != "" {
		err = errs.Invalid("email", p, args...)
	} else {
		err = s.app.Portal.ResendLink(c.Request().Context(), email, token, c.RealIP())
	}
	var de *errs.Error
	switch {
	case errors.As(err, &de) && de.Kind == errs.KindInvalid:
		lang := s.visitorLang(c)
		return s.expiredPage(c, http.StatusUnprocessableEntity, token, false, email, portal.Text(lang, "resend_invalid"))
	case errors.As(err, &de) && de.Kind == errs.KindTooManyRequests:
		return s.portalFailure(c, err)
	case err != nil:
		return err
	}
	v := s.newPortalView(c, s.visitorLang(c))
	v.Resent = true
	v.Title = v.T("resend_done_title")
	return s.portalHTML(c, http.StatusOK, "expired.html", v)
}

// disposition is a Content-Disposition header with an ASCII fallback and the UTF-8 name.
func disposition(kind, name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 32 || r > 126 || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, kind, ascii, url.PathEscape(name))
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '-'
		}
		return r
	}, s)
}
