package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// decode reads a JSON body into v, turning malformed JSON into a 422 that names the field. Text
// that no column can store (invalid UTF-8, NUL bytes) or longer than its field allows is refused
// here, for every request type at once (input.go).
func decode(c echo.Context, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, 1<<20))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return errs.Invalid("body", "api.body_too_large")
	} else if err != nil {
		return errs.Invalid("body", "api.body_unreadable")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return errs.Invalid("body", "api.body_not_object")
	}
	if err := checkUTF8(raw); err != nil {
		return err
	}
	err = json.Unmarshal(raw, v)
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return checkText(v)
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return errs.Invalid("body", "api.body_not_object")
	case errors.As(err, &typeErr):
		return errs.Invalid(typeErr.Field, expectedType(typeErr.Type))
	default:
		return errs.Invalid("body", "api.body_not_json")
	}
}

// expectedType says which JSON type a client should have sent for t.
func expectedType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "api.expected_whole_number"
	case reflect.Float32, reflect.Float64:
		return "api.expected_number"
	case reflect.Bool:
		return "api.expected_true_false"
	case reflect.String:
		return "api.expected_text"
	case reflect.Slice, reflect.Array:
		return "api.expected_list"
	}
	return "api.expected_object"
}

// maxOffset is the furthest a list can be paged into (past it, filter instead).
const maxOffset = 1_000_000

// listQuery reads q, sort, limit and offset from the query string.
func listQuery(c echo.Context) (page.Query, error) {
	q := page.Query{Q: c.QueryParam("q"), Sort: c.QueryParam("sort")}
	var v errs.Validation
	if p, args := textProblem(q.Q, maxSearchLength); p != "" {
		v.Add("q", p, args...)
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &q.Limit}, {"offset", &q.Offset}} {
		if s := c.QueryParam(p.name); s != "" {
			n, err := strconv.Atoi(s)
			v.Check(err == nil && n >= 0, p.name, "api.expected_natural_number")
			*p.dst = n
		}
	}
	if q.Limit > page.MaxLimit {
		v.Add("limit", "common.at_most", page.MaxLimit)
	}
	if q.Offset > maxOffset {
		v.Add("offset", "common.at_most", maxOffset)
	}
	return q, v.Err()
}

// pathID reads a UUID path parameter; a malformed one cannot name anything, hence 404.
func pathID(c echo.Context, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, errs.ErrNotFound
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
