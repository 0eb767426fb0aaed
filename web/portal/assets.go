package portal

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/portal"
	"github.com/relance/relance/web/httpx"
)

// The pages' templates and static stylesheets: assets/portal.css (the page, with the labels of
// the table cells on phones in both languages: TestColumnLabelsAreThePageWords keeps them the
// page's words) and assets/forms.css (the forms). Only the brand colour's stylesheet is made per
// request (BrandCSS).
//
//go:embed templates/*.html assets/*.css
var files embed.FS

// portalCSS is the page's stylesheet, served at an address with a digest of its content
// (cached for good).
var portalCSS, portalCSSURL = func() ([]byte, string) {
	b := mustRead("assets/portal.css")
	sum := sha256.Sum256(b)
	return b, "/p/assets/portal.css?v=" + hex.EncodeToString(sum[:6])
}()

// formsCSS is the forms' stylesheet (beside portal.css, which has the fields' basics).
var formsCSS = mustRead("assets/forms.css")

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

// CSS is the page's stylesheet.
func (d *Door) CSS(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", portalCSS)
}

// FormsCSS is the forms' stylesheet.
func (d *Door) FormsCSS(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", formsCSS)
}

var brandFileRe = regexp.MustCompile(`^([0-9a-f]{6})\.css$`)

// BrandCSS sets the brand colour's variables: /p/assets/brand/1c7ed6.css (a stylesheet
// rather than an inline style, so that the pages keep a CSP without 'unsafe-inline').
func (d *Door) BrandCSS(c echo.Context) error {
	m := brandFileRe.FindStringSubmatch(c.Param("file"))
	if m == nil {
		return httpx.NotFound(c)
	}
	brand, ink, onInk, tint := portal.BrandColors("#" + m[1])
	css := fmt.Sprintf(":root{--brand:%s;--brand-ink:%s;--on-brand:%s;--brand-tint:%s}\n", brand, ink, onInk, tint)
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(css))
}
