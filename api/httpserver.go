package api

import (
	"crypto/subtle"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/relance/relance/internal/platform/config"
)

// HTTPServer is the http.Server that serves s on addr with the configured timeouts: a client
// that does not finish its headers in time is cut off (slowloris), an ordinary request has
// Read to send its body and Write for its answer, and a kept-alive connection closes after Idle.
// The routes that move files take Transfer instead (see transfer).
func (s *Server) HTTPServer(addr string, t config.HTTPTimeouts) *http.Server {
	return &http.Server{Addr: addr, Handler: s, ReadHeaderTimeout: t.ReadHeader, ReadTimeout: t.Read,
		WriteTimeout: t.Write, IdleTimeout: t.Idle, MaxHeaderBytes: 64 << 10}
}

// transfer gives a route that moves a file (an upload, a download), or may run long (a planner
// run on demand), the longer Transfer timeout
// to read its body and write its answer, from now on. In tests (a ResponseRecorder) there is
// no connection to set deadlines on.
func (s *Server) transfer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		deadline := time.Now().Add(s.app.Config.Timeouts().Transfer)
		rc := http.NewResponseController(c.Response())
		_ = rc.SetReadDeadline(deadline)
		_ = rc.SetWriteDeadline(deadline)
		return next(c)
	}
}

// metricsEndpoint serves /metrics on the public address only to a bearer of
// RELANCE_METRICS_TOKEN; without a token it is not there (404), and RELANCE_METRICS_ADDR serves
// it on a listener of its own (MetricsHandler).
func (s *Server) metricsEndpoint(reg *prometheus.Registry) echo.HandlerFunc {
	s.metrics = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	token := s.app.Config.MetricsToken
	return func(c echo.Context) error {
		if token == "" {
			return s.NotFound(c)
		}
		if subtle.ConstantTimeCompare([]byte(bearer(c)), []byte(token)) != 1 {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			return echo.NewHTTPError(http.StatusUnauthorized, "Give the metrics token as a bearer token.")
		}
		s.metrics.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

// MetricsHandler serves the metrics without a token, for a listener of their own
// (RELANCE_METRICS_ADDR) that only the monitoring can reach.
func (s *Server) MetricsHandler() http.Handler { return s.metrics }
