package api

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/ratelimit"
)

// The limits on what anyone may ask without an account (counted in Postgres: see
// internal/platform/ratelimit). Signing in has its own throttle (internal/auth/throttle.go), and
// so do debtor links tried at random (internal/portal/links.go); the debtor page's forms have
// theirs in web/portal (limits.go).
var (
	signupPerIP     = ratelimit.Rule{Name: "signup-ip", Limit: 10, Window: time.Hour}
	invitationPerIP = ratelimit.Rule{Name: "invitation-ip", Limit: 30, Window: 15 * time.Minute}
	// Password reset: emails to one account, requests and confirmations from one address.
	resetPerAccount = ratelimit.Rule{Name: "reset-account", Limit: 3, Window: time.Hour}
	resetPerIP      = ratelimit.Rule{Name: "reset-ip", Limit: 10, Window: time.Hour}
	resetConfirmIP  = ratelimit.Rule{Name: "reset-confirm-ip", Limit: 20, Window: 15 * time.Minute}
)

// limitIP counts each request of the route against rule for the client's address.
func (s *Server) limitIP(rule ratelimit.Rule) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if err := s.svc.Limits.Take(c.Request().Context(), rule, c.RealIP()); err != nil {
				return err
			}
			return next(c)
		}
	}
}
