package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
)

// MemberResponse is a person of the organisation.
type MemberResponse struct {
	UserID    string    `json:"user_id" format:"uuid"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      auth.Role `json:"role" enums:"owner,admin,collector,viewer"`
	CreatedAt time.Time `json:"created_at"`
}

// MemberList is one page of members.
type MemberList struct {
	Items []MemberResponse `json:"items"`
	Total int64            `json:"total"`
}

// UpdateMemberRequest changes a member's role.
type UpdateMemberRequest struct {
	Role auth.Role `json:"role" enums:"owner,admin,collector,viewer"`
}

func toMemberResponse(m auth.Member) MemberResponse {
	return MemberResponse{UserID: m.UserID.String(), Email: m.Email, Name: m.Name, Role: m.Role, CreatedAt: m.CreatedAt}
}

// ListMembers godoc
// @Summary      List the organisation's members (collectors and above)
// @Tags         members
// @Produce      json
// @Security     BearerAuth
// @Param        q       query     string  false  "Search in name and email"
// @Param        sort    query     string  false  "name, email, role or created_at; prefix with - for descending"
// @Param        limit   query     int     false  "Page size (1–200, default 50)"
// @Param        offset  query     int     false  "Rows to skip"
// @Success      200     {object}  MemberList
// @Failure      403     {object}  Problem
// @Router       /api/v1/members [get]
func (s *Server) ListMembers(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Auth.ListMembers(c.Request().Context(), principal(c), q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, MemberList{Items: mapped(res.Items, toMemberResponse), Total: res.Total})
}

// UpdateMember godoc
// @Summary      Change a member's role
// @Description  Admins and owners may change roles; only an owner grants or takes away the owner role, and the last owner stays.
// @Tags         members
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        user_id  path      string               true  "User id"  format(uuid)
// @Param        body     body      UpdateMemberRequest  true  "The new role"
// @Success      200      {object}  MemberResponse
// @Failure      403      {object}  Problem
// @Failure      404      {object}  Problem
// @Failure      409      {object}  Problem  "last owner"
// @Router       /api/v1/members/{user_id} [patch]
func (s *Server) UpdateMember(c echo.Context) error {
	var req UpdateMemberRequest
	id, err := idAndBody(c, "user_id", &req)
	if err != nil {
		return err
	}
	m, err := s.svc.Auth.ChangeRole(c.Request().Context(), principal(c), id, req.Role)
	return reply(c, http.StatusOK, m, err, toMemberResponse)
}

// RemoveMember godoc
// @Summary      Remove a member from the organisation
// @Tags         members
// @Security     BearerAuth
// @Param        user_id  path  string  true  "User id"  format(uuid)
// @Success      204
// @Failure      403  {object}  Problem
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "last owner"
// @Router       /api/v1/members/{user_id} [delete]
func (s *Server) RemoveMember(c echo.Context) error {
	return removeByID(c, "user_id", s.svc.Auth.RemoveMember)
}
