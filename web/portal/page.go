package portal

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/portal"
	"github.com/relance/relance/web/httpx"
)

// renderPage renders the debtor page of an access (opened or checked) with status, in the
// language asked for or the customer's; extra reaches the templates as .Extra (the forms'
// values and errors). A plain view is served from the page cache when it shows what a page
// rendered before showed (cache.go).
func (d *Door) renderPage(c echo.Context, status int, a portal.Access, extra map[string]any) error {
	v, err := d.pageFrame(c, a)
	if err != nil {
		return err
	}
	v.Title = v.T("title", v.Org.Name)
	v.Extra, v.Done = extra, c.QueryParam("done")

	cacheable := v.Extra == nil && v.Done == "" && status == http.StatusOK
	if v.Extra == nil {
		v.Extra = map[string]any{}
	}
	page := &renderedPage{}
	if cacheable {
		page.key = pageKey(v)
		if kept := d.pages.get(page.key); kept != nil {
			return servePage(c, status, kept)
		}
	}
	if page.html, err = renderFile("page.html", v); err != nil {
		return err
	}
	if cacheable {
		d.pages.put(page)
	}
	return servePage(c, status, page)
}

// pageFrame is a page of access a with its frame (organisation, logo, colours, language): the
// debtor page and the payment pages start from it.
func (d *Door) pageFrame(c echo.Context, a portal.Access) (pageView, error) {
	pg, err := d.Portal.Page(c.Request().Context(), a, d.askedLang(c))
	if err != nil {
		return pageView{}, err
	}
	token := c.Param("token")
	v := d.newView(c, pg.Lang)
	v.Page, v.Token, v.Base = pg, token, "/p/"+token
	if pg.Org.HasLogo {
		v.LogoURL = v.Base + "/logo"
	}
	v.BrandCSSURL = "/p/assets/brand/" + strings.TrimPrefix(strings.ToLower(pg.Org.BrandColor), "#") + ".css"
	return v, nil
}

func (d *Door) newView(c echo.Context, lang string) pageView {
	v := pageView{CSSURL: portalCSSURL}
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

// linkAccess resolves the token of the request. Open (for the page itself) records a visit;
// Check (downloads, forms) does not.
func (d *Door) linkAccess(c echo.Context, visit bool) (portal.Access, error) {
	resolve := d.Portal.Check
	if visit {
		resolve = d.Portal.Open
	}
	return resolve(c.Request().Context(), c.Param("token"), c.RealIP())
}

// linkFailure answers a bad or throttled link with the friendly page (404 or 429); any other
// error goes to the error handler.
func (d *Door) linkFailure(c echo.Context, err error) error {
	var de *errs.Error
	switch {
	case errors.Is(err, portal.ErrLinkInvalid):
		return d.expiredPage(c, http.StatusNotFound, c.Param("token"), false, "", "")
	case errors.As(err, &de) && de.Kind == errs.KindTooManyRequests:
		if de.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", fmt.Sprint(int(de.RetryAfter.Seconds())))
		}
		return d.expiredPage(c, http.StatusTooManyRequests, "", true, "", "")
	}
	return err
}

func (d *Door) expiredPage(c echo.Context, status int, token string, throttled bool, email, problem string) error {
	v := d.newView(c, d.visitorLang(c))
	v.Token, v.Throttled, v.ResendEmail, v.ResendError = token, throttled, email, problem
	v.Title = v.T("expired_title")
	v.AltLangURL = "/p/expired?lang=" + v.AltLang
	if throttled {
		v.Title = v.T("throttled_title")
	}
	return d.serveFile(c, status, "expired.html", v)
}

// Page is the debtor page (GET /p/{token}); each opening is a visit on the timeline,
// except the return from a form (?done=…) and a change of language (?lang=…).
func (d *Door) Page(c echo.Context) error {
	a, err := d.linkAccess(c, c.QueryParam("done") == "" && c.QueryParam("lang") == "")
	if err != nil {
		return d.linkFailure(c, err)
	}
	return d.renderPage(c, http.StatusOK, a, nil)
}

// StatementPDF is the account statement as a PDF.
func (d *Door) StatementPDF(c echo.Context) error {
	return d.statement(c, portal.StatementPDF)
}

// StatementCSV is the account statement for Excel.
func (d *Door) StatementCSV(c echo.Context) error {
	return d.statement(c, portal.StatementCSV)
}

func (d *Door) statement(c echo.Context, format string) error {
	a, err := d.linkAccess(c, false)
	if err != nil {
		return d.linkFailure(c, err)
	}
	ctx := c.Request().Context()
	st, err := d.Portal.Statement(ctx, a, d.askedLang(c), format)
	if err != nil {
		return err
	}
	if err := d.Portal.RecordDownload(ctx, a, "statement", format, nil); err != nil {
		return err
	}
	pageHeaders(c)
	c.Response().Header().Set("Content-Disposition", disposition("attachment", st.FileName))
	return c.Blob(http.StatusOK, st.ContentType, st.Data)
}

// InvoicePDF is the PDF of an invoice of the link's customer (?download=1 to save it);
// any other invoice is 404.
func (d *Door) InvoicePDF(c echo.Context) error {
	a, err := d.linkAccess(c, false)
	if err != nil {
		return d.linkFailure(c, err)
	}
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return errs.ErrNotFound
	}
	ctx := c.Request().Context()
	r, number, err := d.Portal.OpenInvoicePDF(ctx, a, id)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := d.Portal.RecordDownload(ctx, a, "invoice", "pdf", &id); err != nil {
		return err
	}
	kind := "inline"
	if c.QueryParam("download") == "1" {
		kind = "attachment"
	}
	pageHeaders(c)
	c.Response().Header().Set("Content-Disposition", disposition(kind, safeName(number)+".pdf"))
	return c.Stream(http.StatusOK, "application/pdf", r)
}

// Logo is the organisation's logo on its page.
func (d *Door) Logo(c echo.Context) error {
	a, err := d.linkAccess(c, false)
	if err != nil {
		return d.linkFailure(c, err)
	}
	r, ctype, err := d.Portal.OpenLogo(c.Request().Context(), a.OrganizationID)
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

// Expired is the page for a link that no longer works: ask for a new one by email.
func (d *Door) Expired(c echo.Context) error {
	return d.expiredPage(c, http.StatusOK, "", false, "", "")
}

// Resend sends a new link when the address is a known contact; the answer is the same
// whether it is or not.
func (d *Door) Resend(c echo.Context) error {
	email, token := strings.TrimSpace(c.FormValue("email")), strings.TrimSpace(c.FormValue("token"))
	if p, _ := httpx.TextProblem(token, 100); p != "" {
		token = ""
	}
	var err error
	if p, args := httpx.TextProblem(email, 254); p != "" {
		err = errs.Invalid("email", p, args...)
	} else {
		err = d.Portal.ResendLink(c.Request().Context(), email, token, c.RealIP())
	}
	var de *errs.Error
	switch {
	case errors.As(err, &de) && de.Kind == errs.KindInvalid:
		lang := d.visitorLang(c)
		return d.expiredPage(c, http.StatusUnprocessableEntity, token, false, email, portal.Text(lang, "resend_invalid"))
	case errors.As(err, &de) && de.Kind == errs.KindTooManyRequests:
		return d.linkFailure(c, err)
	case err != nil:
		return err
	}
	v := d.newView(c, d.visitorLang(c))
	v.Resent = true
	v.Title = v.T("resend_done_title")
	return d.serveFile(c, http.StatusOK, "expired.html", v)
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
