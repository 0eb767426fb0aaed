package api

import (
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/payments"
)

// Stripe's webhook: machine input (a signed JSON event) answered in JSON, so it belongs to the
// JSON door even though it is not part of the documented API (no OpenAPI annotations). The
// debtor's payment pages are in web/portal.

// maxWebhookBytes bounds a Stripe event (they are a few kilobytes).
const maxWebhookBytes = 1 << 20

// StripeWebhook receives Stripe's events: 400 when the signature does not match, 200 once the
// event is applied (or was already), 5xx to have Stripe retry later.
func (s *Server) StripeWebhook(c echo.Context) error {
	// The signature covers the exact bytes: read the body as it came, never bind it.
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxWebhookBytes+1))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "api.body_unreadable")
	}
	if len(body) > maxWebhookBytes {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "api.body_too_large")
	}
	err = s.svc.Payments.HandleWebhook(c.Request().Context(), body, c.Request().Header.Get("Stripe-Signature"))
	switch {
	case errors.Is(err, payments.ErrBadSignature):
		return echo.NewHTTPError(http.StatusBadRequest, payments.ErrBadSignature.Key)
	case errors.Is(err, payments.ErrNotConfigured):
		return s.NotFound(c)
	case err != nil:
		return err
	}
	return c.JSON(http.StatusOK, map[string]bool{"received": true})
}
