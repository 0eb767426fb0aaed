package api

import (
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/page"
	"github.com/relance/relance/internal/portal"
)

// Questions debtors ask on their page: listed, answered by email, and their attachments.

// PortalQuestionResponse is a question a debtor asked on the page.
type PortalQuestionResponse struct {
	ID             string     `json:"id" format:"uuid"`
	CustomerID     string     `json:"customer_id" format:"uuid"`
	CustomerName   string     `json:"customer_name"`
	LinkID         *string    `json:"link_id" format:"uuid" extensions:"x-nullable"`
	ContactEmail   string     `json:"contact_email"`
	InvoiceID      *string    `json:"invoice_id" format:"uuid" extensions:"x-nullable"`
	InvoiceNumber  *string    `json:"invoice_number" extensions:"x-nullable"`
	Message        string     `json:"message"`
	HasAttachment  bool       `json:"has_attachment"`
	AttachmentName *string    `json:"attachment_name" extensions:"x-nullable"`
	Status         string     `json:"status" enums:"open,answered"`
	Answer         string     `json:"answer"`
	AnsweredByName *string    `json:"answered_by_name" extensions:"x-nullable"`
	AnsweredAt     *time.Time `json:"answered_at" extensions:"x-nullable"`
	CreatedAt      time.Time  `json:"created_at"`
	EmailedTo      string     `json:"emailed_to,omitempty"`
}

// PortalQuestionList is one page of questions.
type PortalQuestionList struct {
	Items []PortalQuestionResponse `json:"items"`
	Total int64                    `json:"total"`
}

// AnswerRequest is staff's answer to a question.
type AnswerRequest struct {
	Answer string `json:"answer" example:"Bonjour, la facture F-118 vous a été renvoyée ce matin."`
}

func toPortalQuestionResponse(q portal.QuestionView) PortalQuestionResponse {
	return PortalQuestionResponse{ID: q.ID.String(), CustomerID: q.CustomerID.String(), CustomerName: q.CustomerName,
		LinkID: uuidPtrString(q.LinkID), ContactEmail: q.ContactEmail, InvoiceID: uuidPtrString(q.InvoiceID),
		InvoiceNumber: q.InvoiceNumber, Message: q.Message, HasAttachment: q.AttachmentKey != nil,
		AttachmentName: q.AttachmentName, Status: q.Status, Answer: q.Answer, AnsweredByName: q.AnsweredByName,
		AnsweredAt: q.AnsweredAt, CreatedAt: q.CreatedAt, EmailedTo: q.EmailedTo}
}

// requestsQuery reads a Requests list's filters (status, customer_id) and its search, sort and
// page.
func requestsQuery(c echo.Context) (portal.Filter, page.Query, error) {
	q, err := listQuery(c)
	if err != nil {
		return portal.Filter{}, q, err
	}
	var f fields
	out := portal.Filter{Status: c.QueryParam("status"), CustomerID: queryID(&f, "customer_id", c.QueryParam("customer_id"))}
	return out, q, f.Err()
}

// ListPortalQuestions godoc
// @Summary      Questions debtors asked on the page
// @Description  Open questions first, newest first.
// @Tags         portal
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "open or answered"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        q            query     string  false  "Search in the question, the answer, the customer, the contact and the invoice number"
// @Param        sort         query     string  false  "created_at, status or customer; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  PortalQuestionList
// @Failure      422          {object}  Problem
// @Router       /api/v1/portal/questions [get]
func (s *Server) ListPortalQuestions(c echo.Context) error {
	f, q, err := requestsQuery(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Portal.ListQuestions(c.Request().Context(), principal(c), f, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PortalQuestionList{Items: mapped(res.Items, toPortalQuestionResponse), Total: res.Total})
}

// AnswerPortalQuestion godoc
// @Summary      Answer a debtor's question
// @Description  The answer is emailed to the contact who asked (the address of their link, else the customer's accounting contact) and recorded on the customer's timeline.
// @Tags         portal
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string         true  "Question id"  format(uuid)
// @Param        body  body      AnswerRequest  true  "The answer"
// @Success      200   {object}  PortalQuestionResponse
// @Failure      403   {object}  Problem  "viewers"
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem  "already answered"
// @Failure      422   {object}  Problem
// @Router       /api/v1/portal/questions/{id}/answer [post]
func (s *Server) AnswerPortalQuestion(c echo.Context) error {
	var req AnswerRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	v, err := s.svc.Portal.AnswerQuestion(c.Request().Context(), principal(c), id, req.Answer)
	return reply(c, http.StatusOK, v, err, toPortalQuestionResponse)
}

// GetQuestionAttachment godoc
// @Summary      The file a debtor joined to a question
// @Tags         portal
// @Produce      application/octet-stream
// @Security     BearerAuth
// @Param        id   path      string  true  "Question id"  format(uuid)
// @Success      200  {file}    file
// @Failure      404  {object}  Problem
// @Router       /api/v1/portal/questions/{id}/attachment [get]
func (s *Server) GetQuestionAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, name, err := s.svc.Portal.OpenQuestionAttachment(c.Request().Context(), principal(c), id)
	return sendAttachment(c, f, name, err)
}

// sendAttachment streams a debtor's file as a download: it is never shown inline on our origin.
func sendAttachment(c echo.Context, f io.ReadCloser, name string, err error) error {
	if err != nil {
		return err
	}
	defer f.Close()
	contentType := mime.TypeByExtension(filepath.Ext(name))
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	c.Response().Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Stream(http.StatusOK, contentType, f)
}
