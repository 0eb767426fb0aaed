package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
)

// UserResponse is a signed-in person.
type UserResponse struct {
	ID     string `json:"id" format:"uuid"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Locale string `json:"locale" enums:"fr,en"`
}

// CurrentOrganization is the organisation a request acts for, with the caller's role in it.
type CurrentOrganization struct {
	ID   string    `json:"id" format:"uuid"`
	Name string    `json:"name"`
	Role auth.Role `json:"role" enums:"owner,admin,collector,viewer"`
}

// MembershipResponse is one organisation the user belongs to.
type MembershipResponse struct {
	OrganizationID   string    `json:"organization_id" format:"uuid"`
	OrganizationName string    `json:"organization_name"`
	Role             auth.Role `json:"role" enums:"owner,admin,collector,viewer"`
}

// MeResponse describes the caller: the user (null for an API key), the current organisation
// and every organisation the user may switch to.
type MeResponse struct {
	User         *UserResponse        `json:"user" extensions:"x-nullable"`
	Organization CurrentOrganization  `json:"organization"`
	Memberships  []MembershipResponse `json:"memberships"`
}

// UpdateMeRequest changes the caller's own profile; absent fields stay as they are.
type UpdateMeRequest struct {
	Name   *string `json:"name,omitempty" maxLength:"200"`
	Locale *string `json:"locale,omitempty" enums:"fr,en"`
}

// OrganizationResponse is the current organisation's settings.
type OrganizationResponse struct {
	ID        string    `json:"id" format:"uuid"`
	Name      string    `json:"name"`
	Locale    string    `json:"locale" enums:"fr,en"`
	Timezone  string    `json:"timezone" example:"Europe/Paris"`
	Currency  string    `json:"currency" example:"EUR"`
	Country   string    `json:"country" example:"FR"`
	CreatedAt time.Time `json:"created_at"`
}

func toMeResponse(me auth.Me) MeResponse {
	r := MeResponse{
		Organization: CurrentOrganization{ID: me.Organization.ID.String(), Name: me.Organization.Name, Role: me.Role},
		Memberships:  make([]MembershipResponse, len(me.Memberships)),
	}
	if me.User != nil {
		r.User = &UserResponse{ID: me.User.ID.String(), Email: me.User.Email, Name: me.User.Name, Locale: me.User.Locale}
	}
	for i, m := range me.Memberships {
		r.Memberships[i] = MembershipResponse{OrganizationID: m.OrganizationID.String(), OrganizationName: m.OrganizationName, Role: m.Role}
	}
	return r
}

// GetMe godoc
// @Summary      Who am I: user, current organisation and memberships
// @Tags         account
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  MeResponse
// @Failure      401  {object}  Problem
// @Router       /api/v1/me [get]
func (s *Server) GetMe(c echo.Context) error {
	me, err := s.svc.Auth.Me(c.Request().Context(), principal(c))
	return reply(c, http.StatusOK, me, err, toMeResponse)
}

// UpdateMe godoc
// @Summary      Change my name or language
// @Tags         account
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      UpdateMeRequest  true  "Fields to change"
// @Success      200   {object}  MeResponse
// @Failure      403   {object}  Problem  "API keys have no profile"
// @Failure      422   {object}  Problem
// @Router       /api/v1/me [patch]
func (s *Server) UpdateMe(c echo.Context) error {
	var req UpdateMeRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	if err := s.svc.Auth.UpdateProfile(ctx, p, auth.ProfileUpdate(req)); err != nil {
		return err
	}
	return s.GetMe(c)
}

// GetOrganization godoc
// @Summary      The current organisation
// @Tags         account
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  OrganizationResponse
// @Router       /api/v1/organization [get]
func (s *Server) GetOrganization(c echo.Context) error {
	me, err := s.svc.Auth.Me(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	o := me.Organization
	return c.JSON(http.StatusOK, OrganizationResponse{ID: o.ID.String(), Name: o.Name, Locale: o.Locale,
		Timezone: o.Timezone, Currency: o.Currency, Country: o.Country, CreatedAt: o.CreatedAt})
}
