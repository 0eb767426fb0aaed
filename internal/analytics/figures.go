package analytics

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/platform/errs"
)

// balancesSQL is the open invoices at @d with their balance then and whether an open promise or
// dispute covered them then, aggregated; and in the same pass the receivables at @start (the
// opening of a period ending @d, or @d itself). An invoice's balance at a day is its balance now
// plus what payments received and credit notes issued after that day settled of it (a reversed
// payment has no allocations left: it settles nothing on any day). paid_on (the day the balance
// reached zero) on or before @start means nothing was open: such invoices are skipped at once
// (an index range), and as of today no payment is later: the balances now are the answer.
const balancesSQL = `
WITH inv AS (
    SELECT i.id, i.due_date, i.issue_date, i.balance_cents,
           (i.status = 'written_off' AND i.closed_at IS NOT NULL AND (i.closed_at AT TIME ZONE @tz)::date <= @d) AS written_off_by_d
      FROM ledger_invoices i
     WHERE i.organization_id = @org AND i.currency = @cur AND i.issue_date <= @d
       AND i.status <> 'cancelled'
       AND (i.paid_on IS NULL OR i.paid_on > @start)
       AND NOT (i.status = 'written_off' AND i.closed_at IS NOT NULL AND (i.closed_at AT TIME ZONE @tz)::date <= @start)
), later AS (
    SELECT a.invoice_id, sum(a.amount_cents) AS after_o, coalesce(sum(a.amount_cents) FILTER (WHERE a.day > @d), 0) AS after_d
      FROM (SELECT a.invoice_id, a.amount_cents, p.received_on AS day
              FROM ledger_payments p
              JOIN ledger_allocations a ON a.organization_id = @org AND a.payment_id = p.id
             WHERE p.organization_id = @org AND p.currency = @cur AND p.received_on > @start
            UNION ALL
            SELECT a.invoice_id, a.amount_cents, cn.issue_date
              FROM ledger_credit_notes cn
              JOIN ledger_allocations a ON a.organization_id = @org AND a.credit_note_id = cn.id
             WHERE cn.organization_id = @org AND cn.currency = @cur AND cn.issue_date > @start) a
     GROUP BY a.invoice_id
), bal AS MATERIALIZED (
    SELECT inv.id, inv.due_date, @d - inv.due_date AS late, inv.issue_date,
           inv.balance_cents + coalesce(later.after_d, 0) AS balance,
           inv.balance_cents + coalesce(later.after_o, 0) AS balance_o,
           inv.written_off_by_d
      FROM inv LEFT JOIN later ON later.invoice_id = inv.id
), open AS MATERIALIZED (
    SELECT bal.*,
           EXISTS (SELECT 1 FROM dunning_promise_invoices pi
                     JOIN dunning_promises pr ON pr.organization_id = pi.organization_id AND pr.id = pi.promise_id
                    WHERE pi.organization_id = @org AND pi.invoice_id = bal.id
                      AND (pr.created_at AT TIME ZONE @tz)::date <= @d
                      AND ((pr.status = 'open' AND pr.closed_at IS NULL) OR (pr.closed_at AT TIME ZONE @tz)::date > @d)) AS promised,
           EXISTS (SELECT 1 FROM dunning_dispute_invoices di
                     JOIN dunning_disputes ds ON ds.organization_id = di.organization_id AND ds.id = di.dispute_id
                    WHERE di.organization_id = @org AND di.invoice_id = bal.id
                      AND (ds.opened_at AT TIME ZONE @tz)::date <= @d
                      AND ((ds.status = 'open' AND ds.resolved_at IS NULL) OR (ds.resolved_at AT TIME ZONE @tz)::date > @d)) AS disputed
      FROM bal WHERE bal.balance > 0 AND NOT bal.written_off_by_d
)
SELECT coalesce(sum(balance), 0) AS receivables,
       coalesce(sum(balance) FILTER (WHERE late > 0), 0) AS overdue,
       count(*) AS open_invoices,
       coalesce(sum(balance) FILTER (WHERE late <= 0), 0) AS not_due,
       count(*) FILTER (WHERE late <= 0) AS not_due_n,
       coalesce(sum(balance) FILTER (WHERE late BETWEEN 1 AND 30), 0) AS b1_30,
       count(*) FILTER (WHERE late BETWEEN 1 AND 30) AS b1_30_n,
       coalesce(sum(balance) FILTER (WHERE late BETWEEN 31 AND 60), 0) AS b31_60,
       count(*) FILTER (WHERE late BETWEEN 31 AND 60) AS b31_60_n,
       coalesce(sum(balance) FILTER (WHERE late BETWEEN 61 AND 90), 0) AS b61_90,
       count(*) FILTER (WHERE late BETWEEN 61 AND 90) AS b61_90_n,
       coalesce(sum(balance) FILTER (WHERE late > 90), 0) AS over_90,
       count(*) FILTER (WHERE late > 90) AS over_90_n,
       coalesce(sum(balance) FILTER (WHERE promised), 0) AS promised,
       coalesce(sum(balance) FILTER (WHERE disputed), 0) AS disputed,
       (SELECT coalesce(sum(balance_o), 0) FROM bal WHERE issue_date <= @start AND balance_o > 0) AS opening
  FROM open`

// balances is the receivables at the end of a day.
type balances struct {
	Receivables, Overdue, OpenInvoices int64
	NotDue                             int64
	NotDueN                            int64 `gorm:"column:not_due_n"`
	B130                               int64 `gorm:"column:b1_30"`
	B130N                              int64 `gorm:"column:b1_30_n"`
	B3160                              int64 `gorm:"column:b31_60"`
	B3160N                             int64 `gorm:"column:b31_60_n"`
	B6190                              int64 `gorm:"column:b61_90"`
	B6190N                             int64 `gorm:"column:b61_90_n"`
	Over90                             int64 `gorm:"column:over_90"`
	Over90N                            int64 `gorm:"column:over_90_n"`
	Promised, Disputed                 int64
	Opening                            int64 // receivables at the opening day
}

func (sc scope) args(day time.Time) map[string]any {
	return map[string]any{"org": sc.org, "cur": sc.currency, "tz": sc.tz, "d": day.Format("2006-01-02")}
}

// balances is the receivables at the end of day, and at the end of opening (on or before day).
func (sc scope) balances(db *gorm.DB, day, opening time.Time) (balances, error) {
	var b balances
	args := sc.args(day)
	args["start"] = opening.Format("2006-01-02")
	err := db.Raw(castDate(balancesSQL), args).Scan(&b).Error
	return b, err
}

// castDate makes @d a date wherever it appears (a parameter is text otherwise).
func castDate(sql string) string {
	return strings.NewReplacer("@d", "CAST(@d AS date)", "@start", "CAST(@start AS date)").Replace(sql)
}

// readOnly: every query of a figure sees the same snapshot.
var readOnly = &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}

// read runs f in a read-only snapshot, without JIT compilation and with more memory for sorts:
// the estimates of these queries on a large ledger pass the JIT's threshold, and compiling costs
// more than it saves on queries that read a few index ranges (measured: 380 of 500 ms on 100,000
// invoices).
func (s *Service) read(ctx context.Context, f func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// work_mem: the customers' behaviour sorts the paid invoices by customer; with the default
		// 4 MB the planner walks the customer index instead, a random read per invoice.
		if err := tx.Exec(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`).Error; err != nil {
			return err
		}
		return f(tx)
	}, readOnly)
}

// salesSQL is the credit sales (invoices issued, cancelled ones aside) per calendar month from
// @from to @d, and those of the 90 days ending @d.
const salesSQL = `
SELECT date_trunc('month', issue_date)::date AS month, sum(total_cents) AS cents,
       coalesce(sum(total_cents) FILTER (WHERE issue_date > @d - 90), 0) AS last90
  FROM ledger_invoices
 WHERE organization_id = @org AND currency = @cur AND status <> 'cancelled'
   AND issue_date <= @d AND issue_date >= CAST(@from AS date)
 GROUP BY 1`

// sales is credit sales by month (first day of the month → cents) and of the last 90 days.
type sales struct {
	byMonth map[time.Time]int64
	last90  int64
	months  int // how many months before day's month byMonth covers
}

// salesFor reads the sales the countback of receivables at day needs: the last 13 months, and
// when they do not consume the receivables, the last countbackMonths.
func (sc scope) salesFor(db *gorm.DB, day time.Time, receivables int64) (sales, error) {
	s, err := sc.sales(db, day, 12)
	if err != nil {
		return s, err
	}
	var total int64
	for _, c := range s.byMonth {
		total += c
	}
	if total >= receivables {
		return s, nil
	}
	return sc.sales(db, day, countbackMonths)
}

func (sc scope) sales(db *gorm.DB, day time.Time, months int) (sales, error) {
	var rows []struct {
		Month  time.Time
		Cents  int64
		Last90 int64
	}
	args := sc.args(day)
	from := firstOfMonth(day).AddDate(0, -months, 0)
	if d90 := day.AddDate(0, 0, -89); d90.Before(from) {
		from = d90
	}
	args["from"] = from.Format("2006-01-02")
	if err := db.Raw(castDate(salesSQL), args).Scan(&rows).Error; err != nil {
		return sales{}, err
	}
	s := sales{byMonth: map[time.Time]int64{}, months: months}
	for _, r := range rows {
		s.byMonth[dateOf(r.Month)] = r.Cents
		s.last90 += r.Last90
	}
	return s, nil
}

// countback is the countback DSO at day of receivables: walking back calendar months from day
// (day's month from its 1st to day), each month's credit sales consume the receivables; the DSO
// is the days of the months wholly consumed plus the share of the last month consumed × its days.
func countback(day time.Time, receivables int64, s sales) float64 {
	left := float64(receivables)
	dso := 0.0
	start := firstOfMonth(day)
	days := float64(day.Day())
	for i := 0; i <= s.months && left > 0; i++ {
		sold := float64(s.byMonth[start])
		if sold >= left {
			return dso + left/sold*days
		}
		left -= sold
		dso += days
		start = start.AddDate(0, -1, 0)
		days = float64(start.AddDate(0, 1, -1).Day())
	}
	return dso
}

func firstOfMonth(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// collectedSQL is the cash received from the 1st of @d's month to @d (payments not reversed by then).
const collectedSQL = `
SELECT coalesce(sum(amount_cents), 0) FROM ledger_payments
 WHERE organization_id = @org AND currency = @cur AND received_on <= @d AND received_on >= date_trunc('month', @d)::date
   AND (reversed_at IS NULL OR (reversed_at AT TIME ZONE @tz)::date > @d)`

// Summary computes the cockpit's figures as of q's day.
func (s *Service) Summary(ctx context.Context, p auth.Principal, q Query) (Summary, error) {
	sc, err := s.resolve(ctx, p, q)
	if err != nil {
		return Summary{}, err
	}
	var out Summary
	err = s.read(ctx, func(tx *gorm.DB) error {
		out, err = sc.summary(tx)
		return err
	})
	return out, err
}

func (sc scope) summary(tx *gorm.DB) (Summary, error) {
	d := sc.day
	// Opening receivables of the 90 days ending d: at the end of d − 90.
	b, err := sc.balances(tx, d, d.AddDate(0, 0, -90))
	if err != nil {
		return Summary{}, err
	}
	sl, err := sc.salesFor(tx, d, b.Receivables)
	if err != nil {
		return Summary{}, err
	}
	var collected int64
	if err := tx.Raw(castDate(collectedSQL), sc.args(d)).Scan(&collected).Error; err != nil {
		return Summary{}, err
	}
	out := Summary{AsOf: d, Currency: sc.currency, ReceivablesCents: b.Receivables, OverdueCents: b.Overdue,
		OpenInvoices: b.OpenInvoices, CollectedCents: collected, PromisedCents: b.Promised, DisputedCents: b.Disputed,
		Aging: []AgingBucket{
			{BucketNotDue, b.NotDue, b.NotDueN}, {Bucket1To30, b.B130, b.B130N}, {Bucket31To60, b.B3160, b.B3160N},
			{Bucket61To90, b.B6190, b.B6190N}, {BucketOver90, b.Over90, b.Over90N}},
		DSOCountback: round2(countback(d, b.Receivables, sl))}
	if sl.last90 > 0 {
		// With no sales in the 90 days, the simple DSOs are undefined: they stay 0.
		simple := float64(b.Receivables) / float64(sl.last90) * 90
		best := float64(b.NotDue) / float64(sl.last90) * 90
		out.DSOSimple90, out.BestPossibleDSO = round2(simple), round2(best)
		out.AverageDaysDelinquent = round2(float64(b.Overdue) / float64(sl.last90) * 90)
	}
	// CEI = (opening + sales − closing total) / (opening + sales − closing current) × 100; with
	// nothing that could have been collected (a zero denominator) it is 0. A write-off lowers the
	// closing receivables as a collection would.
	num := float64(b.Opening + sl.last90 - b.Receivables)
	den := float64(b.Opening + sl.last90 - b.NotDue)
	if den > 0 {
		out.CEI90 = round2(num / den * 100)
	}
	return out, nil
}

// trendSQL is the receivables and overdue at each of @days in one pass: the invoices open at the
// first of them or later, each paired with the days it was issued and open by, its balance at a
// day being its balance now plus what was settled of it after that day (as in balancesSQL).
const trendSQL = `
WITH days AS (SELECT unnest(CAST(@days AS date[])) AS d
), inv AS (
    SELECT i.id, i.issue_date, i.due_date, i.balance_cents, i.paid_on,
           CASE WHEN i.status = 'written_off' AND i.closed_at IS NOT NULL THEN (i.closed_at AT TIME ZONE @tz)::date END AS written_off_on
      FROM ledger_invoices i
     WHERE i.organization_id = @org AND i.currency = @cur AND i.issue_date <= CAST(@last AS date)
       AND i.status <> 'cancelled'
       AND (i.paid_on IS NULL OR i.paid_on > CAST(@first AS date))
       AND NOT (i.status = 'written_off' AND i.closed_at IS NOT NULL AND (i.closed_at AT TIME ZONE @tz)::date <= CAST(@first AS date))
), later AS (
    SELECT a.invoice_id, a.amount_cents, p.received_on AS day
      FROM ledger_payments p
      JOIN ledger_allocations a ON a.organization_id = @org AND a.payment_id = p.id
     WHERE p.organization_id = @org AND p.currency = @cur AND p.received_on > CAST(@first AS date)
    UNION ALL
    SELECT a.invoice_id, a.amount_cents, cn.issue_date
      FROM ledger_credit_notes cn
      JOIN ledger_allocations a ON a.organization_id = @org AND a.credit_note_id = cn.id
     WHERE cn.organization_id = @org AND cn.currency = @cur AND cn.issue_date > CAST(@first AS date)
), per AS (
    SELECT days.d, inv.id, inv.due_date,
           inv.balance_cents + coalesce(sum(l.amount_cents) FILTER (WHERE l.day > days.d), 0) AS balance
      FROM inv
      JOIN days ON inv.issue_date <= days.d AND (inv.paid_on IS NULL OR inv.paid_on > days.d)
               AND (inv.written_off_on IS NULL OR inv.written_off_on > days.d)
      LEFT JOIN later l ON l.invoice_id = inv.id
     GROUP BY days.d, inv.id, inv.due_date, inv.balance_cents
)
SELECT d AS day, coalesce(sum(balance) FILTER (WHERE balance > 0), 0) AS receivables,
       coalesce(sum(balance) FILTER (WHERE balance > 0 AND due_date < d), 0) AS overdue
  FROM per GROUP BY d`

// Trend is the countback DSO, receivables and overdue at the last months month ends, the last one
// being q's day itself, oldest first: one pass over the receivables for all the days, one over
// the sales.
func (s *Service) Trend(ctx context.Context, p auth.Principal, q Query, months int) (Trend, error) {
	if months < 1 || months > MaxTrendMonths {
		return Trend{}, errs.Invalid("months", "analytics.months_range", 1, MaxTrendMonths)
	}
	sc, err := s.resolve(ctx, p, q)
	if err != nil {
		return Trend{}, err
	}
	days := make([]time.Time, 0, months)
	names := make([]string, 0, months)
	for i := months - 1; i >= 0; i-- {
		day := sc.day
		if i > 0 {
			day = firstOfMonth(sc.day).AddDate(0, -i+1, -1) // the last day of the month i months before
		}
		days = append(days, day)
		names = append(names, day.Format("2006-01-02"))
	}
	out := Trend{AsOf: sc.day, Currency: sc.currency, Points: make([]TrendPoint, 0, months)}
	err = s.read(ctx, func(tx *gorm.DB) error {
		var rows []struct {
			Day                  time.Time
			Receivables, Overdue int64
		}
		args := map[string]any{"org": sc.org, "cur": sc.currency, "tz": sc.tz, "days": "{" + strings.Join(names, ",") + "}",
			"first": names[0], "last": names[len(names)-1]}
		if err := tx.Raw(trendSQL, args).Scan(&rows).Error; err != nil {
			return err
		}
		at := map[time.Time]int{}
		for i, r := range rows {
			at[dateOf(r.Day)] = i
		}
		// The sales of every month any point's countback may walk (each point reads only the
		// months up to its own: a month end's month is whole, the last point's month stops at it).
		sl, err := sc.sales(tx, sc.day, countbackMonths+months)
		if err != nil {
			return err
		}
		for _, day := range days {
			var rec, over int64
			if i, ok := at[day]; ok {
				rec, over = rows[i].Receivables, rows[i].Overdue
			}
			out.Points = append(out.Points, TrendPoint{MonthEnd: day, DSOCountback: round2(countback(day, rec, sl)),
				ReceivablesCents: rec, OverdueCents: over})
		}
		return nil
	})
	return out, err
}
