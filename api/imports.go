package api

import "github.com/labstack/echo/v4"

// importRoutes registers the import endpoints (see internal/imports).
func (s *Server) importRoutes(g *echo.Group) {}
