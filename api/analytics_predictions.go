package api

import (
	"math"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/analytics/predict"
)

// Predicted payment dates: how well they would have done (the back-test).

// BacktestBaseline is a baseline's score on the back-tested invoices.
type BacktestBaseline struct {
	Invoices int     `json:"invoices"`
	MAEDays  float64 `json:"mae_days" example:"10.25"`
}

// BacktestMiss is one of the back-test's worst predictions.
type BacktestMiss struct {
	InvoiceID   string `json:"invoice_id" format:"uuid"`
	CustomerID  string `json:"customer_id" format:"uuid"`
	IssueDate   string `json:"issue_date" format:"date"`
	DueDate     string `json:"due_date" format:"date"`
	SettledOn   string `json:"settled_on" format:"date"`
	PredictedOn string `json:"predicted_on" format:"date"`
	// ErrorDays is predicted − settled (negative: settled later than predicted).
	ErrorDays   int    `json:"error_days"`
	Explanation string `json:"explanation" example:"usually pays 12 days late; recent invoices later"`
}

// BacktestResponse scores the predicted settlement dates of the invoices issued in a range and
// since settled, each predicted with only what was known on its issue date.
type BacktestResponse struct {
	From     string  `json:"from" format:"date"`
	To       string  `json:"to" format:"date"`
	Invoices int     `json:"invoices"`
	MAEDays  float64 `json:"mae_days" example:"6.94"`
	// WithinBand is the share (0–1) of settlements inside the predicted P10–P90 band.
	WithinBand float64 `json:"within_band" example:"0.81"`
	// BaselineDueDate predicts the due date.
	BaselineDueDate BacktestBaseline `json:"baseline_due_date"`
	// BaselineCustomerMean predicts the due date plus the customer's mean signed delay over the
	// invoices settled before the issue date (0 with no history).
	BaselineCustomerMean BacktestBaseline `json:"baseline_customer_mean"`
	WorstMisses          []BacktestMiss   `json:"worst_misses"`
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Backtest godoc
// @Summary      Back-test the predicted payment dates
// @Description  For every invoice issued in [from, to] and since settled (settlement = the date of the payment or credit note that completed it), the settlement date predicted with only what was known on its issue date, against two baselines: the due date, and the due date plus the customer's mean signed delay over the invoices settled before the issue date. At most 366 days and 100,000 settled invoices per request.
// @Tags         analytics
// @Produce      json
// @Security     BearerAuth
// @Param        from  query     string  true  "First issue date"  format(date)
// @Param        to    query     string  true  "Last issue date (at most 366 days after from)"  format(date)
// @Success      200   {object}  BacktestResponse
// @Failure      422   {object}  Problem  "missing or reversed dates, a range too long or holding too many invoices"
// @Router       /api/v1/analytics/backtest [get]
func (s *Server) Backtest(c echo.Context) error {
	var f fields
	from := f.date("from", c.QueryParam("from"))
	to := f.date("to", c.QueryParam("to"))
	if err := f.Err(); err != nil {
		return err
	}
	r, err := predict.Backtest(c.Request().Context(), s.svc.DB.Pool, principal(c).OrganizationID, from, to)
	if err != nil {
		return err
	}
	out := BacktestResponse{From: dateString(from), To: dateString(to), Invoices: r.Invoices, MAEDays: round2(r.MAEDays),
		WithinBand:           round2(r.Within),
		BaselineDueDate:      BacktestBaseline{Invoices: r.Invoices, MAEDays: round2(r.DueDateMAE)},
		BaselineCustomerMean: BacktestBaseline{Invoices: r.Invoices, MAEDays: round2(r.CustomerMeanMAE)},
		WorstMisses:          make([]BacktestMiss, 0, len(r.Worst))}
	for _, m := range r.Worst {
		out.WorstMisses = append(out.WorstMisses, BacktestMiss{InvoiceID: m.InvoiceID.String(), CustomerID: m.CustomerID.String(),
			IssueDate: dateString(m.Issue), DueDate: dateString(m.Due), SettledOn: dateString(m.Settled),
			PredictedOn: dateString(m.Predicted), ErrorDays: m.ErrorDays, Explanation: m.Reason})
	}
	return c.JSON(http.StatusOK, out)
}

// ForecastWeek is the cash expected in one week.
type ForecastWeek struct {
	Start string `json:"start" format:"date"`
	End   string `json:"end" format:"date"`
	// ExpectedCents: the open balance of the invoices predicted to be settled in the week.
	ExpectedCents int64 `json:"expected_cents"`
	// P10Cents and P90Cents: the same with every invoice settled on the early (P10) or late
	// (P90) end of its band.
	P10Cents int64 `json:"p10_cents"`
	P90Cents int64 `json:"p90_cents"`
	// ByDueDateCents: the open balance due in the week (the overdue balance in the first).
	ByDueDateCents int64 `json:"by_due_date_cents"`
	Invoices       int   `json:"invoices"`
}

// ForecastResponse is the cash-in forecast of the invoices open at the end of a day.
type ForecastResponse struct {
	AsOf      string         `json:"as_of" format:"date"`
	Currency  string         `json:"currency" example:"EUR"`
	OpenCents int64          `json:"open_cents"`
	Weeks     []ForecastWeek `json:"weeks"`
	// Beyond the 13 weeks: by predicted date, by late (P90) date, by due date.
	BeyondCents          int64 `json:"beyond_cents"`
	BeyondP90Cents       int64 `json:"beyond_p90_cents"`
	BeyondByDueDateCents int64 `json:"beyond_by_due_date_cents"`
}

// CashForecast godoc
// @Summary      13-week cash-in forecast
// @Description  Week by week from the day after as_of, the open balance (as of that day) of the invoices predicted to be settled in the week, with the band if every invoice were settled on the early (P10) or late (P90) end of its prediction, against the balance due in the week.
// @Tags         analytics
// @Produce      json
// @Security     BearerAuth
// @Param        as_of     query     string  false  "The day (default today)"  format(date)
// @Param        currency  query     string  false  "Currency code (default the organisation's)"
// @Success      200       {object}  ForecastResponse
// @Failure      422       {object}  Problem
// @Router       /api/v1/analytics/forecast [get]
func (s *Server) CashForecast(c echo.Context) error {
	var f fields
	asOf := f.optDate("as_of", ptrTo(c.QueryParam("as_of")))
	if err := f.Err(); err != nil {
		return err
	}
	day := time.Now().UTC().Truncate(24 * time.Hour)
	if asOf != nil {
		day = *asOf
	}
	r, err := predict.CashForecast(c.Request().Context(), s.svc.DB.Pool, principal(c).OrganizationID, day, c.QueryParam("currency"))
	if err != nil {
		return err
	}
	out := ForecastResponse{AsOf: dateString(r.AsOf), Currency: r.Currency, OpenCents: r.Open,
		Weeks:       make([]ForecastWeek, 0, len(r.Weeks)),
		BeyondCents: r.Beyond, BeyondP90Cents: r.BeyondLate, BeyondByDueDateCents: r.BeyondByDueDate}
	for _, w := range r.Weeks {
		out.Weeks = append(out.Weeks, ForecastWeek{Start: dateString(w.Start), End: dateString(w.End), ExpectedCents: w.Expected,
			P10Cents: w.Early, P90Cents: w.Late, ByDueDateCents: w.ByDueDate, Invoices: w.Invoices})
	}
	return c.JSON(http.StatusOK, out)
}
