package api

import (
	"context"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/dunning"
)

// The outbox of dunning: the actions planned, sent or failed, and cancelling or retrying one.

// ActionItemResponse is one invoice an action covers.
type ActionItemResponse struct {
	InvoiceID     string `json:"invoice_id" format:"uuid"`
	InvoiceNumber string `json:"invoice_number"`
	StepID        string `json:"step_id" format:"uuid"`
	OffsetDays    int    `json:"offset_days"`
	BalanceCents  int64  `json:"balance_cents"`
	Status        string `json:"status" enums:"planned,sent,skipped"`
	SkipReason    string `json:"skip_reason"`
}

// ActionResponse is an outbox entry: a message or task for one customer, stage, channel and day.
type ActionResponse struct {
	ID           string               `json:"id" format:"uuid"`
	CustomerID   string               `json:"customer_id" format:"uuid"`
	CustomerName string               `json:"customer_name"`
	Stage        string               `json:"stage" enums:"preventive,reminder,formal_notice,amicable,legal"`
	Channel      string               `json:"channel" enums:"email,sms,letter,call"`
	Status       string               `json:"status" enums:"queued,sending,sent,failed,skipped,pending,done,uncertain"`
	SkipReason   string               `json:"skip_reason"`
	Origin       string               `json:"origin" enums:"planner,manual"`
	PlannedOn    string               `json:"planned_on" format:"date"`
	SendAt       *time.Time           `json:"send_at"`
	SentAt       *time.Time           `json:"sent_at"`
	OpenedAt     *time.Time           `json:"opened_at"`
	ClickedAt    *time.Time           `json:"clicked_at"`
	OpenCount    int                  `json:"open_count"`
	ClickCount   int                  `json:"click_count"`
	Error        string               `json:"error"`
	Attempts     int                  `json:"attempts"`
	Subject      string               `json:"subject"`
	Language     string               `json:"language"`
	To           []string             `json:"to"`
	Cc           []string             `json:"cc"`
	MessageID    string               `json:"message_id"`
	InvoiceCount int                  `json:"invoice_count"`
	TotalCents   int64                `json:"total_cents"`
	Currency     string               `json:"currency"`
	Items        []ActionItemResponse `json:"items,omitempty"`
	Text         string               `json:"text,omitempty"`
	HTML         string               `json:"html,omitempty"`
	SMTPResponse string               `json:"smtp_response,omitempty"`
}

// ActionList is one page of the outbox.
type ActionList struct {
	Items []ActionResponse `json:"items"`
	Total int64            `json:"total"`
}

func toActionResponse(v dunning.ActionSummary) ActionResponse {
	return ActionResponse{ID: v.ID.String(), CustomerID: v.CustomerID.String(), CustomerName: v.CustomerName, Stage: v.Stage,
		Channel: v.Channel, Status: v.Status, SkipReason: v.SkipReason, Origin: v.Origin, PlannedOn: dateString(v.PlannedOn),
		SendAt: v.SendAt, SentAt: v.SentAt, OpenedAt: v.OpenedAt, ClickedAt: v.ClickedAt, OpenCount: v.OpenCount,
		ClickCount: v.ClickCount, Error: v.Error, Attempts: v.Attempts, Subject: v.Subject, Language: v.Language,
		To: nonNil(v.ToAddresses), Cc: nonNil(v.CcAddresses), MessageID: v.MessageID, InvoiceCount: v.InvoiceCount,
		TotalCents: v.TotalCents, Currency: v.Currency}
}

func toActionDetail(v dunning.ActionDetail) ActionResponse {
	out := toActionResponse(v.ActionSummary)
	out.Text, out.HTML, out.SMTPResponse = v.BodyText, v.BodyHTML, v.SMTPResponse
	out.Items = make([]ActionItemResponse, len(v.Items))
	for i, it := range v.Items {
		out.Items[i] = ActionItemResponse{InvoiceID: it.InvoiceID.String(), InvoiceNumber: it.InvoiceNumber,
			StepID: it.StepID.String(), OffsetDays: it.OffsetDays, BalanceCents: it.BalanceCents, Status: it.Status,
			SkipReason: it.SkipReason}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ListActions godoc
// @Summary      The outbox
// @Description  Every planned, sent, failed or skipped message and task, newest first.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        status       query     string  false  "queued, sending, sent, failed, skipped, pending, done, uncertain, opened or clicked"
// @Param        channel      query     string  false  "email, sms, letter or call"
// @Param        stage        query     string  false  "preventive, reminder, formal_notice, amicable or legal"
// @Param        customer_id  query     string  false  "Only this customer's"  format(uuid)
// @Param        invoice_id   query     string  false  "Only those covering this invoice"  format(uuid)
// @Param        q            query     string  false  "Search in customer name and subject"
// @Param        sort         query     string  false  "planned_on, status, customer or sent_at; prefix with - for descending"
// @Param        limit        query     int     false  "Page size (1–200, default 50)"
// @Param        offset       query     int     false  "Rows to skip"
// @Success      200          {object}  ActionList
// @Failure      422          {object}  Problem
// @Router       /api/v1/dunning/actions [get]
func (s *Server) ListActions(c echo.Context) error {
	q, err := listQuery(c)
	if err != nil {
		return err
	}
	var f fields
	filter := dunning.ActionFilter{Status: c.QueryParam("status"), Channel: c.QueryParam("channel"),
		Stage: c.QueryParam("stage"), CustomerID: queryID(&f, "customer_id", c.QueryParam("customer_id")),
		InvoiceID: queryID(&f, "invoice_id", c.QueryParam("invoice_id"))}
	if err := f.Err(); err != nil {
		return err
	}
	res, err := s.svc.Dunning.ListActions(c.Request().Context(), principal(c), filter, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ActionList{Items: mapped(res.Items, toActionResponse), Total: res.Total})
}

// GetAction godoc
// @Summary      One outbox entry
// @Description  With its invoices and, once sent, the message as sent (text and HTML) and the SMTP server's answer.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Action id"  format(uuid)
// @Success      200  {object}  ActionResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/dunning/actions/{id} [get]
func (s *Server) GetAction(c echo.Context) error {
	return s.actionCall(c, s.svc.Dunning.GetAction)
}

// CancelAction godoc
// @Summary      Cancel a queued message or a pending task
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Action id"  format(uuid)
// @Success      200  {object}  ActionResponse
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "already sent or skipped"
// @Router       /api/v1/dunning/actions/{id}/cancel [post]
func (s *Server) CancelAction(c echo.Context) error {
	return s.actionCall(c, s.svc.Dunning.CancelAction)
}

// RetryAction godoc
// @Summary      Send a failed or uncertain message again
// @Description  A failed email never reached the mail server. An uncertain one was handed to it and no answer was recorded (the sending process stopped, or the server went silent after the message): it may have reached the customer, so it is sent again only when someone asks here.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Action id"  format(uuid)
// @Success      200  {object}  ActionResponse
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "not a failed or uncertain email"
// @Router       /api/v1/dunning/actions/{id}/retry [post]
func (s *Server) RetryAction(c echo.Context) error {
	return s.actionCall(c, s.svc.Dunning.RetryAction)
}

type actionFunc = func(ctx context.Context, p auth.Principal, id uuid.UUID) (dunning.ActionDetail, error)

func (s *Server) actionCall(c echo.Context, f actionFunc) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := f(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toActionDetail(v))
}
