package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/dunning"
	"github.com/relance/relance/internal/portal"
)

// Disputes: those of every source as the Requests page lists them, opened by staff or from the
// debtor page, resolved by staff, and their attachments.

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
	res, err := s.svc.Portal.ListDisputes(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, DisputeList{Items: mapped(res.Items, toDisputeListItem), Total: res.Total})
}

func toDisputeListItem(d portal.DisputeListItem) DisputeListItem {
	return DisputeListItem{DisputeResponse: DisputeResponse{ID: d.ID.String(), CustomerID: d.CustomerID.String(),
		InvoiceIDs: heldIDs(d.Invoices), Reason: d.Reason, Comment: d.Comment, Source: d.Source, Status: d.Status,
		Resolution: d.Resolution, OpenedAt: d.OpenedAt, ResolvedAt: d.ResolvedAt}, CustomerName: d.CustomerName,
		Invoices: toHeldInvoices(d.Invoices), LinkID: uuidPtrString(d.LinkID), HasAttachment: d.AttachmentKey != nil,
		AttachmentName: d.AttachmentName}
}

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
	d, err := s.svc.Dunning.OpenDispute(c.Request().Context(), principal(c), in)
	return reply(c, http.StatusCreated, d, err, toDisputeResponse)
}

// ResolveRequest closes a dispute.
type ResolveRequest struct {
	Resolution string `json:"resolution"`
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
	var req ResolveRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	d, err := s.svc.Dunning.ResolveDispute(c.Request().Context(), principal(c), id, req.Resolution)
	return reply(c, http.StatusOK, d, err, toDisputeResponse)
}

// GetDisputeAttachment godoc
// @Summary      The file a debtor joined to a dispute
// @Tags         portal
// @Produce      application/octet-stream
// @Security     BearerAuth
// @Param        id   path      string  true  "Dispute id"  format(uuid)
// @Success      200  {file}    file
// @Failure      404  {object}  Problem
// @Router       /api/v1/disputes/{id}/attachment [get]
func (s *Server) GetDisputeAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, name, err := s.svc.Portal.OpenDisputeAttachment(c.Request().Context(), principal(c), id)
	return sendAttachment(c, f, name, err)
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
