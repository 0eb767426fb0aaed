package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/dunning"
)

// DisputeRequest opens a dispute on invoices of one customer.
type DisputeRequest struct {
	CustomerID string   `json:"customer_id" format:"uuid"`
	InvoiceIDs []string `json:"invoice_ids"`
	Reason     string   `json:"reason" enums:"not_received,wrong_amount,goods_missing_or_defective,service_not_rendered,already_paid,other"`
	Comment    string   `json:"comment,omitempty"`
}

// DisputeResponse is a dispute.
type DisputeResponse struct {
	ID         string     `json:"id" format:"uuid"`
	CustomerID string     `json:"customer_id" format:"uuid"`
	InvoiceIDs []string   `json:"invoice_ids"`
	Reason     string     `json:"reason"`
	Comment    string     `json:"comment"`
	Source     string     `json:"source" enums:"staff,portal,api"`
	Status     string     `json:"status" enums:"open,resolved"`
	Resolution string     `json:"resolution"`
	OpenedAt   time.Time  `json:"opened_at"`
	ResolvedAt *time.Time `json:"resolved_at"`
}

// ResolveRequest closes a dispute.
type ResolveRequest struct {
	Resolution string `json:"resolution"`
}

func idStrings(ids []uuid.UUID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out
}

func parseIDs(f *fields, name string, in []string) []uuid.UUID {
	out := make([]uuid.UUID, len(in))
	for i, s := range in {
		out[i] = f.id(name+"["+itoa(i)+"]", s)
	}
	return out
}

func toDisputeResponse(d dunning.DisputeView) DisputeResponse {
	return DisputeResponse{ID: d.ID.String(), CustomerID: d.CustomerID.String(), InvoiceIDs: idStrings(d.InvoiceIDs),
		Reason: d.Reason, Comment: d.Comment, Source: d.Source, Status: d.Status, Resolution: d.Resolution,
		OpenedAt: d.OpenedAt, ResolvedAt: d.ResolvedAt}
}

// OpenDispute godoc
// @Summary      Open a dispute
// @Description  The invoices leave the dunning flow until the dispute is resolved.
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      DisputeRequest  true  "The dispute"
// @Success      201   {object}  DisputeResponse
// @Failure      422   {object}  Problem
// @Router       /api/v1/disputes [post]
func (s *Server) OpenDispute(c echo.Context) error {
	var req DisputeRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := dunning.DisputeInput{CustomerID: f.id("customer_id", req.CustomerID), InvoiceIDs: parseIDs(&f, "invoice_ids", req.InvoiceIDs),
		Reason: req.Reason, Comment: req.Comment}
	if err := f.Err(); err != nil {
		return err
	}
	d, err := s.app.Dunning.OpenDispute(c.Request().Context(), principal(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toDisputeResponse(d))
}

// ResolveDispute godoc
// @Summary      Resolve a dispute
// @Description  Its invoices return to the dunning flow.
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string          true  "Dispute id"  format(uuid)
// @Param        body  body      ResolveRequest  true  "How it was resolved"
// @Success      200   {object}  DisputeResponse
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem  "already resolved"
// @Router       /api/v1/disputes/{id}/resolve [post]
func (s *Server) ResolveDispute(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req ResolveRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	d, err := s.app.Dunning.ResolveDispute(c.Request().Context(), principal(c), id, req.Resolution)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDisputeResponse(d))
}

// PromiseRequest records a promise to pay.
type PromiseRequest struct {
	CustomerID string   `json:"customer_id" format:"uuid"`
	InvoiceIDs []string `json:"invoice_ids"`
	PromisedOn string   `json:"promised_on" format:"date"`
	Method     string   `json:"method" enums:"transfer,card,sepa_debit,check,cash,other"`
}

// PromiseResponse is a promise to pay.
type PromiseResponse struct {
	ID         string    `json:"id" format:"uuid"`
	CustomerID string    `json:"customer_id" format:"uuid"`
	InvoiceIDs []string  `json:"invoice_ids"`
	PromisedOn string    `json:"promised_on" format:"date"`
	Method     string    `json:"method"`
	Source     string    `json:"source" enums:"staff,portal,api"`
	Status     string    `json:"status" enums:"open,kept,broken,cancelled"`
	CreatedAt  time.Time `json:"created_at"`
}

// RecordPromise godoc
// @Summary      Record a promise to pay
// @Description  Reminders of its invoices wait until the promised date plus the organisation's grace days.
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      PromiseRequest  true  "The promise"
// @Success      201   {object}  PromiseResponse
// @Failure      422   {object}  Problem
// @Router       /api/v1/promises [post]
func (s *Server) RecordPromise(c echo.Context) error {
	var req PromiseRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := dunning.PromiseInput{CustomerID: f.id("customer_id", req.CustomerID), InvoiceIDs: parseIDs(&f, "invoice_ids", req.InvoiceIDs),
		PromisedOn: f.date("promised_on", req.PromisedOn), Method: req.Method}
	if err := f.Err(); err != nil {
		return err
	}
	p, err := s.app.Dunning.RecordPromise(c.Request().Context(), principal(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, PromiseResponse{ID: p.ID.String(), CustomerID: p.CustomerID.String(),
		InvoiceIDs: idStrings(p.InvoiceIDs), PromisedOn: dateString(p.PromisedOn), Method: p.Method, Source: p.Source,
		Status: p.Status, CreatedAt: p.CreatedAt})
}

// CancelPromise godoc
// @Summary      Cancel a promise to pay
// @Description  Reminders resume.
// @Tags         dunning
// @Security     BearerAuth
// @Param        id   path  string  true  "Promise id"  format(uuid)
// @Success      204
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "already closed"
// @Router       /api/v1/promises/{id}/cancel [post]
func (s *Server) CancelPromise(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.app.Dunning.CancelPromise(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
