package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/ledger"
)

func itoa(i int) string { return strconv.Itoa(i) }

// CreditNoteRequest issues a credit note, applied to invoice_id when given.
type CreditNoteRequest struct {
	CustomerID  string  `json:"customer_id" format:"uuid"`
	Number      string  `json:"number" example:"AV-2026-007" maxLength:"100"`
	ExternalID  string  `json:"external_id,omitempty" maxLength:"100"`
	IssueDate   string  `json:"issue_date" format:"date"`
	Currency    string  `json:"currency,omitempty" example:"EUR"`
	AmountCents int64   `json:"amount_cents" minimum:"1" maximum:"10000000000000"`
	Reason      string  `json:"reason,omitempty"`
	InvoiceID   *string `json:"invoice_id,omitempty" format:"uuid"`
}

// CreditNoteResponse is a credit note with what it settles.
type CreditNoteResponse struct {
	ID               string               `json:"id" format:"uuid"`
	Number           string               `json:"number"`
	CustomerID       string               `json:"customer_id" format:"uuid"`
	CustomerName     string               `json:"customer_name"`
	IssueDate        string               `json:"issue_date" format:"date"`
	Currency         string               `json:"currency"`
	AmountCents      int64                `json:"amount_cents"`
	UnallocatedCents int64                `json:"unallocated_cents"`
	Reason           string               `json:"reason"`
	Allocations      []AllocationResponse `json:"allocations"`
	CreatedAt        time.Time            `json:"created_at"`
}

// CreditNoteList is one page of credit notes (without their allocations).
type CreditNoteList struct {
	Items []CreditNoteResponse `json:"items"`
	Total int64                `json:"total"`
}

func toCreditNoteResponse(v ledger.CreditNoteView) CreditNoteResponse {
	return CreditNoteResponse{ID: v.ID.String(), Number: v.Number, CustomerID: v.CustomerID.String(), CustomerName: v.CustomerName,
		IssueDate: dateString(v.IssueDate), Currency: v.Currency, AmountCents: v.AmountCents, UnallocatedCents: v.UnallocatedCents,
		Reason: v.Reason, Allocations: toAllocations(v.Allocations), CreatedAt: v.CreatedAt}
}

// ListCreditNotes godoc
// @Summary      List credit notes
// @Tags         credit-notes
// @Produce      json
// @Security     BearerAuth
// @Param        q            query     string  false  "Search in number and customer name"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        sort         query     string  false  "issue_date, number or amount; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  CreditNoteList
// @Router       /api/v1/credit-notes [get]
func (s *Server) ListCreditNotes(c echo.Context) error {
	q, customer, err := customerListQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Ledger.ListCreditNotes(c.Request().Context(), principal(c), q, customer)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CreditNoteList{Items: mapped(res.Items, toCreditNoteResponse), Total: res.Total})
}

// CreateCreditNote godoc
// @Summary      Issue a credit note
// @Description  With invoice_id, it settles that invoice up to its balance; the rest stays as the customer's credit.
// @Tags         credit-notes
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      CreditNoteRequest  true  "The credit note"
// @Success      201   {object}  CreditNoteResponse
// @Failure      409   {object}  Problem  "number already used"
// @Failure      422   {object}  Problem
// @Router       /api/v1/credit-notes [post]
func (s *Server) CreateCreditNote(c echo.Context) error {
	var req CreditNoteRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := ledger.CreditNoteInput{CustomerID: f.id("customer_id", req.CustomerID), Number: req.Number, ExternalID: req.ExternalID,
		IssueDate: f.date("issue_date", req.IssueDate), Currency: req.Currency, AmountCents: req.AmountCents, Reason: req.Reason,
		InvoiceID: f.optID("invoice_id", req.InvoiceID)}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Ledger.CreateCreditNote(c.Request().Context(), principal(c), in)
	return reply(c, http.StatusCreated, v, err, toCreditNoteResponse)
}

// GetCreditNote godoc
// @Summary      A credit note with its allocations
// @Tags         credit-notes
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Credit note id"  format(uuid)
// @Success      200  {object}  CreditNoteResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/credit-notes/{id} [get]
func (s *Server) GetCreditNote(c echo.Context) error {
	return byID(c, http.StatusOK, s.svc.Ledger.CreditNoteByID, toCreditNoteResponse)
}
