-- +goose Up
-- The cockpit's figures as of a day (internal/analytics) read the ledger through its views; these
-- indexes keep them near the cost of one scan of the invoices on large ledgers.

-- Invoices still open at a day: paid_on IS NULL (open now) or paid_on after the day.
CREATE INDEX invoices_analytics_settled_idx ON invoices (organization_id, currency, paid_on);

-- Credit sales of a period (index-only: the month's total without reading the rows).
CREATE INDEX invoices_analytics_issued_idx ON invoices (organization_id, currency, issue_date) INCLUDE (total_cents, status);

-- Cash received in a period.
CREATE INDEX payments_analytics_received_idx ON payments (organization_id, currency, received_on) INCLUDE (amount_cents, reversed_at);

-- Customers' payment behaviour: the paid invoices in customer order, read from the index alone.
CREATE INDEX invoices_analytics_paid_idx ON invoices (organization_id, currency, customer_id)
    INCLUDE (paid_on, due_date, issue_date, total_cents) WHERE status = 'paid';

-- +goose Down
DROP INDEX invoices_analytics_paid_idx;
DROP INDEX payments_analytics_received_idx;
DROP INDEX invoices_analytics_issued_idx;
DROP INDEX invoices_analytics_settled_idx;
