package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
)

// SignupRequest creates an organisation and its first user, its owner.
type SignupRequest struct {
	OrganizationName string `json:"organization_name" example:"Démo SARL" maxLength:"200"`
	Name             string `json:"name" example:"Camille Martin" maxLength:"200"`
	Email            string `json:"email" example:"camille@example.com" maxLength:"254"`
	Password         string `json:"password" minLength:"10" maxLength:"200"`
	Locale           string `json:"locale,omitempty" enums:"fr,en"`
}

// LoginRequest signs a user in.
type LoginRequest struct {
	Email    string `json:"email" example:"demo@relance.test" maxLength:"254"`
	Password string `json:"password" example:"relance-demo" maxLength:"200"`
}

// RefreshRequest exchanges a refresh token; organization_id switches organisation.
type RefreshRequest struct {
	RefreshToken   string `json:"refresh_token" maxLength:"200"`
	OrganizationID string `json:"organization_id,omitempty" format:"uuid"`
}

// LogoutRequest ends the session of a refresh token.
type LogoutRequest struct {
	RefreshToken string `json:"refresh_token" maxLength:"200"`
}

// TokenResponse is a session: a short-lived access token for one organisation and a refresh
// token that rotates on every use.
type TokenResponse struct {
	AccessToken    string `json:"access_token"`
	RefreshToken   string `json:"refresh_token"`
	TokenType      string `json:"token_type" example:"Bearer"`
	ExpiresIn      int    `json:"expires_in" example:"900"`
	OrganizationID string `json:"organization_id" format:"uuid"`
}

func toTokenResponse(t auth.Tokens) TokenResponse {
	return TokenResponse{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: "Bearer",
		ExpiresIn: t.ExpiresIn, OrganizationID: t.OrganizationID.String()}
}

// Signup godoc
// @Summary      Create an organisation and its owner
// @Tags         auth
// @Accept       json
// @Produce      json
// @Param        body  body      SignupRequest  true  "The organisation and its owner"
// @Success      201   {object}  TokenResponse
// @Failure      409   {object}  Problem  "email already registered"
// @Failure      422   {object}  Problem
// @Router       /api/v1/auth/signup [post]
func (s *Server) Signup(c echo.Context) error {
	var req SignupRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	t, err := s.svc.Auth.Signup(c.Request().Context(), auth.SignupInput(req), client(c))
	return reply(c, http.StatusCreated, t, err, toTokenResponse)
}

// Login godoc
// @Summary      Sign in with email and password
// @Description  Opens a session in the organisation used last. Failures back off, they never lock an account: after 5 failures on an account from one address (or 30 from one address over all accounts) within 15 minutes, that address gets 429 with Retry-After; while an account has 20 failures or more from everywhere, each address gets 2 tries on it. The right password from an address that has not failed always signs in.
// @Tags         auth
// @Accept       json
// @Produce      json
// @Param        body  body      LoginRequest  true  "Credentials"
// @Success      200   {object}  TokenResponse
// @Failure      401   {object}  Problem
// @Failure      429   {object}  Problem
// @Router       /api/v1/auth/login [post]
func (s *Server) Login(c echo.Context) error {
	var req LoginRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	t, err := s.svc.Auth.Login(c.Request().Context(), req.Email, req.Password, client(c))
	return reply(c, http.StatusOK, t, err, toTokenResponse)
}

// Refresh godoc
// @Summary      Rotate a refresh token (and optionally switch organisation)
// @Description  The refresh token given stops working. Presenting an already rotated token revokes every token of that session.
// @Tags         auth
// @Accept       json
// @Produce      json
// @Param        body  body      RefreshRequest  true  "The current refresh token"
// @Success      200   {object}  TokenResponse
// @Failure      401   {object}  Problem
// @Failure      404   {object}  Problem  "not a member of that organisation"
// @Router       /api/v1/auth/refresh [post]
func (s *Server) Refresh(c echo.Context) error {
	var req RefreshRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	var org *uuid.UUID
	if req.OrganizationID != "" {
		id, err := uuid.Parse(req.OrganizationID)
		if err != nil {
			return errs.Invalid("organization_id", "api.expected_uuid")
		}
		org = &id
	}
	t, err := s.svc.Auth.Refresh(c.Request().Context(), req.RefreshToken, org, client(c))
	return reply(c, http.StatusOK, t, err, toTokenResponse)
}

// Logout godoc
// @Summary      End a session
// @Tags         auth
// @Accept       json
// @Param        body  body  LogoutRequest  true  "The session's refresh token"
// @Success      204
// @Router       /api/v1/auth/logout [post]
func (s *Server) Logout(c echo.Context) error {
	var req LogoutRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	if err := s.svc.Auth.Logout(c.Request().Context(), req.RefreshToken); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
