package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/portal"
)

// PortalLinkRequest makes a link to a customer's page.
type PortalLinkRequest struct {
	ContactEmail string `json:"contact_email,omitempty" example:"compta@boulangerie-martin.fr" maxLength:"254"`
}

// PortalLinkCreated is a new link. Its URL holds the token and is shown this once.
type PortalLinkCreated struct {
	ID           string    `json:"id" format:"uuid"`
	URL          string    `json:"url" example:"https://app.relance.fr/p/hT3x…"`
	ContactEmail string    `json:"contact_email"`
	ExpiresAt    time.Time `json:"expires_at"`
}

// PortalLinkResponse is a link as listed: never its token.
type PortalLinkResponse struct {
	ID             string     `json:"id" format:"uuid"`
	ContactEmail   string     `json:"contact_email"`
	Source         string     `json:"source" enums:"reminder,staff,resend"`
	Status         string     `json:"status" enums:"active,expired,revoked"`
	ActionID       *string    `json:"action_id" format:"uuid" extensions:"x-nullable"`
	CreatedByName  *string    `json:"created_by_name" extensions:"x-nullable"`
	CreatedAt      time.Time  `json:"created_at"`
	ExpiresAt      time.Time  `json:"expires_at"`
	RevokedAt      *time.Time `json:"revoked_at" extensions:"x-nullable"`
	VisitCount     int        `json:"visit_count"`
	FirstVisitedAt *time.Time `json:"first_visited_at" extensions:"x-nullable"`
	LastVisitedAt  *time.Time `json:"last_visited_at" extensions:"x-nullable"`
}

// PortalLinkList is a customer's links, newest first (at most 200).
type PortalLinkList struct {
	Items []PortalLinkResponse `json:"items"`
	Total int64                `json:"total"`
}

func toPortalLinkResponse(l portal.LinkView) PortalLinkResponse {
	return PortalLinkResponse{ID: l.ID.String(), ContactEmail: l.ContactEmail, Source: l.Source, Status: l.Status,
		ActionID: uuidPtrString(l.ActionID), CreatedByName: l.CreatedByName, CreatedAt: l.CreatedAt, ExpiresAt: l.ExpiresAt,
		RevokedAt: l.RevokedAt, VisitCount: l.VisitCount, FirstVisitedAt: l.FirstVisitedAt, LastVisitedAt: l.LastVisitedAt}
}

// ListPortalLinks godoc
// @Summary      A customer's debtor-page links
// @Description  Every link made for the customer (by reminders or by staff), newest first, with its visits. Tokens are never shown again.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Customer id"  format(uuid)
// @Success      200  {object}  PortalLinkList
// @Failure      404  {object}  Problem
// @Router       /api/v1/customers/{id}/portal-links [get]
func (s *Server) ListPortalLinks(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	links, err := s.svc.Portal.CustomerLinks(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PortalLinkList{Items: mapped(links, toPortalLinkResponse), Total: int64(len(links))})
}

// CreatePortalLink godoc
// @Summary      Make a link to a customer's debtor page
// @Description  For staff to send by hand; it expires after the page settings' link lifetime. The URL is in this answer only.
// @Tags         portal
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string             true  "Customer id"  format(uuid)
// @Param        body  body      PortalLinkRequest  true  "Who the link is for"
// @Success      201   {object}  PortalLinkCreated
// @Failure      403   {object}  Problem  "viewers"
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/customers/{id}/portal-links [post]
func (s *Server) CreatePortalLink(c echo.Context) error {
	var req PortalLinkRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	l, err := s.svc.Portal.ShareLink(c.Request().Context(), principal(c), id, req.ContactEmail)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, PortalLinkCreated{ID: l.ID.String(), URL: l.URL, ContactEmail: l.ContactEmail,
		ExpiresAt: l.ExpiresAt})
}

// RevokePortalLink godoc
// @Summary      Revoke a debtor-page link
// @Description  The link stops opening the page at once; revoking twice is harmless.
// @Tags         portal
// @Security     BearerAuth
// @Param        id   path  string  true  "Link id"  format(uuid)
// @Success      204
// @Failure      403  {object}  Problem  "viewers"
// @Failure      404  {object}  Problem
// @Router       /api/v1/portal-links/{id} [delete]
func (s *Server) RevokePortalLink(c echo.Context) error {
	return removeByID(c, "id", s.svc.Portal.RevokeLink)
}
