package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
)

// InvitationResponse is an invitation to join the organisation.
type InvitationResponse struct {
	ID        string    `json:"id" format:"uuid"`
	Email     string    `json:"email"`
	Role      auth.Role `json:"role" enums:"owner,admin,collector,viewer"`
	Status    string    `json:"status" enums:"pending,accepted,revoked,expired"`
	InvitedBy *string   `json:"invited_by" extensions:"x-nullable"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// InvitationList is one page of invitations.
type InvitationList struct {
	Items []InvitationResponse `json:"items"`
	Total int64                `json:"total"`
}

// CreateInvitationRequest invites someone by email.
type CreateInvitationRequest struct {
	Email string    `json:"email" example:"alex@example.com" maxLength:"254"`
	Role  auth.Role `json:"role" enums:"owner,admin,collector,viewer"`
}

// InvitationLookupResponse is what the invitee sees before accepting.
type InvitationLookupResponse struct {
	OrganizationName string    `json:"organization_name"`
	Email            string    `json:"email"`
	Role             auth.Role `json:"role" enums:"owner,admin,collector,viewer"`
	UserExists       bool      `json:"user_exists"`
	ExpiresAt        time.Time `json:"expires_at"`
}

// AcceptInvitationRequest joins the organisation: a new person gives a name and a password, an
// existing user the password of their account.
type AcceptInvitationRequest struct {
	Token    string `json:"token" maxLength:"200"`
	Name     string `json:"name,omitempty" maxLength:"200"`
	Password string `json:"password" maxLength:"200"`
}

func (s *Server) toInvitationResponse(i auth.InvitationView) InvitationResponse {
	return InvitationResponse{ID: i.ID.String(), Email: i.Email, Role: i.Role, Status: i.Status(time.Now()),
		InvitedBy: i.InvitedByName, CreatedAt: i.CreatedAt, ExpiresAt: i.ExpiresAt}
}

// ListInvitations godoc
// @Summary      List invitations
// @Tags         members
// @Produce      json
// @Security     BearerAuth
// @Param        q       query     string  false  "Search in email"
// @Param        status  query     string  false  "pending, accepted, revoked or expired"
// @Param        sort    query     string  false  "email, role, status, created_at or expires_at; prefix with - for descending"
// @Param        limit   query     int     false  "Page size (1–200, default 50)"
// @Param        offset  query     int     false  "Rows to skip"
// @Success      200     {object}  InvitationList
// @Failure      403     {object}  Problem
// @Router       /api/v1/invitations [get]
func (s *Server) ListInvitations(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Auth.ListInvitations(c.Request().Context(), principal(c), q, c.QueryParam("status"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, InvitationList{Items: mapped(res.Items, s.toInvitationResponse), Total: res.Total})
}

// CreateInvitation godoc
// @Summary      Invite someone to the organisation
// @Description  Emails a link valid 7 days. A new invitation to the same address revokes the previous one.
// @Tags         members
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      CreateInvitationRequest  true  "Who and with which role"
// @Success      201   {object}  InvitationResponse
// @Failure      403   {object}  Problem
// @Failure      409   {object}  Problem  "already a member"
// @Failure      422   {object}  Problem
// @Router       /api/v1/invitations [post]
func (s *Server) CreateInvitation(c echo.Context) error {
	var req CreateInvitationRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	inv, err := s.svc.Auth.Invite(c.Request().Context(), principal(c), req.Email, req.Role)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, s.toInvitationResponse(inv))
}

// RevokeInvitation godoc
// @Summary      Revoke an invitation
// @Tags         members
// @Security     BearerAuth
// @Param        id   path  string  true  "Invitation id"  format(uuid)
// @Success      204
// @Failure      404  {object}  Problem
// @Router       /api/v1/invitations/{id} [delete]
func (s *Server) RevokeInvitation(c echo.Context) error {
	return removeByID(c, "id", s.svc.Auth.RevokeInvitation)
}

// LookupInvitation godoc
// @Summary      Read an invitation before accepting it
// @Tags         members
// @Produce      json
// @Param        token  query     string  true  "The token from the invitation link"
// @Success      200    {object}  InvitationLookupResponse
// @Failure      404    {object}  Problem
// @Failure      409    {object}  Problem  "used, revoked or expired"
// @Router       /api/v1/invitations/lookup [get]
func (s *Server) LookupInvitation(c echo.Context) error {
	info, err := s.svc.Auth.LookupInvitation(c.Request().Context(), c.QueryParam("token"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, InvitationLookupResponse{OrganizationName: info.OrganizationName, Email: info.Email,
		Role: info.Role, UserExists: info.UserExists, ExpiresAt: info.ExpiresAt})
}

// AcceptInvitation godoc
// @Summary      Accept an invitation and sign in
// @Tags         members
// @Accept       json
// @Produce      json
// @Param        body  body      AcceptInvitationRequest  true  "Token and credentials"
// @Success      200   {object}  TokenResponse
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem  "used, revoked or expired"
// @Failure      422   {object}  Problem
// @Router       /api/v1/invitations/accept [post]
func (s *Server) AcceptInvitation(c echo.Context) error {
	var req AcceptInvitationRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	t, err := s.svc.Auth.AcceptInvitation(c.Request().Context(), req.Token, req.Name, req.Password, client(c))
	return reply(c, http.StatusOK, t, err, toTokenResponse)
}
