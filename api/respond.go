package api

import (
	"context"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
)

// What most handlers do alike, once.

// idAndBody reads the path parameter name as an id and the JSON body into req (an id that
// cannot name anything is a 404 before the body is read).
func idAndBody(c echo.Context, name string, req any) (uuid.UUID, error) {
	id, err := pathID(c, name)
	if err != nil {
		return uuid.Nil, err
	}
	return id, decode(c, req)
}

// mapped converts every item of a page of results for the answer: never nil, so that an empty
// list is [] in JSON.
func mapped[V, R any](items []V, convert func(V) R) []R {
	out := make([]R, len(items))
	for i, v := range items {
		out[i] = convert(v)
	}
	return out
}

// reply answers with status v converted for the answer, or the error of the call that gave v.
func reply[V, R any](c echo.Context, status int, v V, err error, convert func(V) R) error {
	if err != nil {
		return err
	}
	return c.JSON(status, convert(v))
}

// idCall is a domain call on the object the path's id names, as the request's principal.
type idCall[V any] func(context.Context, auth.Principal, uuid.UUID) (V, error)

// byID answers with status what call returns for the path's id (parameter "id"), converted.
func byID[V, R any](c echo.Context, status int, call idCall[V], convert func(V) R) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := call(c.Request().Context(), principal(c), id)
	return reply(c, status, v, err, convert)
}

// removeByID runs call on the path's id (parameter param) and answers 204.
func removeByID(c echo.Context, param string, call func(context.Context, auth.Principal, uuid.UUID) error) error {
	id, err := pathID(c, param)
	if err != nil {
		return err
	}
	if err := call(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
