package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/portal"
)

// Disputes and promises from every source, as the Requests page lists them (routes in
// portal_staff.go).

// HeldInvoiceResponse is an invoice a dispute or a promise holds back.
type HeldInvoiceResponse struct {
	ID           string `json:"id" format:"uuid"`
	Number       string `json:"number"`
	TotalCents   int64  `json:"total_cents"`
	BalanceCents int64  `json:"balance_cents"`
	Currency     string `json:"currency"`
}

func toHeldInvoices(in []portal.HeldInvoice) []HeldInvoiceResponse {
	out := make([]HeldInvoiceResponse, len(in))
	for i, v := range in {
		out[i] = HeldInvoiceResponse{ID: v.ID.String(), Number: v.Number, TotalCents: v.TotalCents,
			BalanceCents: v.BalanceCents, Currency: v.Currency}
	}
	return out
}

func heldIDs(in []portal.HeldInvoice) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = v.ID.String()
	}
	return out
}

// DisputeListItem is a dispute with its customer's name and its invoices.
type DisputeListItem struct {
	DisputeResponse
	CustomerName   string                `json:"customer_name"`
	Invoices       []HeldInvoiceResponse `json:"invoices"`
	LinkID         *string               `json:"link_id" format:"uuid" extensions:"x-nullable"`
	HasAttachment  bool                  `json:"has_attachment"`
	AttachmentName *string               `json:"attachment_name" extensions:"x-nullable"`
}

// DisputeList is one page of disputes.
type DisputeList struct {
	Items []DisputeListItem `json:"items"`
	Total int64             `json:"total"`
}

// ListDisputes godoc
// @Summary      Disputes
// @Description  Open disputes first, newest first, whoever opened them (staff, the API or the debtor on the page).
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "open or resolved"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        q            query     string  false  "Search in the customer, the comment and the invoice numbers"
// @Param        sort         query     string  false  "opened_at, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  DisputeList
// @Failure      422          {object}  Problem
// @Router       /api/v1/disputes [get]
func (s *Server) ListDisputes(c echo.Context) error {
	f, q, err := requestsQuery(c)
	if err != nil {
		return err
	}
	res, err := s.app.Portal.ListDisputes(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	out := DisputeList{Items: make([]DisputeListItem, len(res.Items)), Total: res.Total}
	for i, d := range res.Items {
		out.Items[i] = DisputeListItem{DisputeResponse: DisputeResponse{ID: d.ID.String(), CustomerID: d.CustomerID.String(),
			InvoiceIDs: heldIDs(d.Invoices), Reason: d.Reason, Comment: d.Comment, Source: d.Source, Status: d.Status,
			Resolution: d.Resolution, OpenedAt: d.OpenedAt, ResolvedAt: d.ResolvedAt}, CustomerName: d.CustomerName,
			Invoices: toHeldInvoices(d.Invoices), LinkID: uuidPtrString(d.LinkID), HasAttachment: d.AttachmentKey != nil,
			AttachmentName: d.AttachmentName}
	}
	return c.JSON(http.StatusOK, out)
}

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
	res, err := s.app.Portal.ListPromises(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	out := PromiseList{Items: make([]PromiseListItem, len(res.Items)), Total: res.Total}
	for i, p := range res.Items {
		out.Items[i] = PromiseListItem{PromiseResponse: PromiseResponse{ID: p.ID.String(), CustomerID: p.CustomerID.String(),
			InvoiceIDs: heldIDs(p.Invoices), PromisedOn: dateString(p.PromisedOn), Method: p.Method, Source: p.Source,
			Status: p.Status, CreatedAt: p.CreatedAt}, CustomerName: p.CustomerName, Invoices: toHeldInvoices(p.Invoices),
			LinkID: uuidPtrString(p.LinkID), ClosedAt: p.ClosedAt}
	}
	return c.JSON(http.StatusOK, out)
}
