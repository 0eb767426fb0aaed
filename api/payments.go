package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/page"
)

// AllocationLine settles part of an invoice.
type AllocationLine struct {
	InvoiceID   string `json:"invoice_id" format:"uuid"`
	AmountCents int64  `json:"amount_cents" minimum:"1" maximum:"10000000000000"`
}

// AllocationResponse is part of a payment or credit note applied to an invoice.
type AllocationResponse struct {
	InvoiceID     string `json:"invoice_id" format:"uuid"`
	InvoiceNumber string `json:"invoice_number"`
	AmountCents   int64  `json:"amount_cents"`
}

// PaymentRequest records money received.
type PaymentRequest struct {
	CustomerID  string           `json:"customer_id" format:"uuid"`
	ReceivedOn  string           `json:"received_on" format:"date" example:"2026-04-02"`
	Currency    string           `json:"currency,omitempty" example:"EUR"`
	AmountCents int64            `json:"amount_cents" example:"124000" minimum:"1" maximum:"10000000000000"`
	Method      string           `json:"method" enums:"transfer,card,sepa_debit,check,cash,other"`
	Reference   string           `json:"reference,omitempty" example:"VIR F-2026-0118" maxLength:"200"`
	ExternalID  string           `json:"external_id,omitempty" maxLength:"100"`
	Allocation  string           `json:"allocation,omitempty" enums:"auto,manual,none"`
	Allocations []AllocationLine `json:"allocations,omitempty"`
}

// AllocateRequest applies what is left of a payment.
type AllocateRequest struct {
	Auto        bool             `json:"auto,omitempty"`
	Allocations []AllocationLine `json:"allocations,omitempty"`
}

// ReverseRequest explains a reversal.
type ReverseRequest struct {
	Reason string `json:"reason" example:"Cheque returned unpaid"`
}

// PaymentResponse is a payment with what it settles.
type PaymentResponse struct {
	ID               string               `json:"id" format:"uuid"`
	CustomerID       string               `json:"customer_id" format:"uuid"`
	CustomerName     string               `json:"customer_name"`
	ExternalID       *string              `json:"external_id" extensions:"x-nullable"`
	ReceivedOn       string               `json:"received_on" format:"date"`
	Currency         string               `json:"currency"`
	AmountCents      int64                `json:"amount_cents"`
	UnallocatedCents int64                `json:"unallocated_cents"`
	Method           string               `json:"method" enums:"transfer,card,sepa_debit,check,cash,other"`
	Reference        string               `json:"reference"`
	ReversedAt       *time.Time           `json:"reversed_at" extensions:"x-nullable"`
	ReversalReason   string               `json:"reversal_reason"`
	Allocations      []AllocationResponse `json:"allocations"`
	CreatedAt        time.Time            `json:"created_at"`
}

// PaymentList is one page of payments with their allocations.
type PaymentList struct {
	Items []PaymentResponse `json:"items"`
	Total int64             `json:"total"`
}

func toAllocations(as []ledger.AllocationView) []AllocationResponse {
	out := make([]AllocationResponse, len(as))
	for i, a := range as {
		out[i] = AllocationResponse{InvoiceID: a.InvoiceID.String(), InvoiceNumber: a.InvoiceNumber, AmountCents: a.AmountCents}
	}
	return out
}

func toPaymentResponse(v ledger.PaymentView) PaymentResponse {
	return PaymentResponse{ID: v.ID.String(), CustomerID: v.CustomerID.String(), CustomerName: v.CustomerName, ExternalID: v.ExternalID,
		ReceivedOn: dateString(v.ReceivedOn), Currency: v.Currency, AmountCents: v.AmountCents, UnallocatedCents: v.UnallocatedCents,
		Method: v.Method, Reference: v.Reference, ReversedAt: v.ReversedAt, ReversalReason: v.ReversalReason,
		Allocations: toAllocations(v.Allocations), CreatedAt: v.CreatedAt}
}

// customerListQuery reads the list parameters and the optional customer_id filter.
func customerListQuery(c echo.Context) (page.Query, *uuid.UUID, error) {
	q, err := listQuery(c)
	if err != nil {
		return q, nil, err
	}
	var f fields
	customer := queryID(&f, "customer_id", c.QueryParam("customer_id"))
	return q, customer, f.Err()
}

func allocationLines(f *fields, lines []AllocationLine) []ledger.AllocationInput {
	out := make([]ledger.AllocationInput, len(lines))
	for i, l := range lines {
		out[i] = ledger.AllocationInput{InvoiceID: f.id("allocations["+itoa(i)+"].invoice_id", l.InvoiceID), AmountCents: l.AmountCents}
	}
	return out
}

// ListPayments godoc
// @Summary      List payments
// @Tags         payments
// @Produce      json
// @Security     BearerAuth
// @Param        q            query     string  false  "Search in reference and customer name"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        sort         query     string  false  "received_on, amount or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  PaymentList
// @Router       /api/v1/payments [get]
func (s *Server) ListPayments(c echo.Context) error {
	q, customer, err := customerListQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Ledger.ListPayments(c.Request().Context(), principal(c), q, customer)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PaymentList{Items: mapped(res.Items, toPaymentResponse), Total: res.Total})
}

// RecordPayment godoc
// @Summary      Record a payment and allocate it
// @Description  allocation "auto" (default) settles first an invoice whose number appears in the reference, then the oldest due; "manual" uses the lines given; "none" keeps the money as the customer's credit. Over-allocation, another customer's invoice or another currency are refused with the line named.
// @Tags         payments
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      PaymentRequest  true  "The payment"
// @Success      201   {object}  PaymentResponse
// @Failure      409   {object}  Problem  "external id already used"
// @Failure      422   {object}  Problem
// @Router       /api/v1/payments [post]
func (s *Server) RecordPayment(c echo.Context) error {
	var req PaymentRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := ledger.PaymentInput{CustomerID: f.id("customer_id", req.CustomerID), ReceivedOn: f.date("received_on", req.ReceivedOn),
		Currency: req.Currency, AmountCents: req.AmountCents, Method: req.Method, Reference: req.Reference, ExternalID: req.ExternalID,
		Allocation: req.Allocation, Allocations: allocationLines(&f, req.Allocations)}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Ledger.RecordPayment(c.Request().Context(), principal(c), in)
	return reply(c, http.StatusCreated, v, err, toPaymentResponse)
}

// GetPayment godoc
// @Summary      A payment with its allocations
// @Tags         payments
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Payment id"  format(uuid)
// @Success      200  {object}  PaymentResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/payments/{id} [get]
func (s *Server) GetPayment(c echo.Context) error {
	return byID(c, http.StatusOK, s.svc.Ledger.PaymentByID, toPaymentResponse)
}

// AllocatePayment godoc
// @Summary      Allocate what is left of a payment
// @Tags         payments
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string           true  "Payment id"  format(uuid)
// @Param        body  body      AllocateRequest  true  "auto, or the lines"
// @Success      200   {object}  PaymentResponse
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem  "reversed payment"
// @Failure      422   {object}  Problem
// @Router       /api/v1/payments/{id}/allocations [post]
func (s *Server) AllocatePayment(c echo.Context) error {
	var req AllocateRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	var f fields
	lines := allocationLines(&f, req.Allocations)
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Ledger.AllocatePayment(c.Request().Context(), principal(c), id, req.Auto, lines)
	return reply(c, http.StatusOK, v, err, toPaymentResponse)
}

// ReversePayment godoc
// @Summary      Reverse a payment (bounced, failed debit, mistake)
// @Description  Its allocations are removed: the invoices it settled are due again.
// @Tags         payments
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string          true  "Payment id"  format(uuid)
// @Param        body  body      ReverseRequest  true  "Why"
// @Success      200   {object}  PaymentResponse
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem  "already reversed"
// @Router       /api/v1/payments/{id}/reverse [post]
func (s *Server) ReversePayment(c echo.Context) error {
	var req ReverseRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	v, err := s.svc.Ledger.ReversePayment(c.Request().Context(), principal(c), id, req.Reason)
	return reply(c, http.StatusOK, v, err, toPaymentResponse)
}
