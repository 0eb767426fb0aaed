package api

import "github.com/labstack/echo/v4"

// ledgerRoutes registers customers, contacts, invoices, credit notes and payments.
func (s *Server) ledgerRoutes(g *echo.Group) {}
