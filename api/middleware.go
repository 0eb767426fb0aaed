package api

import (
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/web/httpx"
)

const principalKey = "principal"

// noStore keeps API answers (tokens, personal data) out of caches.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// authenticate requires an access token or an API key and records the principal.
func authenticate(svc *auth.Service) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			token := httpx.Bearer(c)
			if token == "" {
				return auth.ErrUnauthenticated
			}
			p, err := svc.Authenticate(c.Request().Context(), token)
			if err != nil {
				return err
			}
			c.Set(principalKey, p)
			return next(c)
		}
	}
}
