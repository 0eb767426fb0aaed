package api

import (
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
)

// InvoiceRequest is every editable field of an invoice.
type InvoiceRequest struct {
	CustomerID string  `json:"customer_id" format:"uuid"`
	Number     string  `json:"number" example:"F-2026-0118" maxLength:"100"`
	ExternalID string  `json:"external_id,omitempty" maxLength:"100"`
	IssueDate  string  `json:"issue_date" format:"date" example:"2026-03-01"`
	DueDate    *string `json:"due_date,omitempty" format:"date" example:"2026-03-31"`
	Currency   string  `json:"currency,omitempty" example:"EUR"`
	TotalCents int64   `json:"total_cents" example:"124000" minimum:"1" maximum:"10000000000000"`
	TaxCents   int64   `json:"tax_cents" example:"20667" minimum:"0" maximum:"10000000000000"`
	Notes      string  `json:"notes,omitempty"`
}

// InvoiceResponse is an invoice with its balance and lateness.
type InvoiceResponse struct {
	ID           string    `json:"id" format:"uuid"`
	Number       string    `json:"number"`
	ExternalID   *string   `json:"external_id" extensions:"x-nullable"`
	CustomerID   string    `json:"customer_id" format:"uuid"`
	CustomerName string    `json:"customer_name"`
	IssueDate    string    `json:"issue_date" format:"date"`
	DueDate      string    `json:"due_date" format:"date"`
	Currency     string    `json:"currency"`
	TotalCents   int64     `json:"total_cents"`
	TaxCents     int64     `json:"tax_cents"`
	BalanceCents int64     `json:"balance_cents"`
	Status       string    `json:"status" enums:"open,partially_paid,paid,cancelled,written_off"`
	DaysOverdue  int       `json:"days_overdue"`
	PaidOn       *string   `json:"paid_on" format:"date" extensions:"x-nullable"`
	HasPDF       bool      `json:"has_pdf"`
	Notes        string    `json:"notes"`
	CreatedAt    time.Time `json:"created_at"`
}

// SettlementResponse is a payment or credit note applied to an invoice.
type SettlementResponse struct {
	Kind        string `json:"kind" enums:"payment,credit_note"`
	ID          string `json:"id" format:"uuid"`
	Date        string `json:"date" format:"date"`
	Reference   string `json:"reference"`
	AmountCents int64  `json:"amount_cents"`
}

// InvoiceDetail is an invoice with what settled it.
type InvoiceDetail struct {
	InvoiceResponse
	Settlements []SettlementResponse `json:"settlements"`
}

// InvoiceList is one page of invoices.
type InvoiceList struct {
	Items []InvoiceResponse `json:"items"`
	Total int64             `json:"total"`
}

// CloseInvoiceRequest explains a cancellation or a write-off.
type CloseInvoiceRequest struct {
	Reason string `json:"reason,omitempty"`
}

func toInvoiceResponse(v ledger.InvoiceView) InvoiceResponse {
	return InvoiceResponse{ID: v.ID.String(), Number: v.Number, ExternalID: v.ExternalID, CustomerID: v.CustomerID.String(),
		CustomerName: v.CustomerName, IssueDate: dateString(v.IssueDate), DueDate: dateString(v.DueDate), Currency: v.Currency,
		TotalCents: v.TotalCents, TaxCents: v.TaxCents, BalanceCents: v.BalanceCents, Status: v.Status, DaysOverdue: v.DaysOverdue,
		PaidOn: datePtr(v.PaidOn), HasPDF: v.PDFKey != nil, Notes: v.Notes, CreatedAt: v.CreatedAt}
}

func (req InvoiceRequest) input() (ledger.InvoiceInput, error) {
	var f fields
	in := ledger.InvoiceInput{CustomerID: f.id("customer_id", req.CustomerID), Number: req.Number, ExternalID: req.ExternalID,
		IssueDate: f.date("issue_date", req.IssueDate), DueDate: f.optDate("due_date", req.DueDate), Currency: req.Currency,
		TotalCents: req.TotalCents, TaxCents: req.TaxCents, Notes: req.Notes}
	return in, f.Err()
}

// ListInvoices godoc
// @Summary      List invoices
// @Tags         invoices
// @Produce      json
// @Security     BearerAuth
// @Param        q            query     string  false  "Search in number, customer name and external id"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        status       query     string  false  "Comma-separated statuses: open, partially_paid, paid, cancelled, written_off"
// @Param        overdue      query     bool    false  "Only unpaid invoices past their due date"
// @Param        due_from     query     string  false  "Due on or after"  format(date)
// @Param        due_to       query     string  false  "Due on or before"  format(date)
// @Param        segment      query     string  false  "Only customers of this segment"
// @Param        sort         query     string  false  "number, issue_date, due_date, total, balance, days_overdue, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  InvoiceList
// @Failure      422          {object}  Problem
// @Router       /api/v1/invoices [get]
func (s *Server) ListInvoices(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	var f fields
	filter := ledger.InvoiceFilter{CustomerID: queryID(&f, "customer_id", c.QueryParam("customer_id")),
		Overdue: c.QueryParam("overdue") == "true", Segment: c.QueryParam("segment"),
		DueFrom: f.optDate("due_from", ptrTo(c.QueryParam("due_from"))), DueTo: f.optDate("due_to", ptrTo(c.QueryParam("due_to")))}
	if st := c.QueryParam("status"); st != "" {
		filter.Statuses = strings.Split(st, ",")
	}
	if err := f.Err(); err != nil {
		return err
	}
	res, err := s.svc.Ledger.ListInvoices(c.Request().Context(), principal(c), q, filter)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, InvoiceList{Items: mapped(res.Items, toInvoiceResponse), Total: res.Total})
}

func ptrTo(s string) *string { return &s }

// CreateInvoice godoc
// @Summary      Create an invoice
// @Description  The due date defaults to the issue date plus the customer's payment terms (30 days when unknown); the currency to the customer's. Attach the PDF with PUT /api/v1/invoices/{id}/pdf.
// @Tags         invoices
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      InvoiceRequest  true  "The invoice"
// @Success      201   {object}  InvoiceDetail
// @Failure      409   {object}  Problem  "number or external id already used"
// @Failure      422   {object}  Problem
// @Router       /api/v1/invoices [post]
func (s *Server) CreateInvoice(c echo.Context) error {
	var req InvoiceRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	v, err := s.svc.Ledger.CreateInvoice(c.Request().Context(), principal(c), in)
	if err != nil {
		return err
	}
	return s.respondInvoice(c, http.StatusCreated, v)
}

func (s *Server) respondInvoice(c echo.Context, status int, v ledger.InvoiceView) error {
	settlements, err := s.svc.Ledger.Settlements(c.Request().Context(), principal(c), v.ID)
	if err != nil {
		return err
	}
	out := InvoiceDetail{InvoiceResponse: toInvoiceResponse(v), Settlements: make([]SettlementResponse, len(settlements))}
	for i, st := range settlements {
		out.Settlements[i] = SettlementResponse{Kind: st.Kind, ID: st.ID.String(), Date: dateString(st.Date),
			Reference: st.Reference, AmountCents: st.AmountCents}
	}
	return c.JSON(status, out)
}

// GetInvoice godoc
// @Summary      An invoice with its settlements
// @Tags         invoices
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Invoice id"  format(uuid)
// @Success      200  {object}  InvoiceDetail
// @Failure      404  {object}  Problem
// @Router       /api/v1/invoices/{id} [get]
func (s *Server) GetInvoice(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Ledger.Invoice(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return s.respondInvoice(c, http.StatusOK, v)
}

// UpdateInvoice godoc
// @Summary      Replace an invoice's fields
// @Description  Once partly settled, its customer, currency and total no longer change (issue a credit note instead).
// @Tags         invoices
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string          true  "Invoice id"  format(uuid)
// @Param        body  body      InvoiceRequest  true  "The invoice"
// @Success      200   {object}  InvoiceDetail
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/invoices/{id} [put]
func (s *Server) UpdateInvoice(c echo.Context) error {
	var req InvoiceRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	v, err := s.svc.Ledger.UpdateInvoice(c.Request().Context(), principal(c), id, in)
	if err != nil {
		return err
	}
	return s.respondInvoice(c, http.StatusOK, v)
}

// CancelInvoice godoc
// @Summary      Cancel an invoice that nothing settled yet
// @Tags         invoices
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string               true   "Invoice id"  format(uuid)
// @Param        body  body      CloseInvoiceRequest  false  "Why"
// @Success      200   {object}  InvoiceDetail
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem
// @Router       /api/v1/invoices/{id}/cancel [post]
func (s *Server) CancelInvoice(c echo.Context) error {
	return s.closeInvoice(c, ledger.StatusCancelled)
}

// WriteOffInvoice godoc
// @Summary      Write off what remains of an invoice
// @Tags         invoices
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string               true   "Invoice id"  format(uuid)
// @Param        body  body      CloseInvoiceRequest  false  "Why"
// @Success      200   {object}  InvoiceDetail
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem
// @Router       /api/v1/invoices/{id}/write-off [post]
func (s *Server) WriteOffInvoice(c echo.Context) error {
	return s.closeInvoice(c, ledger.StatusWrittenOff)
}

func (s *Server) closeInvoice(c echo.Context, status string) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req CloseInvoiceRequest
	if c.Request().ContentLength > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	v, err := s.svc.Ledger.CloseInvoice(c.Request().Context(), principal(c), id, status, req.Reason)
	if err != nil {
		return err
	}
	return s.respondInvoice(c, http.StatusOK, v)
}

// UploadInvoicePDF godoc
// @Summary      Attach or replace the invoice's PDF
// @Description  Send the PDF as the multipart field `file`, or as the raw body with Content-Type application/pdf. At most 10 MB; only real PDFs.
// @Tags         invoices
// @Accept       multipart/form-data
// @Security     BearerAuth
// @Param        id    path      string  true  "Invoice id"  format(uuid)
// @Param        file  formData  file    true  "The PDF"
// @Success      204
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/invoices/{id}/pdf [put]
func (s *Server) UploadInvoicePDF(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, ledger.MaxPDFSize+1<<20)
	var r io.Reader = c.Request().Body
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type")); mt == "multipart/form-data" {
		fh, err := c.FormFile("file")
		if err != nil {
			return errs.Invalid("file", "api.send_pdf_file")
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	if err := s.svc.Ledger.AttachPDF(c.Request().Context(), principal(c), id, r); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// DownloadInvoicePDF godoc
// @Summary      The invoice's PDF
// @Tags         invoices
// @Produce      application/pdf
// @Security     BearerAuth
// @Param        id        path      string  true   "Invoice id"  format(uuid)
// @Param        download  query     bool    false  "As an attachment rather than inline"
// @Success      200       {file}    binary
// @Failure      404       {object}  Problem
// @Router       /api/v1/invoices/{id}/pdf [get]
func (s *Server) DownloadInvoicePDF(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, number, err := s.svc.Ledger.OpenPDF(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	defer f.Close()
	disposition := "inline"
	if c.QueryParam("download") == "true" {
		disposition = "attachment"
	}
	c.Response().Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": number + ".pdf"}))
	return c.Stream(http.StatusOK, "application/pdf", f)
}
