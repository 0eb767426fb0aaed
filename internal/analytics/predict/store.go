package predict

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/relance/relance/internal/platform/errs"
)

// Bounds of a back-test request (the work is one query and a pass in memory over the range and
// the history before it).
const (
	MaxBacktestDays     = 366
	MaxBacktestInvoices = 100_000
	// HistoryYears is how far before a prediction's day the history is read.
	HistoryYears = 3
)

// load reads the organisation's invoices issued in [from, to] (of one customer unless
// customer is uuid.Nil) from the ledger's published view: settled ones with the day they were
// settled. Cancelled and written-off invoices are left out.
func load(ctx context.Context, pool *pgxpool.Pool, org, customer uuid.UUID, from, to time.Time) ([]Invoice, error) {
	rows, err := pool.Query(ctx, `
		SELECT id, customer_id, issue_date, due_date, total_cents, currency, CASE WHEN status = 'paid' THEN paid_on END
		  FROM ledger_invoices
		 WHERE organization_id = $1 AND issue_date BETWEEN $2 AND $3 AND status NOT IN ('cancelled', 'written_off')
		   AND ($4::uuid IS NULL OR customer_id = $4)`,
		org, from, to, nullable(customer))
	if err != nil {
		return nil, fmt.Errorf("predict: read invoices: %w", err)
	}
	defer rows.Close()
	var out []Invoice
	for rows.Next() {
		var inv Invoice
		if err := rows.Scan(&inv.ID, &inv.CustomerID, &inv.Issue, &inv.Due, &inv.Amount, &inv.Currency, &inv.Settled); err != nil {
			return nil, fmt.Errorf("predict: read invoices: %w", err)
		}
		out = append(out, inv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("predict: read invoices: %w", err)
	}
	return out, nil
}

func nullable(id uuid.UUID) *uuid.UUID {
	if id == uuid.Nil {
		return nil
	}
	return &id
}

// Backtest back-tests the model on the organisation's invoices issued in [from, to] and since
// settled, each predicted with what was known on its issue date. At most MaxBacktestDays days
// and MaxBacktestInvoices settled invoices.
func Backtest(ctx context.Context, pool *pgxpool.Pool, org uuid.UUID, from, to time.Time) (Result, error) {
	var v errs.Validation
	v.Check(!from.IsZero(), "from", "predict.required_date")
	v.Check(!to.IsZero(), "to", "predict.required_date")
	if err := v.Err(); err != nil {
		return Result{}, err
	}
	if to.Before(from) {
		return Result{}, errs.Invalid("to", "predict.range_order")
	}
	if toDay(to)-toDay(from) >= MaxBacktestDays {
		return Result{}, errs.Invalid("to", "predict.range_too_long", MaxBacktestDays)
	}
	var n int
	if err := pool.QueryRow(ctx, `
		SELECT count(*) FROM ledger_invoices
		 WHERE organization_id = $1 AND issue_date BETWEEN $2 AND $3 AND status = 'paid'`,
		org, from, to).Scan(&n); err != nil {
		return Result{}, fmt.Errorf("predict: count invoices: %w", err)
	}
	if n > MaxBacktestInvoices {
		return Result{}, errs.Invalid("to", "predict.too_many_invoices", MaxBacktestInvoices)
	}
	invoices, err := load(ctx, pool, org, uuid.Nil, from.AddDate(-HistoryYears, 0, 0), to)
	if err != nil {
		return Result{}, err
	}
	return Evaluate(invoices, from, to, DefaultParams), nil
}

// OpenInvoice is an invoice still open at the end of a day, with its predicted settlement.
type OpenInvoice struct {
	InvoiceID  uuid.UUID
	CustomerID uuid.UUID
	Due        time.Time
	Currency   string
	// Balance is what was left to pay at the end of the day (payments and credit notes dated
	// on or before it).
	Balance    int64
	Prediction Prediction
}

// OpenInvoices predicts the settlement of the organisation's invoices (of one customer unless
// customer is uuid.Nil) issued on or before asOf and not settled at its end, with what was
// known then. A prediction before the day after asOf is moved to it (the invoice is still open).
func OpenInvoices(ctx context.Context, pool *pgxpool.Pool, org, customer uuid.UUID, asOf time.Time) ([]OpenInvoice, error) {
	invoices, err := load(ctx, pool, org, customer, asOf.AddDate(-HistoryYears, 0, 0), asOf)
	if err != nil {
		return nil, err
	}
	open := predictOpen(invoices, asOf)
	if len(open) == 0 {
		return open, nil
	}
	ids := make([]uuid.UUID, len(open))
	for i, o := range open {
		ids[i] = o.InvoiceID
	}
	rows, err := pool.Query(ctx, `
		SELECT a.invoice_id, sum(a.amount_cents)
		  FROM ledger_allocations a
		  LEFT JOIN ledger_payments p ON p.organization_id = a.organization_id AND p.id = a.payment_id
		  LEFT JOIN ledger_credit_notes cn ON cn.organization_id = a.organization_id AND cn.id = a.credit_note_id
		 WHERE a.organization_id = $1 AND a.invoice_id = ANY($2) AND coalesce(p.received_on, cn.issue_date) <= $3
		 GROUP BY a.invoice_id`, org, ids, asOf)
	if err != nil {
		return nil, fmt.Errorf("predict: read balances: %w", err)
	}
	defer rows.Close()
	paid := map[uuid.UUID]int64{}
	for rows.Next() {
		var id uuid.UUID
		var sum int64
		if err := rows.Scan(&id, &sum); err != nil {
			return nil, fmt.Errorf("predict: read balances: %w", err)
		}
		paid[id] = sum
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("predict: read balances: %w", err)
	}
	for i := range open {
		open[i].Balance -= paid[open[i].InvoiceID]
	}
	if err := applyPromises(ctx, pool, org, ids, asOf, open); err != nil {
		return nil, err
	}
	return open, nil
}

// applyPromises replaces the prediction of the invoices under a promise to pay made on or
// before asOf, still open at its end and promising a later day, by the promised day (the latest one when
// several promises cover the invoice), keeping the model's late end of the band.
func applyPromises(ctx context.Context, pool *pgxpool.Pool, org uuid.UUID, ids []uuid.UUID, asOf time.Time, open []OpenInvoice) error {
	rows, err := pool.Query(ctx, `
		SELECT pi.invoice_id, max(p.promised_on)
		  FROM dunning_promises p
		  JOIN dunning_promise_invoices pi ON pi.organization_id = p.organization_id AND pi.promise_id = p.id
		 WHERE p.organization_id = $1 AND pi.invoice_id = ANY($2)
		   AND p.created_at < $3::date + 1 AND (p.closed_at IS NULL OR p.closed_at >= $3::date + 1)
		   AND p.promised_on > $3::date
		 GROUP BY pi.invoice_id`, org, ids, asOf)
	if err != nil {
		return fmt.Errorf("predict: read promises: %w", err)
	}
	defer rows.Close()
	promised := map[uuid.UUID]time.Time{}
	for rows.Next() {
		var id uuid.UUID
		var on time.Time
		if err := rows.Scan(&id, &on); err != nil {
			return fmt.Errorf("predict: read promises: %w", err)
		}
		promised[id] = on
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("predict: read promises: %w", err)
	}
	for i := range open {
		on, ok := promised[open[i].InvoiceID]
		if !ok {
			continue
		}
		p := &open[i].Prediction
		p.Date, p.P10 = on, on
		if p.P90.Before(on.AddDate(0, 0, 7)) {
			p.P90 = on.AddDate(0, 0, 7)
		}
		p.DelayDays = int(toDay(on) - toDay(open[i].Due))
		p.Explanation = "promised for " + on.Format("2006-01-02") + "; " + p.Explanation
	}
	return nil
}

func predictOpen(invoices []Invoice, asOf time.Time) []OpenInvoice {
	a := toDay(asOf)
	// What was known at the end of asOf: settlements after it had not happened yet.
	known := make([]Invoice, len(invoices))
	for i, inv := range invoices {
		known[i] = inv
		if inv.Settled != nil && toDay(*inv.Settled) > a {
			known[i].Settled = nil
		}
	}
	h := NewHistory(known, DefaultParams)
	var out []OpenInvoice
	for _, inv := range known {
		if inv.Settled != nil {
			continue
		}
		p := h.Predict(inv, (a + 1).time())
		if toDay(p.Date) <= a {
			shift := a + 1 - toDay(p.Date)
			p.Date = (a + 1).time()
			p.P10 = (toDay(p.P10) + shift).time()
			p.P90 = (toDay(p.P90) + shift).time()
			p.DelayDays = int(a + 1 - toDay(inv.Due))
		}
		out = append(out, OpenInvoice{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Due: inv.Due, Currency: inv.Currency,
			Balance: inv.Amount, Prediction: p})
	}
	return out
}
