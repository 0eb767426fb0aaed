package httpx

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Transfer gives a route that moves a file (an upload, a download), or may run long (a planner
// run on demand), the longer timeout d (config.HTTPTimeouts.Transfer) to read its body and
// write its answer, from now on. In tests (a ResponseRecorder) there is no connection to set
// deadlines on.
func Transfer(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			deadline := time.Now().Add(d)
			rc := http.NewResponseController(c.Response())
			_ = rc.SetReadDeadline(deadline)
			_ = rc.SetWriteDeadline(deadline)
			return next(c)
		}
	}
}

// NotFound answers a path that names nothing (an unknown API path, a bad asset name, a forged
// tracking link) with the same 404 problem.
func NotFound(echo.Context) error {
	return echo.NewHTTPError(http.StatusNotFound, "api.no_such_api_endpoint")
}
