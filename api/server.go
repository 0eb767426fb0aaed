// Package api is Relance's JSON door: the route table of /api/v1 (and the operations' and the
// API description's routes), request and response types with their OpenAPI annotations, and the
// mapping of domain errors to problem+json answers. It holds no SQL: handlers bind, validate,
// call a domain service and respond. The debtor's HTML pages are the other door (web/portal);
// package web serves both.
package api

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/analytics"
	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/imports"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/payments"
	"github.com/relance/relance/internal/platform/db"
	"github.com/relance/relance/internal/platform/ratelimit"
	"github.com/relance/relance/internal/portal"
	"github.com/relance/relance/web/httpx"
)

// Services are what the JSON API calls: the domain services, the database (for readiness) and
// the request limits of the routes open without an account.
type Services struct {
	DB        *db.DB
	Auth      *auth.Service
	Ledger    *ledger.Service
	Imports   *imports.Service
	Dunning   *dunning.Service
	Portal    *portal.Service
	Payments  *payments.Service
	Analytics *analytics.Service
	Limits    *ratelimit.Limiter
	// Transfer is the timeout of the routes that move files (config.HTTPTimeouts.Transfer).
	Transfer time.Duration
}

// Server holds the JSON API's handlers.
type Server struct {
	svc      Services
	transfer echo.MiddlewareFunc // the longer timeout of routes that move files (httpx.Transfer)
}

// New builds the JSON API on its services; Routes mounts it.
func New(s Services) *Server {
	return &Server{svc: s, transfer: httpx.Transfer(s.Transfer)}
}
