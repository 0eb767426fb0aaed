package portal

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"strings"

	"github.com/labstack/echo/v4"
)

// CSP is the Content-Security-Policy of the debtor pages: nothing but our own stylesheet
// and images; forms post to us, and the payment form's redirect goes to Stripe Checkout.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'; base-uri 'none'"

// Shared templates, included in every page set: layout.html, then the self-service forms
// (forms*.html: forms.html defines the "forms" and "flash" blocks page.html leaves empty) and
// partials (_*.html). Every other file is a page.
func shared(name string) bool {
	return name == "layout.html" || strings.HasPrefix(name, "forms") || strings.HasPrefix(name, "_")
}

// pageTemplates holds one template set per page file (page.html, expired.html, …): the shared
// templates plus that file, executed by the file's name.
var pageTemplates = mustParseTemplates()

// funcs are the few functions the templates call beside the view's methods.
var funcs = htmltemplate.FuncMap{"inc": func(i int) int { return i + 1 }}

func mustParseTemplates() map[string]*htmltemplate.Template {
	dir, err := fs.Sub(files, "templates")
	if err != nil {
		panic(err)
	}
	names, err := fs.Glob(dir, "*.html")
	if err != nil {
		panic(err)
	}
	base := htmltemplate.Must(htmltemplate.New("portal").Funcs(funcs).ParseFS(dir, "layout.html"))
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

// pageHeaders are the headers of every debtor page: the link is a secret, so nothing is
// cached, indexed or sent as a referrer, and the page runs under a strict policy.
func pageHeaders(c echo.Context) {
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Content-Security-Policy", CSP)
}

// serveFile renders a page file (page.html, expired.html, …) with data.
func (d *Door) serveFile(c echo.Context, status int, page string, data any) error {
	html, err := renderFile(page, data)
	if err != nil {
		return err
	}
	return servePage(c, status, &renderedPage{html: html})
}

func renderFile(page string, data any) ([]byte, error) {
	t, ok := pageTemplates[page]
	if !ok {
		return nil, fmt.Errorf("portal: no template %s", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, page, data); err != nil {
		return nil, fmt.Errorf("portal: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}
