package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/web/httpx"
)

// Status is the body of the health endpoints.
type Status struct {
	Status string `json:"status" example:"ok"`
	Detail string `json:"detail,omitempty"`
}

// Healthz godoc
// @Summary      Liveness: the process answers
// @Tags         operations
// @Produce      json
// @Success      200  {object}  Status
// @Router       /healthz [get]
func (s *Server) Healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, Status{Status: "ok"})
}

// Readyz godoc
// @Summary      Readiness: the database answers and is migrated
// @Tags         operations
// @Produce      json
// @Success      200  {object}  Status
// @Failure      503  {object}  Status
// @Router       /readyz [get]
func (s *Server) Readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	if err := s.svc.DB.Ping(ctx); err != nil {
		return c.JSON(http.StatusServiceUnavailable, Status{Status: "unavailable", Detail: "database unreachable"})
	}
	pending, err := s.svc.DB.Pending(ctx)
	if err != nil || pending {
		return c.JSON(http.StatusServiceUnavailable, Status{Status: "unavailable", Detail: "migrations pending: run relance migrate"})
	}
	return c.JSON(http.StatusOK, Status{Status: "ok"})
}

// NotFound answers unknown API paths with a problem, not the SPA.
func (s *Server) NotFound(c echo.Context) error { return httpx.NotFound(c) }
