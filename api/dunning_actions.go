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
	res, err := s.app.Dunning.ListActions(c.Request().Context(), principal(c), filter, q)
	if err != nil {
		return err
	}
	out := ActionList{Items: make([]ActionResponse, len(res.Items)), Total: res.Total}
	for i, v := range res.Items {
		out.Items[i] = toActionResponse(v)
	}
	return c.JSON(http.StatusOK, out)
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
	return s.actionCall(c, s.app.Dunning.GetAction)
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
	return s.actionCall(c, s.app.Dunning.CancelAction)
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
	return s.actionCall(c, s.app.Dunning.RetryAction)
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

// CustomerRulesBody are the dunning rules of a customer.
type CustomerRulesBody struct {
	ScenarioID           *string `json:"scenario_id" format:"uuid"`
	GraceDays            int     `json:"grace_days"`
	LetterInsteadOfEmail bool    `json:"letter_instead_of_email"`
	PausedUntil          *string `json:"paused_until" format:"date"`
	Disabled             bool    `json:"disabled"`
}

// InvoiceRulesBody are the dunning rules of an invoice.
type InvoiceRulesBody struct {
	ScenarioID  *string `json:"scenario_id" format:"uuid"`
	PausedUntil *string `json:"paused_until" format:"date"`
	Excluded    bool    `json:"excluded"`
}

// NextActionResponse is one message or task expected if nothing changes.
type NextActionResponse struct {
	Date           string   `json:"date" format:"date"`
	StepID         string   `json:"step_id" format:"uuid"`
	OffsetDays     int      `json:"offset_days"`
	Stage          string   `json:"stage"`
	Channel        string   `json:"channel"`
	InvoiceIDs     []string `json:"invoice_ids"`
	InvoiceNumbers []string `json:"invoice_numbers"`
}

// DunningResponse tells which scenario applies and why, the rules, and the next 120 days.
type DunningResponse struct {
	Customer     CustomerRulesBody    `json:"customer"`
	Invoice      *InvoiceRulesBody    `json:"invoice,omitempty"`
	ScenarioID   *string              `json:"scenario_id" format:"uuid"`
	ScenarioName string               `json:"scenario_name"`
	Source       string               `json:"source" enums:"invoice,customer,segment,default,none"`
	Explanation  []string             `json:"explanation"`
	NextActions  []NextActionResponse `json:"next_actions"`
}

func idString(id *uuid.UUID) *string {
	if id == nil {
		return nil
	}
	s := id.String()
	return &s
}

func toDunningResponse(v dunning.DunningView) DunningResponse {
	out := DunningResponse{Customer: CustomerRulesBody{ScenarioID: idString(v.Customer.ScenarioID),
		GraceDays: v.Customer.GraceDays, LetterInsteadOfEmail: v.Customer.LetterInsteadOfEmail,
		PausedUntil: datePtr(v.Customer.PausedUntil), Disabled: v.Customer.Disabled},
		ScenarioID: idString(v.ScenarioID), ScenarioName: v.ScenarioName, Source: v.Source,
		Explanation: nonNil(v.Explanation), NextActions: make([]NextActionResponse, len(v.NextActions))}
	if v.Invoice != nil {
		out.Invoice = &InvoiceRulesBody{ScenarioID: idString(v.Invoice.ScenarioID), PausedUntil: datePtr(v.Invoice.PausedUntil),
			Excluded: v.Invoice.Excluded}
	}
	for i, a := range v.NextActions {
		ids := make([]string, len(a.InvoiceIDs))
		for j, id := range a.InvoiceIDs {
			ids[j] = id.String()
		}
		out.NextActions[i] = NextActionResponse{Date: dateString(a.Date), StepID: a.StepID.String(), OffsetDays: a.OffsetDays,
			Stage: a.Stage, Channel: a.Channel, InvoiceIDs: ids, InvoiceNumbers: nonNil(a.InvoiceNumbers)}
	}
	return out
}

func language(c echo.Context) string {
	if prefersFrench(c) {
		return "fr"
	}
	return "en"
}

// GetCustomerDunning godoc
// @Summary      A customer's dunning: scenario, why, rules and next actions
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Customer id"  format(uuid)
// @Success      200  {object}  DunningResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/customers/{id}/dunning [get]
func (s *Server) GetCustomerDunning(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.Dunning.CustomerDunning(c.Request().Context(), principal(c), id, language(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDunningResponse(v))
}

// SetCustomerDunning godoc
// @Summary      Set a customer's dunning rules
// @Description  Scenario override, deferred due dates (grace days), letters instead of emails, pause until a date, no reminders.
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string             true  "Customer id"  format(uuid)
// @Param        body  body      CustomerRulesBody  true  "The rules"
// @Success      200   {object}  DunningResponse
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/customers/{id}/dunning [put]
func (s *Server) SetCustomerDunning(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req CustomerRulesBody
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := dunning.CustomerRulesInput{ScenarioID: f.optID("scenario_id", req.ScenarioID), GraceDays: req.GraceDays,
		LetterInsteadOfEmail: req.LetterInsteadOfEmail, PausedUntil: f.optDate("paused_until", req.PausedUntil),
		Disabled: req.Disabled}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.app.Dunning.SetCustomerRules(c.Request().Context(), principal(c), id, in, language(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDunningResponse(v))
}

// GetInvoiceDunning godoc
// @Summary      An invoice's dunning: scenario, why, rules and next actions
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Invoice id"  format(uuid)
// @Success      200  {object}  DunningResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/invoices/{id}/dunning [get]
func (s *Server) GetInvoiceDunning(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.Dunning.InvoiceDunning(c.Request().Context(), principal(c), id, language(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDunningResponse(v))
}

// SetInvoiceDunning godoc
// @Summary      Set an invoice's dunning rules
// @Description  Scenario override, pause until a date, exclusion from reminders.
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string            true  "Invoice id"  format(uuid)
// @Param        body  body      InvoiceRulesBody  true  "The rules"
// @Success      200   {object}  DunningResponse
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/invoices/{id}/dunning [put]
func (s *Server) SetInvoiceDunning(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req InvoiceRulesBody
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := dunning.InvoiceRulesInput{ScenarioID: f.optID("scenario_id", req.ScenarioID),
		PausedUntil: f.optDate("paused_until", req.PausedUntil), Excluded: req.Excluded}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.app.Dunning.SetInvoiceRules(c.Request().Context(), principal(c), id, in, language(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDunningResponse(v))
}

// SendNow godoc
// @Summary      Send an invoice's next step now
// @Description  The step due (or else the next to come) is carried out at once, outside the sending window.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Invoice id"  format(uuid)
// @Success      200  {object}  ActionResponse
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "settled invoice, or no step left"
// @Router       /api/v1/invoices/{id}/dunning/send-now [post]
func (s *Server) SendNow(c echo.Context) error {
	return s.actionCall(c, s.app.Dunning.SendNow)
}

// SkipRequest names the step to skip.
type SkipRequest struct {
	StepID string `json:"step_id" format:"uuid"`
}

// SkipStep godoc
// @Summary      Skip one upcoming step of an invoice
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string       true  "Invoice id"  format(uuid)
// @Param        body  body      SkipRequest  true  "The step"
// @Success      200   {object}  ActionResponse
// @Failure      404   {object}  Problem
// @Failure      422   {object}  Problem  "not an upcoming step"
// @Router       /api/v1/invoices/{id}/dunning/skip [post]
func (s *Server) SkipStep(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req SkipRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	step := f.id("step_id", req.StepID)
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.app.Dunning.SkipStep(c.Request().Context(), principal(c), id, step)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toActionDetail(v))
}

// PenaltiesResponse is an invoice's late-payment penalties as of a day (French B2B law).
type PenaltiesResponse struct {
	AsOf           string `json:"as_of" format:"date"`
	DaysLate       int    `json:"days_late"`
	BalanceCents   int64  `json:"balance_cents"`
	Currency       string `json:"currency"`
	Rate           string `json:"rate" example:"12.15"`
	InterestCents  int64  `json:"interest_cents"`
	IndemnityCents int64  `json:"indemnity_cents"`
	TotalCents     int64  `json:"total_cents"`
}

// GetPenalties godoc
// @Summary      An invoice's late-payment penalties today
// @Description  Interest from the day after the due date (balance × rate × days / 365, rounded once) plus the fixed recovery indemnity.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Invoice id"  format(uuid)
// @Success      200  {object}  PenaltiesResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/invoices/{id}/penalties [get]
func (s *Server) GetPenalties(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.Dunning.InvoicePenalties(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PenaltiesResponse{AsOf: dateString(v.AsOf), DaysLate: v.DaysLate,
		BalanceCents: v.BalanceCents, Currency: v.Currency, Rate: v.Rate.StringFixed(2), InterestCents: v.InterestCents,
		IndemnityCents: v.IndemnityCents, TotalCents: v.TotalCents})
}

// IssuePenaltyInvoice godoc
// @Summary      Issue a penalty invoice
// @Description  A separate invoice for the penalties of an invoice as of today, payable in 30 days.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Invoice id"  format(uuid)
// @Success      201  {object}  InvoiceResponse
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "not late, or already issued today"
// @Router       /api/v1/invoices/{id}/penalty-invoice [post]
func (s *Server) IssuePenaltyInvoice(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.Dunning.IssuePenaltyInvoice(c.Request().Context(), principal(c), id, s.app.Ledger)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toInvoiceResponse(v))
}
