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
}

// customersSQL is the behaviour of each customer with at least one invoice in the currency
// issued and settled on or before the day (? org, currency, day, day).
const customersSQL = `(
SELECT c.id AS customer_id, c.external_id, c.name, g.paid_invoices, g.avg_days_late, g.weighted_days_late,
       g.median_days_late, round(coalesce(c.payment_terms_days::numeric, g.mean_terms), 2)::float8 AS agreed_terms_days,
       g.actual_terms_days
  FROM (SELECT i.customer_id, count(*) AS paid_invoices,
               round(avg(greatest(i.paid_on - i.due_date, 0)), 2)::float8 AS avg_days_late,
               round(sum(greatest(i.paid_on - i.due_date, 0)::numeric * i.total_cents) / sum(i.total_cents), 2)::float8 AS weighted_days_late,
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(i.paid_on - i.due_date, 0)))::numeric, 2)::float8 AS median_days_late,
               avg(i.due_date - i.issue_date) AS mean_terms,
               round(avg(i.paid_on - i.issue_date), 2)::float8 AS actual_terms_days
          FROM ledger_invoices i
         WHERE i.organization_id = ? AND i.currency = ? AND i.status = 'paid' AND i.paid_on <= CAST(? AS date)
           AND i.issue_date <= CAST(? AS date)
         GROUP BY i.customer_id) g
  JOIN ledger_customers c ON c.organization_id = ? AND c.id = g.customer_id
) AS b`

var customersListing = page.Listing{
	Sorts: map[string]string{"name": "lower(b.name)", "paid_invoices": "b.paid_invoices", "avg_days_late": "b.avg_days_late",
		"weighted_days_late": "b.weighted_days_late", "median_days_late": "b.median_days_late",
		"agreed_terms_days": "b.agreed_terms_days", "actual_terms_days": "b.actual_terms_days"},
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
	d := sc.day.Format("2006-01-02")
	order := customersListing.Order
	if key, desc := lq.SortKey(); customersListing.Sorts[key] != "" {
		order = customersListing.Sorts[key]
		if desc {
			order += " DESC"
		}
	}
	// One pass: the page and the count of every row (page.List would aggregate twice).
	var rows []struct {
		CustomerBehaviour
		Total int64
	}
	err = s.read(ctx, func(tx *gorm.DB) error {
		q := tx.Table(customersSQL, sc.org, sc.currency, d, d, sc.org).Select("b.*, count(*) OVER () AS total")
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
			q := tx.Table(customersSQL, sc.org, sc.currency, d, d, sc.org)
			if lq.Q != "" {
				q = q.Where(customersListing.Search, lq.Like(), lq.Like())
			}
			return q.Count(&out.Total).Error
		})
	}
	return out, err
}
