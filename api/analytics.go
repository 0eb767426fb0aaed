package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/analytics"
)

// The cockpit's figures: receivables, aging, DSO, CEI as the ledger stood at the end of a day.

// AgingBucketResponse is the open balance of invoices by days past due at as_of.
type AgingBucketResponse struct {
	Bucket   string `json:"bucket" enums:"not_due,1_30,31_60,61_90,over_90"`
	Cents    int64  `json:"cents"`
	Invoices int64  `json:"invoices"`
}

// AnalyticsSummary is the cockpit's figures as of a day, in one currency.
type AnalyticsSummary struct {
	AsOf             string                `json:"as_of" format:"date"`
	Currency         string                `json:"currency" example:"EUR"`
	ReceivablesCents int64                 `json:"receivables_cents"`
	OverdueCents     int64                 `json:"overdue_cents"`
	OpenInvoices     int64                 `json:"open_invoices"`
	Aging            []AgingBucketResponse `json:"aging"`
	// Days: calendar months walked back from as_of (its month from the 1st), each month's credit
	// sales consuming the receivables.
	DSOCountback float64 `json:"dso_countback"`
	// Days: receivables / credit sales of the 90 days ending as_of × 90.
	DSOSimple90 float64 `json:"dso_simple_90"`
	// Days: not-yet-due receivables / credit sales of the 90 days ending as_of × 90.
	BestPossibleDSO90 float64 `json:"best_possible_dso_90"`
	// Days: dso_simple_90 − best_possible_dso_90.
	AverageDaysDelinquent float64 `json:"average_days_delinquent"`
	// Percent: collection effectiveness over the 90 days ending as_of.
	CEI90 float64 `json:"cei_90"`
	// Received from the 1st of as_of's month to as_of.
	CollectedCents int64 `json:"collected_cents"`
	// Balance at as_of of invoices under a promise open then.
	PromisedCents int64 `json:"promised_cents"`
	// Balance at as_of of invoices under a dispute open then.
	DisputedCents int64 `json:"disputed_cents"`
}

// DSOTrendPoint is the countback DSO and receivables at one month end.
type DSOTrendPoint struct {
	MonthEnd         string  `json:"month_end" format:"date"`
	DSOCountback     float64 `json:"dso_countback"`
	ReceivablesCents int64   `json:"receivables_cents"`
	OverdueCents     int64   `json:"overdue_cents"`
}

// DSOTrend is the DSO at the last month ends, oldest first; the last point is as_of itself.
type DSOTrend struct {
	AsOf     string          `json:"as_of" format:"date"`
	Currency string          `json:"currency" example:"EUR"`
	Items    []DSOTrendPoint `json:"items"`
}

// analyticsQuery reads as_of and currency.
func analyticsQuery(c echo.Context, f *fields) analytics.Query {
	q := analytics.Query{AsOf: f.optDate("as_of", ptrTo(c.QueryParam("as_of"))), Currency: c.QueryParam("currency")}
	if q.Currency != "" {
		f.Check(len(q.Currency) == 3 && strings.ToUpper(q.Currency) == q.Currency && isLetters(q.Currency), "currency", "analytics.currency")
	}
	return q
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// AnalyticsSummary godoc
// @Summary      The cockpit's figures as of a day
// @Description  Receivables, overdue, aging, DSO (countback, simple and best possible over 90 days), average days delinquent, CEI over 90 days, collected this month, promised and disputed, as the ledger stood at the end of as_of (invoices issued, payments received and credit notes issued on or before it), in one currency. An invoice due on as_of is not overdue. Cancelled invoices count nowhere; a written-off invoice leaves the receivables on the day it was written off.
// @Tags         analytics
// @Produce      json
// @Security     BearerAuth
// @Param        as_of     query     string  false  "The day (default: the organisation's today)"  format(date)
// @Param        currency  query     string  false  "ISO currency (default: the organisation's)"  example(EUR)
// @Success      200       {object}  AnalyticsSummary
// @Failure      422       {object}  Problem
// @Router       /api/v1/analytics/summary [get]
func (s *Server) AnalyticsSummary(c echo.Context) error {
	var f fields
	q := analyticsQuery(c, &f)
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Analytics.Summary(c.Request().Context(), principal(c), q)
	return reply(c, http.StatusOK, v, err, toAnalyticsSummary)
}

func toAnalyticsSummary(v analytics.Summary) AnalyticsSummary {
	return AnalyticsSummary{AsOf: dateString(v.AsOf), Currency: v.Currency, ReceivablesCents: v.ReceivablesCents,
		OverdueCents: v.OverdueCents, OpenInvoices: v.OpenInvoices, Aging: mapped(v.Aging, func(b analytics.AgingBucket) AgingBucketResponse {
			return AgingBucketResponse{Bucket: b.Bucket, Cents: b.Cents, Invoices: b.Invoices}
		}), DSOCountback: v.DSOCountback, DSOSimple90: v.DSOSimple90, BestPossibleDSO90: v.BestPossibleDSO,
		AverageDaysDelinquent: v.AverageDaysDelinquent, CEI90: v.CEI90, CollectedCents: v.CollectedCents,
		PromisedCents: v.PromisedCents, DisputedCents: v.DisputedCents}
}

// AnalyticsDSOTrend godoc
// @Summary      DSO over the last months
// @Description  The countback DSO, receivables and overdue at each of the last `months` month ends, oldest first; the last point is as_of itself.
// @Tags         analytics
// @Produce      json
// @Security     BearerAuth
// @Param        as_of     query     string  false  "The last day (default: the organisation's today)"  format(date)
// @Param        currency  query     string  false  "ISO currency (default: the organisation's)"  example(EUR)
// @Param        months    query     int     false  "How many month ends (1–36, default 12)"  minimum(1)  maximum(36)
// @Success      200       {object}  DSOTrend
// @Failure      422       {object}  Problem
// @Router       /api/v1/analytics/dso-trend [get]
func (s *Server) AnalyticsDSOTrend(c echo.Context) error {
	var f fields
	q := analyticsQuery(c, &f)
	months := 12
	if m := c.QueryParam("months"); m != "" {
		n, err := strconv.Atoi(m)
		f.Check(err == nil && n >= 1 && n <= analytics.MaxTrendMonths, "months", "analytics.months_range", 1, analytics.MaxTrendMonths)
		months = n
	}
	if err := f.Err(); err != nil {
		return err
	}
	v, err := s.svc.Analytics.Trend(c.Request().Context(), principal(c), q, months)
	if err != nil {
		return err
	}
	out := DSOTrend{AsOf: dateString(v.AsOf), Currency: v.Currency, Items: make([]DSOTrendPoint, len(v.Points))}
	for i, p := range v.Points {
		out.Items[i] = DSOTrendPoint{MonthEnd: dateString(p.MonthEnd), DSOCountback: p.DSOCountback,
			ReceivablesCents: p.ReceivablesCents, OverdueCents: p.OverdueCents}
	}
	return c.JSON(http.StatusOK, out)
}

// CustomerBehaviourResponse is how a customer paid its invoices settled on or before as_of.
type CustomerBehaviourResponse struct {
	CustomerID   string  `json:"customer_id" format:"uuid"`
	ExternalID   *string `json:"external_id" extensions:"x-nullable"`
	Name         string  `json:"name"`
	PaidInvoices int64   `json:"paid_invoices"`
	// Days: settlement − due date (0 when on time), averaged over the paid invoices.
	AvgDaysLate float64 `json:"avg_days_late"`
	// Days: the same, weighted by the invoices' totals.
	WeightedDaysLate float64 `json:"weighted_days_late"`
	MedianDaysLate   float64 `json:"median_days_late"`
	// Days: the customer's payment terms (or the mean of due − issue when it has none).
	AgreedTermsDays float64 `json:"agreed_terms_days"`
	// Days: the mean of settlement − issue date.
	ActualTermsDays float64 `json:"actual_terms_days"`
	// Days: mean days late of the invoices settled in the 180 days ending on as_of minus that of
	// the older ones; null when either side has fewer than 2 invoices.
	TrendDays *float64 `json:"trend_days" extensions:"x-nullable"`
	// later (trend_days ≥ 3), earlier (≤ −3), else steady (also when trend_days is null).
	Trend string `json:"trend" enums:"later,steady,earlier"`
	// Days: the most days late (as_of − due date) of the customer's invoices still open at as_of; 0 when none is overdue.
	MaxOpenDaysLate int64 `json:"max_open_days_late"`
	// D when max_open_days_late > 90 or weighted_days_late > 45; else C when weighted_days_late > 15, B when > 5, else A.
	PayerRating string `json:"payer_rating" enums:"A,B,C,D"`
}

// CustomerBehaviourList is one page of customers' payment behaviour.
type CustomerBehaviourList struct {
	Items []CustomerBehaviourResponse `json:"items"`
	Total int64                       `json:"total"`
}

// AnalyticsCustomers godoc
// @Summary      Customers' payment behaviour as of a day
// @Description  For each customer with invoices in the currency settled on or before as_of: how many, days late (settlement date − due date, 0 when on time; mean, weighted by amount, median), agreed and actual terms. trend compares recent and older invoices: trend_days = mean days late of those settled in the 180 days ending on as_of minus that of those settled before (null when either side has fewer than 2 invoices); later when trend_days ≥ 3, earlier when ≤ −3, else steady. payer_rating: D when an invoice still open at as_of is over 90 days late (max_open_days_late > 90) or weighted_days_late > 45; else C when weighted_days_late > 15, B when > 5, A otherwise. Worst payers (weighted days late) first by default.
// @Tags         analytics
// @Produce      json
// @Security     BearerAuth
// @Param        as_of     query     string  false  "The day (default: the organisation's today)"  format(date)
// @Param        currency  query     string  false  "ISO currency (default: the organisation's)"  example(EUR)
// @Param        q         query     string  false  "Search in name and external id"
// @Param        sort      query     string  false  "name, paid_invoices, avg_days_late, weighted_days_late, median_days_late, agreed_terms_days, actual_terms_days, payer_rating or max_open_days_late; prefix with - for descending"
// @Param        limit     query     int     false  "Page size (1–200, default 50)"
// @Param        offset    query     int     false  "Rows to skip"
// @Success      200       {object}  CustomerBehaviourList
// @Failure      422       {object}  Problem
// @Router       /api/v1/analytics/customers [get]
func (s *Server) AnalyticsCustomers(c echo.Context) error {
	lq, err := listQuery(c)
	if err != nil {
		return err
	}
	var f fields
	q := analyticsQuery(c, &f)
	if err := f.Err(); err != nil {
		return err
	}
	res, err := s.svc.Analytics.Customers(c.Request().Context(), principal(c), q, lq)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CustomerBehaviourList{Total: res.Total, Items: mapped(res.Items, func(v analytics.CustomerBehaviour) CustomerBehaviourResponse {
		return CustomerBehaviourResponse{CustomerID: v.CustomerID.String(), ExternalID: v.ExternalID, Name: v.Name,
			PaidInvoices: v.PaidInvoices, AvgDaysLate: v.AvgDaysLate, WeightedDaysLate: v.WeightedDaysLate,
			MedianDaysLate: v.MedianDaysLate, AgreedTermsDays: v.AgreedTermsDays, ActualTermsDays: v.ActualTermsDays,
			TrendDays: v.TrendDays, Trend: v.Trend, MaxOpenDaysLate: v.MaxOpenDaysLate, PayerRating: v.PayerRating}
	})})
}
