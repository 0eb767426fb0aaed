package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/dunning"
)

// TemplateBody is a step's message in one language.
type TemplateBody struct {
	Subject string `json:"subject" example:"Rappel : facture {{invoice_numbers}} échue" maxLength:"500"`
	Body    string `json:"body" maxLength:"20000"`
}

// StepFields are a step's settings and templates.
type StepFields struct {
	OffsetDays       int                     `json:"offset_days" example:"7"`
	Stage            string                  `json:"stage" enums:"preventive,reminder,formal_notice,amicable,legal"`
	Channel          string                  `json:"channel" enums:"email,sms,letter,call"`
	Recipients       string                  `json:"recipients" enums:"accounting,sales,both"`
	CopyOwner        bool                    `json:"copy_owner"`
	MinOverdueCents  int64                   `json:"min_overdue_cents" minimum:"0" maximum:"10000000000000"`
	SkipWhenPromised bool                    `json:"skip_when_promised"`
	Segments         []string                `json:"segments"`
	Templates        map[string]TemplateBody `json:"templates"`
}

// StepBody is one step of a scenario; an id keeps an existing step (and its history).
type StepBody struct {
	ID *string `json:"id,omitempty" format:"uuid"`
	StepFields
}

// ScenarioRequest creates or replaces a scenario.
type ScenarioRequest struct {
	Name        string     `json:"name" example:"Standard B2B" maxLength:"200"`
	Description string     `json:"description,omitempty" maxLength:"1000"`
	Segments    []string   `json:"segments,omitempty" maxLength:"100"`
	Steps       []StepBody `json:"steps"`
}

// StepResponse is a step as stored.
type StepResponse struct {
	ID string `json:"id" format:"uuid"`
	StepFields
}

// ScenarioResponse is a scenario with its steps and how much it is used.
type ScenarioResponse struct {
	ID             string         `json:"id" format:"uuid"`
	Key            string         `json:"key"`
	Name           string         `json:"name"`
	Description    string         `json:"description"`
	IsDefault      bool           `json:"is_default"`
	Segments       []string       `json:"segments"`
	Steps          []StepResponse `json:"steps"`
	CustomersUsing int64          `json:"customers_using"`
	InvoicesUsing  int64          `json:"invoices_using"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// ScenarioList is every scenario of the organisation.
type ScenarioList struct {
	Items []ScenarioResponse `json:"items"`
	Total int64              `json:"total"`
}

func toScenarioResponse(v dunning.ScenarioView) ScenarioResponse {
	out := ScenarioResponse{ID: v.ID.String(), Key: v.Key, Name: v.Name, Description: v.Description, IsDefault: v.IsDefault,
		Segments: v.Segments, Steps: make([]StepResponse, len(v.Steps)), CustomersUsing: v.CustomersUsing,
		InvoicesUsing: v.InvoicesUsing, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
	if out.Segments == nil {
		out.Segments = []string{}
	}
	for i, st := range v.Steps {
		t := map[string]TemplateBody{}
		for lang, tpl := range st.Templates {
			t[lang] = TemplateBody{Subject: tpl.Subject, Body: tpl.Body}
		}
		segs := []string(st.Segments)
		if segs == nil {
			segs = []string{}
		}
		out.Steps[i] = StepResponse{ID: st.ID.String(), StepFields: StepFields{OffsetDays: st.OffsetDays, Stage: st.Stage,
			Channel: st.Channel, Recipients: st.Recipients, CopyOwner: st.CopyOwner, MinOverdueCents: st.MinOverdueCents,
			SkipWhenPromised: st.SkipWhenPromised, Segments: segs, Templates: t}}
	}
	return out
}

func (r ScenarioRequest) input() (dunning.ScenarioInput, error) {
	var f fields
	in := dunning.ScenarioInput{Name: r.Name, Description: r.Description, Segments: r.Segments,
		Steps: make([]dunning.StepInput, len(r.Steps))}
	for i, st := range r.Steps {
		t := dunning.Templates{}
		for lang, tpl := range st.Templates {
			t[lang] = dunning.Template{Subject: tpl.Subject, Body: tpl.Body}
		}
		in.Steps[i] = dunning.StepInput{ID: f.optID("steps["+itoa(i)+"].id", st.ID), OffsetDays: st.OffsetDays,
			Stage: st.Stage, Channel: st.Channel, Recipients: st.Recipients, CopyOwner: st.CopyOwner,
			MinOverdueCents: st.MinOverdueCents, SkipWhenPromised: st.SkipWhenPromised, Segments: st.Segments, Templates: t}
	}
	return in, f.Err()
}

// ListScenarios godoc
// @Summary      List dunning scenarios
// @Description  The organisation's playbooks; the three defaults (standard B2B, key accounts, habitual late payers) are installed on first use.
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  ScenarioList
// @Router       /api/v1/dunning/scenarios [get]
func (s *Server) ListScenarios(c echo.Context) error {
	list, err := s.svc.Dunning.ListScenarios(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ScenarioList{Items: mapped(list, toScenarioResponse), Total: int64(len(list))})
}

// CreateScenario godoc
// @Summary      Create a dunning scenario
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      ScenarioRequest  true  "The scenario"
// @Success      201   {object}  ScenarioResponse
// @Failure      409   {object}  Problem  "name or segment already used"
// @Failure      422   {object}  Problem  "fields like steps[2].templates.fr.body"
// @Router       /api/v1/dunning/scenarios [post]
func (s *Server) CreateScenario(c echo.Context) error {
	var req ScenarioRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	v, err := s.svc.Dunning.CreateScenario(c.Request().Context(), principal(c), in)
	return reply(c, http.StatusCreated, v, err, toScenarioResponse)
}

// GetScenario godoc
// @Summary      A dunning scenario with its steps
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Param        id   path      string  true  "Scenario id"  format(uuid)
// @Success      200  {object}  ScenarioResponse
// @Failure      404  {object}  Problem
// @Router       /api/v1/dunning/scenarios/{id} [get]
func (s *Server) GetScenario(c echo.Context) error {
	return byID(c, http.StatusOK, s.svc.Dunning.GetScenario, toScenarioResponse)
}

// UpdateScenario godoc
// @Summary      Replace a dunning scenario
// @Description  Full replacement: steps sent with their id keep it; steps left out are removed (their history stays).
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        id    path      string           true  "Scenario id"  format(uuid)
// @Param        body  body      ScenarioRequest  true  "The scenario"
// @Success      200   {object}  ScenarioResponse
// @Failure      404   {object}  Problem
// @Failure      409   {object}  Problem
// @Failure      422   {object}  Problem
// @Router       /api/v1/dunning/scenarios/{id} [put]
func (s *Server) UpdateScenario(c echo.Context) error {
	var req ScenarioRequest
	id, err := idAndBody(c, "id", &req)
	if err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	v, err := s.svc.Dunning.UpdateScenario(c.Request().Context(), principal(c), id, in)
	return reply(c, http.StatusOK, v, err, toScenarioResponse)
}

// DeleteScenario godoc
// @Summary      Delete a dunning scenario
// @Tags         dunning
// @Security     BearerAuth
// @Param        id   path  string  true  "Scenario id"  format(uuid)
// @Success      204
// @Failure      404  {object}  Problem
// @Failure      409  {object}  Problem  "the default scenario, or used by a customer or an invoice"
// @Router       /api/v1/dunning/scenarios/{id} [delete]
func (s *Server) DeleteScenario(c echo.Context) error {
	return removeByID(c, "id", s.svc.Dunning.DeleteScenario)
}

// PreviewRequest is a template being edited.
type PreviewRequest struct {
	Language   string  `json:"language" enums:"fr,en"`
	Stage      string  `json:"stage,omitempty" enums:"preventive,reminder,formal_notice,amicable,legal"`
	Subject    string  `json:"subject" maxLength:"500"`
	Body       string  `json:"body" maxLength:"20000"`
	CustomerID *string `json:"customer_id,omitempty" format:"uuid"`
}

// PreviewResponse is the rendered message and whose data it shows.
type PreviewResponse struct {
	Subject      string  `json:"subject"`
	HTML         string  `json:"html"`
	Text         string  `json:"text"`
	CustomerID   *string `json:"customer_id" format:"uuid"`
	CustomerName string  `json:"customer_name"`
}

// PreviewTemplate godoc
// @Summary      Render a template with real data
// @Description  Uses the given customer's open invoices, or the customer with most open invoices, or sample data.
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      PreviewRequest  true  "The template"
// @Success      200   {object}  PreviewResponse
// @Failure      422   {object}  Problem  "unknown variable, empty subject"
// @Router       /api/v1/dunning/preview [post]
func (s *Server) PreviewTemplate(c echo.Context) error {
	var req PreviewRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := dunning.PreviewInput{Language: req.Language, Stage: req.Stage, Subject: req.Subject, Body: req.Body,
		CustomerID: f.optID("customer_id", req.CustomerID)}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Dunning.PreviewTemplate(c.Request().Context(), principal(c), in)
	if err != nil {
		return err
	}
	out := PreviewResponse{Subject: v.Subject, HTML: v.HTML, Text: v.Text, CustomerName: v.CustomerName}
	if v.CustomerID != nil {
		id := v.CustomerID.String()
		out.CustomerID = &id
	}
	return c.JSON(http.StatusOK, out)
}

// DunningSettings are an organisation's dunning settings. Rates are annual percentages written
// as decimals ("2.15").
type DunningSettings struct {
	DefaultScenarioID      *string `json:"default_scenario_id" format:"uuid"`
	MinDaysBetweenMessages int     `json:"min_days_between_messages" example:"3"`
	PromiseGraceDays       int     `json:"promise_grace_days" example:"3"`
	SendWindowStart        string  `json:"send_window_start" example:"09:00"`
	SendWindowEnd          string  `json:"send_window_end" example:"17:00"`
	SenderName             string  `json:"sender_name" maxLength:"200"`
	ReplyTo                string  `json:"reply_to" maxLength:"254"`
	ReadReceipt            bool    `json:"read_receipt"`
	TransparencyLine       bool    `json:"transparency_line"`
	Signature              string  `json:"signature" maxLength:"2000"`
	ShowPenalties          bool    `json:"show_penalties"`
	ECBRate                string  `json:"ecb_rate" example:"2.15"`
	LegalRate              string  `json:"legal_rate" example:"3.16"`
	ContractRate           string  `json:"contract_rate" example:""`
	IndemnityCents         int64   `json:"indemnity_cents" example:"4000"`
}

// DunningSettingsResponse adds what follows from the settings.
type DunningSettingsResponse struct {
	DunningSettings
	Timezone      string `json:"timezone" example:"Europe/Paris"`
	EffectiveRate string `json:"effective_rate" example:"12.15"`
}

func toSettingsResponse(v dunning.SettingsView) DunningSettingsResponse {
	out := DunningSettingsResponse{Timezone: v.Timezone, EffectiveRate: v.EffectiveRate, DunningSettings: DunningSettings{
		MinDaysBetweenMessages: v.MinDaysBetweenMessages, PromiseGraceDays: v.PromiseGraceDays,
		SendWindowStart: v.SendWindowStart, SendWindowEnd: v.SendWindowEnd, SenderName: v.SenderName, ReplyTo: v.ReplyTo,
		ReadReceipt: v.ReadReceipt, TransparencyLine: v.TransparencyLine, Signature: v.Signature,
		ShowPenalties: v.ShowPenalties, ECBRate: v.ECBRate, LegalRate: v.LegalRate, ContractRate: v.ContractRate,
		IndemnityCents: v.IndemnityCents}}
	if v.DefaultScenarioID != nil {
		id := v.DefaultScenarioID.String()
		out.DefaultScenarioID = &id
	}
	return out
}

// GetDunningSettings godoc
// @Summary      The organisation's dunning settings
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  DunningSettingsResponse
// @Router       /api/v1/dunning/settings [get]
func (s *Server) GetDunningSettings(c echo.Context) error {
	v, err := s.svc.Dunning.GetSettings(c.Request().Context(), principal(c))
	return reply(c, http.StatusOK, v, err, toSettingsResponse)
}

// UpdateDunningSettings godoc
// @Summary      Replace the organisation's dunning settings
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      DunningSettings  true  "The settings"
// @Success      200   {object}  DunningSettingsResponse
// @Failure      403   {object}  Problem  "admins only"
// @Failure      422   {object}  Problem
// @Router       /api/v1/dunning/settings [put]
func (s *Server) UpdateDunningSettings(c echo.Context) error {
	var req DunningSettings
	if err := decode(c, &req); err != nil {
		return err
	}
	var f fields
	in := dunning.SettingsInput{DefaultScenarioID: f.optID("default_scenario_id", req.DefaultScenarioID),
		MinDaysBetweenMessages: req.MinDaysBetweenMessages, PromiseGraceDays: req.PromiseGraceDays,
		SendWindowStart: req.SendWindowStart, SendWindowEnd: req.SendWindowEnd, SenderName: req.SenderName,
		ReplyTo: req.ReplyTo, ReadReceipt: req.ReadReceipt, TransparencyLine: req.TransparencyLine,
		Signature: req.Signature, ShowPenalties: req.ShowPenalties, ECBRate: req.ECBRate, LegalRate: req.LegalRate,
		ContractRate: req.ContractRate, IndemnityCents: req.IndemnityCents}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Dunning.UpdateSettings(c.Request().Context(), principal(c), in)
	return reply(c, http.StatusOK, v, err, toSettingsResponse)
}

// RunRequest asks for a planning pass.
type RunRequest struct {
	AsOf         *string `json:"as_of,omitempty" format:"date"`
	IgnoreWindow bool    `json:"ignore_window,omitempty"`
}

// PlannedActionResponse is one action a pass planned.
type PlannedActionResponse struct {
	ID             string     `json:"id" format:"uuid"`
	CustomerID     string     `json:"customer_id" format:"uuid"`
	CustomerName   string     `json:"customer_name"`
	Stage          string     `json:"stage"`
	Channel        string     `json:"channel"`
	Status         string     `json:"status"`
	PlannedOn      string     `json:"planned_on" format:"date"`
	SendAt         *time.Time `json:"send_at"`
	InvoiceNumbers []string   `json:"invoice_numbers"`
	TotalCents     int64      `json:"total_cents"`
	Currency       string     `json:"currency"`
}

// RunResponse says what a planning pass planned.
type RunResponse struct {
	AsOf    string                  `json:"as_of" format:"date"`
	Cutoff  string                  `json:"cutoff" format:"date"`
	Planned int                     `json:"planned"`
	Items   int                     `json:"items"`
	Actions []PlannedActionResponse `json:"actions"`
}

func toRunResponse(r dunning.PlanResult) RunResponse {
	out := RunResponse{Planned: r.Planned, Items: r.Items, Actions: make([]PlannedActionResponse, len(r.Actions))}
	if !r.AsOf.IsZero() {
		out.AsOf, out.Cutoff = dateString(r.AsOf), dateString(r.Cutoff)
	}
	for i, a := range r.Actions {
		out.Actions[i] = PlannedActionResponse{ID: a.ID.String(), CustomerID: a.CustomerID.String(), CustomerName: a.CustomerName,
			Stage: a.Stage, Channel: a.Channel, Status: a.Status, PlannedOn: dateString(a.PlannedOn), SendAt: a.SendAt,
			InvoiceNumbers: a.InvoiceNumbers, TotalCents: a.TotalCents, Currency: a.Currency}
	}
	return out
}

// RunPlanner godoc
// @Summary      Run the dunning planner now
// @Description  Plans every action due as of the given day (default: today in the organisation's time zone), once. Emails are sent in the sending window, or at once with ignore_window.
// @Tags         dunning
// @Accept       json
// @Produce      json
// @Security     BearerAuth
// @Param        body  body      RunRequest  false  "Options"
// @Success      200   {object}  RunResponse
// @Failure      403   {object}  Problem  "admins only"
// @Router       /api/v1/dunning/run [post]
func (s *Server) RunPlanner(c echo.Context) error {
	var req RunRequest
	if c.Request().ContentLength != 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	var f fields
	asOf := f.optDate("as_of", req.AsOf)
	if err := f.Err(); err != nil {
		return err
	}
	r, err := s.svc.Dunning.RunPlanner(c.Request().Context(), principal(c), asOf, req.IgnoreWindow)
	return reply(c, http.StatusOK, r, err, toRunResponse)
}

// Tomorrow godoc
// @Summary      Tomorrow's actions
// @Description  What the planner would plan tomorrow if nothing changes (nothing is recorded).
// @Tags         dunning
// @Produce      json
// @Security     BearerAuth
// @Success      200  {object}  RunResponse
// @Router       /api/v1/dunning/tomorrow [get]
func (s *Server) Tomorrow(c echo.Context) error {
	r, err := s.svc.Dunning.Tomorrow(c.Request().Context(), principal(c))
	return reply(c, http.StatusOK, r, err, toRunResponse)
}
