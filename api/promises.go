package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/portal"
)

// Promises to pay: those of every source as the Requests page lists them, recorded by staff
// or from the debtor page, cancelled by staff.

// PromiseListItem is a promise to pay with its customer's name and its invoices.
type PromiseListItem struct {
	PromiseResponse
	CustomerName string                `json:"customer_name"`
	Invoices     []HeldInvoiceResponse `json:"invoices"`
	LinkID       *string               `json:"link_id" format:"uuid" extensions:"x-nullable"`
	ClosedAt     *time.Time            `json:"closed_at" extensions:"x-nullable"`
}

// PromiseList is one page of promises to pay.
type PromiseList struct {
	Items []PromiseListItem `json:"items"`
	Total int64             `json:"total"`
}

// ListPromises godoc
// @Summary      Promises to pay
// @Description  Open promises first, the soonest date first.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "open, kept, broken or cancelled"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        q            query     string  false  "Search in the customer and the invoice numbers"
// @Param        sort         query     string  false  "promised_on, created_at, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  PromiseList
// @Failure      422          {object}  Problem
// @Router       /api/v1/promises [get]
func (s *Server) ListPromises(c echo.Context) error {
	f, q, err := requestsQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Portal.ListPromises(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PromiseList{Items: mapped(res.Items, toPromiseListItem), Total: res.Total})
}

func toPromiseListItem(p portal.PromiseListItem) PromiseListItem {
	return PromiseListItem{PromiseResponse: PromiseResponse{ID: p.ID.String(), CustomerID: p.CustomerID.String(),
		InvoiceIDs: heldIDs(p.Invoices), PromisedOn: dateString(p.PromisedOn), Method: p.Method, Source: p.Source,
		Status: p.Status, CreatedAt: p.CreatedAt}, CustomerName: p.CustomerName, Invoices: toHeldInvoices(p.Invoices),
		LinkID: uuidPtrString(p.LinkID), ClosedAt: p.ClosedAt}
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
	p, err := s.svc.Dunning.RecordPromise(c.Request().Context(), principal(c), in)
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
	return removeByID(c, "id", s.svc.Dunning.CancelPromise)
}
