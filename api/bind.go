package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// decode reads a JSON body into v, turning malformed JSON into a 422 that names the field.
func decode(c echo.Context, v any) error {
	body := http.MaxBytesReader(c.Response(), c.Request().Body, 1<<20)
	err := json.NewDecoder(body).Decode(v)
	var typeErr *json.UnmarshalTypeError
	var maxErr *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF):
		return errs.Invalid("body", "Send a JSON object in the request body.")
	case errors.As(err, &typeErr):
		return errs.Invalid(typeErr.Field, fmt.Sprintf("Expected a %s.", typeErr.Type))
	case errors.As(err, &maxErr):
		return errs.Invalid("body", "The request body is too large.")
	default:
		return errs.Invalid("body", "The request body is not valid JSON.")
	}
}

// listQuery reads q, sort, limit and offset from the query string.
func listQuery(c echo.Context) (page.Query, error) {
	q := page.Query{Q: c.QueryParam("q"), Sort: c.QueryParam("sort")}
	var v errs.Validation
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &q.Limit}, {"offset", &q.Offset}} {
		if s := c.QueryParam(p.name); s != "" {
			n, err := strconv.Atoi(s)
			v.Check(err == nil && n >= 0, p.name, "Expected a whole number ≥ 0.")
			*p.dst = n
		}
	}
	if q.Limit > page.MaxLimit {
		v.Add("limit", fmt.Sprintf("At most %d.", page.MaxLimit))
	}
	return q, v.Err()
}

// pathID reads a UUID path parameter; a malformed one cannot name anything, hence 404.
func pathID(c echo.Context, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, auth.ErrNotFound
	}
	return id, nil
}

// principal is who makes the request (set by the authenticate middleware).
func principal(c echo.Context) auth.Principal {
	p, _ := c.Get(principalKey).(auth.Principal)
	return p
}

func client(c echo.Context) auth.Client {
	return auth.Client{IP: c.RealIP(), UserAgent: c.Request().UserAgent()}
}

func bearer(c echo.Context) string {
	h := c.Request().Header.Get(echo.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}
