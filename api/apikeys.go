package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
)

// APIKeyResponse is an API key without its secret.
type APIKeyResponse struct {
	ID         string     `json:"id" format:"uuid"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix" example:"rlk_8Hc2xQa9"`
	Role       auth.Role  `json:"role" enums:"admin,collector,viewer"`
	CreatedBy  *string    `json:"created_by" extensions:"x-nullable"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at" extensions:"x-nullable"`
	RevokedAt  *time.Time `json:"revoked_at" extensions:"x-nullable"`
}

// APIKeyList is one page of API keys.
type APIKeyList struct {
	Items []APIKeyResponse `json:"items"`
	Total int64            `json:"total"`
}

// CreateAPIKeyRequest names a new key and sets what it may do.
type CreateAPIKeyRequest struct {
	Name string    `json:"name" example:"Accounting sync" maxLength:"100"`
	Role auth.Role `json:"role" enums:"admin,collector,viewer"`
}

// CreatedAPIKeyResponse is a new key with its secret, shown only this once.
type CreatedAPIKeyResponse struct {
	APIKeyResponse
	Key string `json:"key" example:"rlk_8Hc2xQa9…"`
}

func toAPIKeyResponse(k auth.APIKeyView) APIKeyResponse {
	return APIKeyResponse{ID: k.ID.String(), Name: k.Name, Prefix: k.Prefix, Role: k.Role, CreatedBy: k.CreatedByName,
		CreatedAt: k.CreatedAt, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
}

// ListAPIKeys godoc
// @Summary      List API keys
// @Tags         api-keys
// @Produce      json
// @Security     BearerAuth
// @Param        q       query     string  false  "Search in name and prefix"
// @Param        sort    query     string  false  "name, created_at, last_used_at or role; prefix with - for descending"
// @Param        limit   query     int     false  "Page size (1–200, default 50)"
// @Param        offset  query     int     false  "Rows to skip"
// @Success      200     {object}  APIKeyList
// @Failure      403     {object}  Problem
// @Router       /api/v1/api-keys [get]
func (s *Server) ListAPIKeys(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Auth.ListAPIKeys(c.Request().Context(), principal(c), q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, APIKeyList{Items: mapped(res.Items, toAPIKeyResponse), Total: res.Total})
}

// CreateAPIKey godoc
// @Summary      Create an API key
// @Description  The secret is in the answer only: store it now. Use it as `Authorization: Bearer <key>`.
// @Tags         api-keys
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      CreateAPIKeyRequest  true  "Name and role"
// @Success      201   {object}  CreatedAPIKeyResponse
// @Failure      403   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/api-keys [post]
func (s *Server) CreateAPIKey(c echo.Context) error {
	var req CreateAPIKeyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	k, secret, err := s.svc.Auth.CreateAPIKey(c.Request().Context(), principal(c), req.Name, req.Role)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, CreatedAPIKeyResponse{APIKeyResponse: toAPIKeyResponse(k), Key: secret})
}

// RevokeAPIKey godoc
// @Summary      Revoke an API key
// @Description  The key stops working at once.
// @Tags         api-keys
// @Security     BearerAuth
// @Param        id   path  string  true  "API key id"  format(uuid)
// @Success      204
// @Failure      404  {object}  Problem
// @Router       /api/v1/api-keys/{id} [delete]
func (s *Server) RevokeAPIKey(c echo.Context) error {
	return removeByID(c, "id", s.svc.Auth.RevokeAPIKey)
}
