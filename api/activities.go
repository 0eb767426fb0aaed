package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

// ActivityResponse is one timeline entry.
type ActivityResponse struct {
	ID            string         `json:"id" format:"uuid"`
	Kind          string         `json:"kind" example:"payment.allocated"`
	OccurredAt    time.Time      `json:"occurred_at"`
	Actor         *string        `json:"actor" extensions:"x-nullable"`
	CustomerID    *string        `json:"customer_id" format:"uuid" extensions:"x-nullable"`
	InvoiceID     *string        `json:"invoice_id" format:"uuid" extensions:"x-nullable"`
	InvoiceNumber *string        `json:"invoice_number" extensions:"x-nullable"`
	Data          map[string]any `json:"data"`
}

// ActivityList is one page of a timeline, newest first.
type ActivityList struct {
	Items []ActivityResponse `json:"items"`
	Total int64              `json:"total"`
}

// CustomerTimeline godoc
// @Summary      A customer's timeline, newest first
// @Tags         customers
// @Produce      json
// @Security     BearerAuth
// @Param        id      path      string  true   "Customer id"  format(uuid)
// @Param        limit   query     int     false  "Page size (1–200, default 50)"
// @Param        offset  query     int     false  "Rows to skip"
// @Success      200     {object}  ActivityList
// @Failure      404     {object}  Problem
// @Router       /api/v1/customers/{id}/activities [get]
func (s *Server) CustomerTimeline(c echo.Context) error { return s.timeline(c, true) }

// InvoiceTimeline godoc
// @Summary      An invoice's timeline, newest first
// @Tags         invoices
// @Produce      json
// @Security     BearerAuth
// @Param        id      path      string  true   "Invoice id"  format(uuid)
// @Param        limit   query     int     false  "Page size (1–200, default 50)"
// @Param        offset  query     int     false  "Rows to skip"
// @Success      200     {object}  ActivityList
// @Failure      404     {object}  Problem
// @Router       /api/v1/invoices/{id}/activities [get]
func (s *Server) InvoiceTimeline(c echo.Context) error { return s.timeline(c, false) }

func (s *Server) timeline(c echo.Context, ofCustomer bool) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	var customer, invoice *uuid.UUID
	if ofCustomer {
		customer = &id
	} else {
		invoice = &id
	}
	res, err := s.svc.Ledger.Timeline(c.Request().Context(), principal(c), customer, invoice, q)
	if err != nil {
		return err
	}
	out := ActivityList{Items: make([]ActivityResponse, len(res.Items)), Total: res.Total}
	for i, a := range res.Items {
		out.Items[i] = ActivityResponse{ID: a.ID.String(), Kind: a.Kind, OccurredAt: a.OccurredAt, Actor: a.Actor,
			CustomerID: uuidPtrString(a.CustomerID), InvoiceID: uuidPtrString(a.InvoiceID), InvoiceNumber: a.InvoiceNumber, Data: a.Data}
	}
	return c.JSON(http.StatusOK, out)
}
