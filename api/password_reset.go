package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// PasswordResetRequest asks for a link to choose a new password.
type PasswordResetRequest struct {
	Email string `json:"email" example:"camille@example.com"`
}

// PasswordResetConfirm sets a new password with the token of the emailed link.
type PasswordResetConfirm struct {
	Token    string `json:"token" example:"rlp_…"`
	Password string `json:"password" minLength:"10"`
}

// RequestPasswordReset godoc
// @Summary      Email a link to choose a new password
// @Description  Answers 202 whether or not the address has an account (the answer never tells); when it has one, a single-use link valid for one hour is emailed. Limited to 3 requests an hour per address and 10 per client address (429 with Retry-After).
// @Tags         auth
// @Accept       json
// @Param        body  body  PasswordResetRequest  true  "The account's email address"
// @Success      202
// @Failure      422   {object}  Problem
// @Failure      429   {object}  Problem
// @Router       /api/v1/auth/password-reset [post]
func (s *Server) RequestPasswordReset(c echo.Context) error {
	ctx := c.Request().Context()
	if err := s.svc.Limits.Take(ctx, resetPerIP, c.RealIP()); err != nil {
		return err
	}
	var req PasswordResetRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	if err := s.svc.Limits.Take(ctx, resetPerAccount, strings.ToLower(strings.TrimSpace(req.Email))); err != nil {
		return err
	}
	if err := s.svc.Auth.RequestPasswordReset(ctx, req.Email, client(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}

// ConfirmPasswordReset godoc
// @Summary      Choose a new password with an emailed link
// @Description  The link works once and for one hour. Every session of the account ends: sign in again with the new password.
// @Tags         auth
// @Accept       json
// @Param        body  body  PasswordResetConfirm  true  "The link's token and the new password"
// @Success      204
// @Failure      422   {object}  Problem  "invalid, expired or used link (field token), or a password too short"
// @Failure      429   {object}  Problem
// @Router       /api/v1/auth/password-reset/confirm [post]
func (s *Server) ConfirmPasswordReset(c echo.Context) error {
	var req PasswordResetConfirm
	if err := decode(c, &req); err != nil {
		return err
	}
	if err := s.svc.Auth.ResetPassword(c.Request().Context(), req.Token, req.Password); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
