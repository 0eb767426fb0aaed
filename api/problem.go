package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/web/httpx"
)

// Problem is an RFC 9457 error body, sent as application/problem+json.
type Problem struct {
	Type      string            `json:"type" example:"about:blank"`
	Title     string            `json:"title" example:"Unprocessable Entity"`
	Status    int               `json:"status" example:"422"`
	Detail    string            `json:"detail" example:"The request has invalid fields."`
	RequestID string            `json:"request_id"`
	Errors    []errs.FieldError `json:"errors,omitempty"`
} // @name Problem

var kindStatus = map[errs.Kind]int{
	errs.KindInvalid:         http.StatusUnprocessableEntity,
	errs.KindNotFound:        http.StatusNotFound,
	errs.KindConflict:        http.StatusConflict,
	errs.KindForbidden:       http.StatusForbidden,
	errs.KindUnauthorized:    http.StatusUnauthorized,
	errs.KindTooManyRequests: http.StatusTooManyRequests,
}

// ErrorHandler answers every error as a Problem, on both doors (the debtor's pages answer their
// own failures with pages: an expired link, a payment that cannot start). Unexpected errors are logged with the request
// id and answered with a generic 500: database text never reaches the client.
func ErrorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		reqID := c.Response().Header().Get(echo.HeaderXRequestID)
		lang := callerLanguage(c)
		p := Problem{Type: "about:blank", RequestID: reqID}
		var de *errs.Error
		var he *echo.HTTPError
		switch {
		case errors.As(err, &de):
			p.Status, p.Detail, p.Errors = kindStatus[de.Kind], de.In(lang), localized(de.Fields, lang)
			if de.RetryAfter > 0 {
				c.Response().Header().Set("Retry-After", strconv.Itoa(int(de.RetryAfter.Seconds())))
			}
		case errors.As(err, &he) && he.Code < 500:
			p.Status, p.Detail = he.Code, locale.T(lang, fmt.Sprint(he.Message)) // echo's own texts are no keys: they stay
			if he.Code == http.StatusUnauthorized {
				c.Response().Header().Set("WWW-Authenticate", `Bearer realm="relance"`)
			}
		default:
			p.Status = http.StatusInternalServerError
			p.Detail = locale.T(lang, "api.internal_error")
			log.ErrorContext(c.Request().Context(), "request failed", "method", c.Request().Method, "path", httpx.LoggedPath(c), "error", err)
		}
		if p.Status == 0 {
			p.Status = http.StatusInternalServerError
		}
		if p.Status == http.StatusUnauthorized {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="relance"`)
		}
		p.Title = http.StatusText(p.Status)
		body, _ := json.Marshal(p)
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(p.Status)
			return
		}
		_ = c.Blob(p.Status, "application/problem+json", body)
	}
}

// localized is a copy of the fields with their messages in lang (sentinels stay untouched).
func localized(fields []errs.FieldError, lang string) []errs.FieldError {
	out := make([]errs.FieldError, len(fields))
	for i, f := range fields {
		out[i] = errs.FieldError{Field: f.Field, Message: f.In(lang)}
	}
	return out
}

// callerLanguage is the language of problems for the caller: French when its Accept-Language
// puts French before English (the SPA sends its language), else English.
func callerLanguage(c echo.Context) string {
	if prefersFrench(c) {
		return "fr"
	}
	return "en"
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
