package api

import (
	"math"
	"net/http"

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
