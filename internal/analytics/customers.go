package analytics

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// CustomerBehaviour is how a customer paid its invoices settled on or before a day, in one
// currency. Days late of a settled invoice = settlement date − due date, 0 when paid on time; its
// settlement date is the date of the payment (or credit note) that completed it (paid_on).
type CustomerBehaviour struct {
	CustomerID   uuid.UUID
	ExternalID   *string
	Name         string
	PaidInvoices int64
	// AvgDaysLate, WeightedDaysLate (by invoice total) and MedianDaysLate are in days, rounded to
	// two decimals.
	AvgDaysLate      float64
	WeightedDaysLate float64
	MedianDaysLate   float64
	// AgreedTermsDays is the customer's payment terms, or when it has none the mean of due − issue
	// of these invoices; ActualTermsDays the mean of settlement − issue.
	AgreedTermsDays float64
	ActualTermsDays float64
	// TrendDays and Trend compare recent and older invoices, MaxOpenDaysLate is the most days late
	// of an invoice open at the day, PayerRating A–D (the rules are above customersSQL).
	TrendDays       *float64
	Trend           string
	MaxOpenDaysLate int64
	PayerRating     string
}

// Trend and payer rating (both as of the day D, in the same pass):
//
//   - trend_days = mean days late of the invoices settled in the 180 days ending on D (paid_on >
//     D − 180) minus that of those settled before (paid_on ≤ D − 180), rounded to two decimals;
//     null when either side has fewer than 2 invoices. trend is "later" when trend_days ≥ 3,
//     "earlier" when ≤ −3, else "steady" (also when trend_days is null).
//   - max_open_days_late = the most days late (D − due date) of the customer's invoices in the
//     currency still open at D (issued on or before D, not cancelled, not settled or written off
//     by D), 0 when none is overdue.
//   - payer_rating: "D" when max_open_days_late > 90 or weighted_days_late > 45, else "C" when
//     weighted_days_late > 15, "B" when > 5, else "A".

// customersSQL is the behaviour of each customer with at least one invoice in the currency
// issued and settled on or before the day (? day, org, currency, day, day, org, currency, day,
// tz, day, org).
const customersSQL = `(
SELECT c.id AS customer_id, c.external_id, c.name, g.paid_invoices, g.avg_days_late, g.weighted_days_late,
       g.median_days_late, round(coalesce(c.payment_terms_days::numeric, g.mean_terms), 2)::float8 AS agreed_terms_days,
       g.actual_terms_days, g.trend_days,
       CASE WHEN g.trend_days >= 3 THEN 'later' WHEN g.trend_days <= -3 THEN 'earlier' ELSE 'steady' END AS trend,
       coalesce(o.max_open_days_late, 0) AS max_open_days_late,
       CASE WHEN coalesce(o.max_open_days_late, 0) > 90 OR g.weighted_days_late > 45 THEN 'D'
            WHEN g.weighted_days_late > 15 THEN 'C' WHEN g.weighted_days_late > 5 THEN 'B' ELSE 'A' END AS payer_rating
  FROM (SELECT i.customer_id, count(*) AS paid_invoices,
               round(avg(greatest(i.paid_on - i.due_date, 0)), 2)::float8 AS avg_days_late,
               round(sum(greatest(i.paid_on - i.due_date, 0)::numeric * i.total_cents) / sum(i.total_cents), 2)::float8 AS weighted_days_late,
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(i.paid_on - i.due_date, 0)))::numeric, 2)::float8 AS median_days_late,
               avg(i.due_date - i.issue_date) AS mean_terms,
               round(avg(i.paid_on - i.issue_date), 2)::float8 AS actual_terms_days,
               CASE WHEN count(*) FILTER (WHERE i.paid_on > CAST(? AS date) - 180) >= 2
                     AND count(*) FILTER (WHERE i.paid_on <= CAST(? AS date) - 180) >= 2
                    THEN round(avg(greatest(i.paid_on - i.due_date, 0)) FILTER (WHERE i.paid_on > CAST(? AS date) - 180)
                             - avg(greatest(i.paid_on - i.due_date, 0)) FILTER (WHERE i.paid_on <= CAST(? AS date) - 180), 2)::float8
               END AS trend_days
          FROM ledger_invoices i
         WHERE i.organization_id = ? AND i.currency = ? AND i.status = 'paid' AND i.paid_on <= CAST(? AS date)
           AND i.issue_date <= CAST(? AS date)
         GROUP BY i.customer_id) g
  JOIN ledger_customers c ON c.organization_id = ? AND c.id = g.customer_id
  LEFT JOIN (SELECT i.customer_id, max(CAST(? AS date) - i.due_date) AS max_open_days_late
               FROM ledger_invoices i
              WHERE i.organization_id = ? AND i.currency = ? AND i.issue_date <= CAST(? AS date)
                AND i.due_date < CAST(? AS date) AND i.status <> 'cancelled'
                AND (i.paid_on IS NULL OR i.paid_on > CAST(? AS date))
                AND NOT (i.status = 'written_off' AND i.closed_at IS NOT NULL AND (i.closed_at AT TIME ZONE ?)::date <= CAST(? AS date))
              GROUP BY i.customer_id) o ON o.customer_id = g.customer_id
) AS b`

// customersArgs are customersSQL's arguments, in order.
func customersArgs(sc scope) []any {
	d := sc.day.Format("2006-01-02")
	return []any{d, d, d, d, sc.org, sc.currency, d, d, sc.org, d, sc.org, sc.currency, d, d, d, sc.tz, d}
}

var customersListing = page.Listing{
	Sorts: map[string]string{"name": "lower(b.name)", "paid_invoices": "b.paid_invoices", "avg_days_late": "b.avg_days_late",
		"weighted_days_late": "b.weighted_days_late", "median_days_late": "b.median_days_late",
		"agreed_terms_days": "b.agreed_terms_days", "actual_terms_days": "b.actual_terms_days",
		"payer_rating": "b.payer_rating", "max_open_days_late": "b.max_open_days_late"},
	SortHint: "analytics.sort_customers",
	Search:   "(b.name ILIKE ? OR b.external_id ILIKE ?)",
	Order:    "b.weighted_days_late DESC",
	TieBreak: "b.customer_id",
}

// Customers lists the customers' payment behaviour as of q's day, worst payers (by weighted days
// late) first unless lq sorts otherwise.
func (s *Service) Customers(ctx context.Context, p auth.Principal, q Query, lq page.Query) (page.Result[CustomerBehaviour], error) {
	sc, err := s.resolve(ctx, p, q)
	if err != nil {
		return page.Result[CustomerBehaviour]{}, err
	}
	lq = lq.Normalize()
	if !page.ValidSort(lq.Sort, customersListing.Sorts) {
		return page.Result[CustomerBehaviour]{}, errs.Invalid("sort", customersListing.SortHint)
	}
	order := page.OrderOf(lq, customersListing.Sorts, customersListing.Order)
	// One pass: the page and the count of every row (page.List would aggregate twice).
	var rows []struct {
		CustomerBehaviour
		Total int64
	}
	err = s.read(ctx, func(tx *gorm.DB) error {
		q := tx.Table(customersSQL, customersArgs(sc)...).Select("b.*, count(*) OVER () AS total")
		if lq.Q != "" {
			q = q.Where(customersListing.Search, lq.Like(), lq.Like())
		}
		return q.Order(order + ", " + customersListing.TieBreak).Limit(lq.Limit).Offset(lq.Offset).Scan(&rows).Error
	})
	out := page.Result[CustomerBehaviour]{Items: make([]CustomerBehaviour, len(rows))}
	for i, r := range rows {
		out.Items[i], out.Total = r.CustomerBehaviour, r.Total
	}
	if len(rows) == 0 && lq.Offset > 0 && err == nil {
		// Past the last page: the count still says how many there are.
		err = s.read(ctx, func(tx *gorm.DB) error {
			q := tx.Table(customersSQL, customersArgs(sc)...)
			if lq.Q != "" {
				q = q.Where(customersListing.Search, lq.Like(), lq.Like())
			}
			return q.Count(&out.Total).Error
		})
	}
	return out, err
}
