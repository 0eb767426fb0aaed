// Package httpx is what Relance's two doors share: the JSON API (api) and the debtor's HTML
// pages (web/portal). The middleware every request goes through, the checks on text that no
// column can store, the longer timeout of routes that move files.
package httpx

import (
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/relance/relance/internal/platform/logging"
)

// secretPaths are the path prefixes whose rest is a secret: debtor-page links (/p/), tracking
// tokens (/t/) and invitation links (/invite/, a dashboard page).
var secretPaths = []string{"/p/", "/t/", "/invite/"}

// LoggedPath is the request path as it may be logged: where it holds a secret it is logged by
// its route ("/p/:token/statement.pdf"), never by its value; on every status, 500s included.
func LoggedPath(c echo.Context) string {
	path := c.Request().URL.Path
	for _, prefix := range secretPaths {
		if strings.HasPrefix(path, prefix) {
			if route := c.Path(); route != "" && route != "/*" {
				return route
			}
			return prefix + "…"
		}
	}
	return path
}

// RequestLog logs one line per request with its id, and puts a logger carrying the id in the
// request's context for the handlers and services below.
func RequestLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			path := LoggedPath(c) // before the handler: some rewrite the request's path (the docs viewer)
			id := c.Response().Header().Get(echo.HeaderXRequestID)
			c.SetRequest(c.Request().WithContext(logging.WithRequestID(c.Request().Context(), id)))
			err := next(c)
			if err != nil {
				c.Error(err) // write the problem now, so the status below is the one sent
			}
			status := c.Response().Status
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", c.Request().Method),
				slog.String("path", path),
				slog.Int("status", status),
				slog.Duration("duration", time.Since(start)),
				slog.String("ip", c.RealIP()))
			return nil
		}
	}
}

// Metrics counts requests and times them per route pattern (never per raw path).
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the request metrics in reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "relance_http_requests_total", Help: "HTTP requests by method, route and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "relance_http_request_duration_seconds", Help: "HTTP request latency by method and route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// Middleware counts and times each request.
func (m *Metrics) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(c.Request().Method, route, strconv.Itoa(c.Response().Status)).Inc()
		m.duration.WithLabelValues(c.Request().Method, route).Observe(time.Since(start).Seconds())
		return nil
	}
}

// SecurityHeaders sets the headers every response should carry. The API docs viewer needs
// inline scripts; nothing else does.
func SecurityHeaders(https bool) echo.MiddlewareFunc {
	const csp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
		"font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
			if strings.HasPrefix(c.Request().URL.Path, "/api/docs") {
				h.Set("Content-Security-Policy", csp+"; script-src 'self' 'unsafe-inline'")
			} else {
				h.Set("Content-Security-Policy", csp+"; script-src 'self'")
			}
			if https {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			return next(c)
		}
	}
}
