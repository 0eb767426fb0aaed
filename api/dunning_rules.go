package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/dunning"
)

// The dunning of one customer or invoice: its rules (scenario, pause, exclusion), its next
// action, sending that action now or skipping it.

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
	v, err := s.svc.Dunning.CustomerDunning(c.Request().Context(), principal(c), id, language(c))
	return reply(c, http.StatusOK, v, err, toDunningResponse)
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
	var req CustomerRulesBody
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	var f fields
	in := dunning.CustomerRulesInput{ScenarioID: f.optID("scenario_id", req.ScenarioID), GraceDays: req.GraceDays,
		LetterInsteadOfEmail: req.LetterInsteadOfEmail, PausedUntil: f.optDate("paused_until", req.PausedUntil),
		Disabled: req.Disabled}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Dunning.SetCustomerRules(c.Request().Context(), principal(c), id, in, language(c))
	return reply(c, http.StatusOK, v, err, toDunningResponse)
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
	v, err := s.svc.Dunning.InvoiceDunning(c.Request().Context(), principal(c), id, language(c))
	return reply(c, http.StatusOK, v, err, toDunningResponse)
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
	var req InvoiceRulesBody
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	var f fields
	in := dunning.InvoiceRulesInput{ScenarioID: f.optID("scenario_id", req.ScenarioID),
		PausedUntil: f.optDate("paused_until", req.PausedUntil), Excluded: req.Excluded}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Dunning.SetInvoiceRules(c.Request().Context(), principal(c), id, in, language(c))
	return reply(c, http.StatusOK, v, err, toDunningResponse)
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
	return s.actionCall(c, s.svc.Dunning.SendNow)
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
	var req SkipRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	var f fields
	step := f.id("step_id", req.StepID)
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Dunning.SkipStep(c.Request().Context(), principal(c), id, step)
	return reply(c, http.StatusOK, v, err, toActionDetail)
}
