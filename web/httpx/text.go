package httpx

import (
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
)

// Text limits of requests. A string field of the JSON API may carry a `maxLength` tag (swag's, so
// the OpenAPI document states the same limit), set from the database column it ends in (a CHECK,
// or the size a btree index can hold); every other string is held to DefaultMaxLength.
const (
	DefaultMaxLength = 5000
	MaxQueryLength   = 2000 // a query parameter's value (search words, filters, ids, dates)
)

// The problems of text that cannot be stored: message keys.
const (
	MsgNUL        = "api.nul_character"
	MsgInvalidUTF = "api.invalid_utf8"
	MsgTooLong    = "common.at_most_chars"
)

// TextProblem says what is wrong with s as text of at most max characters: a message key and
// its values, or "".
func TextProblem(s string, max int) (string, []any) {
	switch {
	case !utf8.ValidString(s):
		return MsgInvalidUTF, nil
	case strings.IndexByte(s, 0) >= 0:
		return MsgNUL, nil
	case max > 0 && len(s) > max && utf8.RuneCountInString(s) > max:
		return MsgTooLong, []any{max}
	}
	return "", nil
}

// CheckParams refuses query parameters and path parameters that no text column can hold (NUL
// bytes, invalid UTF-8) or that are absurdly long, before any handler reads them. A path
// parameter that is not text cannot name anything: 404.
func CheckParams(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for _, value := range c.ParamValues() {
			if p, _ := TextProblem(value, 0); p != "" {
				return errs.ErrNotFound
			}
		}
		var v errs.Validation
		for name, values := range c.QueryParams() {
			if p, args := TextProblem(name, 100); p != "" {
				v.Add("query", p, args...) // a name that cannot be shown back
				continue
			}
			for _, s := range values {
				if p, args := TextProblem(s, MaxQueryLength); p != "" {
					v.Add(name, p, args...)
				}
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		return next(c)
	}
}

// Bearer is the request's bearer token, or "".
func Bearer(c echo.Context) string {
	h := c.Request().Header.Get(echo.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}
