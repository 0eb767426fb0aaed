package web

import (
	"crypto/subtle"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/web/httpx"
)

// HTTPServer is the http.Server that serves s on addr with the configured timeouts: a client
// that does not finish its headers in time is cut off (slowloris), an ordinary request has
// Read to send its body and Write for its answer, and a kept-alive connection closes after Idle.
// The routes that move files take Transfer instead (see httpx.Transfer).
func (s *Server) HTTPServer(addr string, t config.HTTPTimeouts) *http.Server {
	return &http.Server{Addr: addr, Handler: s, ReadHeaderTimeout: t.ReadHeader, ReadTimeout: t.Read,
		WriteTimeout: t.Write, IdleTimeout: t.Idle, MaxHeaderBytes: 64 << 10}
}

// metricsEndpoint serves /metrics on the public address only to a bearer of
// RELANCE_METRICS_TOKEN; without a token it is not there (404), and RELANCE_METRICS_ADDR serves
// it on a listener of its own (MetricsHandler).
func (s *Server) metricsEndpoint(reg *prometheus.Registry, token string) echo.HandlerFunc {
	s.metrics = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	return func(c echo.Context) error {
		if token == "" {
			return httpx.NotFound(c)
		}
		if subtle.ConstantTimeCompare([]byte(httpx.Bearer(c)), []byte(token)) != 1 {
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
