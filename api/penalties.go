package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// The late-payment penalties of an invoice, and the penalty invoice that bills them.

// PenaltiesResponse is an invoice's late-payment penalties as of a day (French B2B law).
type PenaltiesResponse struct {
	AsOf           string `json:"as_of" format:"date"`
	DaysLate       int    `json:"days_late"`
	BalanceCents   int64  `json:"balance_cents"`
	Currency       string `json:"currency"`
	Rate           string `json:"rate" example:"12.15"`
	InterestCents  int64  `json:"interest_cents"`
	IndemnityCents int64  `json:"indemnity_cents"`
	TotalCents     int64  `json:"total_cents"`
}

// GetPenalties godoc
// @Summary      An invoice's late-payment penalties today
// @Description  Interest from the day after the due date (balance × rate × days / 365, rounded once) plus the fixed recovery indemnity.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Invoice id"  format(uuid)
// @Success      200  {object}  PenaltiesResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/invoices/{id}/penalties [get]
func (s *Server) GetPenalties(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Dunning.InvoicePenalties(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PenaltiesResponse{AsOf: dateString(v.AsOf), DaysLate: v.DaysLate,
		BalanceCents: v.BalanceCents, Currency: v.Currency, Rate: v.Rate.StringFixed(2), InterestCents: v.InterestCents,
		IndemnityCents: v.IndemnityCents, TotalCents: v.TotalCents})
}

// IssuePenaltyInvoice godoc
// @Summary      Issue a penalty invoice
// @Description  A separate invoice for the penalties of an invoice as of today, payable in 30 days.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Invoice id"  format(uuid)
// @Success      201  {object}  InvoiceResponse
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "not late, or already issued today"
// @Router       /api/v1/invoices/{id}/penalty-invoice [post]
func (s *Server) IssuePenaltyInvoice(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Dunning.IssuePenaltyInvoice(c.Request().Context(), principal(c), id, s.svc.Ledger)
	return reply(c, http.StatusCreated, v, err, toInvoiceResponse)
}
