package imports

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// resolvePayments finds, for each row: the invoice it names, the customer (by code, by name,
// or else the invoice's), the currency (the row's, the invoice's, the customer's or the
// organisation's), and the payment already in the ledger — by external id, or else the n-th
// row with the same customer, date, amount and reference matches the n-th such payment, so
// that importing a file twice records each payment once.
var resolvePayments = []string{`
UPDATE import_payment_rows s SET invoice_id = i.id, invoice_customer_id = i.customer_id, invoice_currency = i.currency
FROM invoices i
WHERE s.import_id = $1 AND s.invoice_number IS NOT NULL AND i.organization_id = $2 AND i.number = s.invoice_number`, `
UPDATE import_payment_rows s SET customer_id = coalesce(
    (SELECT c.id FROM customers c WHERE c.organization_id = $2 AND c.external_id = s.customer_external_id),
    (SELECT c.id FROM customers c
     WHERE c.organization_id = $2 AND s.customer_external_id IS NULL AND lower(c.name) = lower(s.customer_name)
     ORDER BY c.archived_at NULLS FIRST, c.created_at, c.id LIMIT 1),
    CASE WHEN s.customer_external_id IS NULL AND s.customer_name IS NULL THEN s.invoice_customer_id END)
WHERE s.import_id = $1`, `
UPDATE import_payment_rows s SET currency = coalesce(s.invoice_currency,
    (SELECT c.currency FROM customers c WHERE c.organization_id = $2 AND c.id = s.customer_id),
    (SELECT o.currency FROM organization_profiles o WHERE o.id = $2))
WHERE s.import_id = $1 AND s.currency IS NULL`, `
UPDATE import_payment_rows s SET existing_id = p.id
FROM payments p
WHERE s.import_id = $1 AND s.external_id IS NOT NULL AND p.organization_id = $2 AND p.external_id = s.external_id`, `
UPDATE import_payment_rows s SET existing_id = m.id
FROM (
    SELECT x.line, y.id FROM (
        SELECT line, customer_id, received_on, amount_cents, reference,
               row_number() OVER (PARTITION BY customer_id, received_on, amount_cents, reference ORDER BY line) AS rn
        FROM import_payment_rows WHERE import_id = $1 AND external_id IS NULL AND customer_id IS NOT NULL
    ) x JOIN (
        SELECT id, customer_id, received_on, amount_cents, reference,
               row_number() OVER (PARTITION BY customer_id, received_on, amount_cents, reference ORDER BY created_at, id) AS rn
        FROM payments
        WHERE organization_id = $2 AND customer_id IN (SELECT customer_id FROM import_payment_rows WHERE import_id = $1)
    ) y USING (customer_id, received_on, amount_cents, reference, rn)
) m
WHERE s.import_id = $1 AND s.line = m.line`}

// paymentProblems finds unknown customers and invoices, invoices of another customer or
// currency, external ids repeated in the file, and payments already imported with other values.
const paymentProblems = `
WITH dup_external AS (
    SELECT external_id, min(line) AS first FROM import_payment_rows WHERE import_id = $1 AND external_id IS NOT NULL
    GROUP BY external_id HAVING count(*) > 1
)
SELECT DISTINCT ON (line, field) line, field, message FROM (
    SELECT s.line, CASE WHEN s.customer_external_id IS NOT NULL THEN 'customer_external_id' ELSE 'customer_name' END AS field,
        CASE WHEN s.customer_external_id IS NOT NULL THEN format('No customer has the code %s.', s.customer_external_id)
             ELSE format('No customer is named %s.', s.customer_name) END AS message
    FROM import_payment_rows s
    WHERE s.import_id = $1 AND s.customer_id IS NULL AND (s.customer_external_id IS NOT NULL OR s.customer_name IS NOT NULL)
    UNION ALL
    SELECT s.line, 'invoice_number', format('No invoice is numbered %s.', s.invoice_number)
    FROM import_payment_rows s WHERE s.import_id = $1 AND s.invoice_number IS NOT NULL AND s.invoice_id IS NULL
    UNION ALL
    SELECT s.line, 'invoice_number', format('Invoice %s belongs to another customer.', s.invoice_number)
    FROM import_payment_rows s WHERE s.import_id = $1 AND s.invoice_customer_id <> s.customer_id
    UNION ALL
    SELECT s.line, 'currency', format('Invoice %s is in %s, the payment in %s.', s.invoice_number, s.invoice_currency, s.currency)
    FROM import_payment_rows s WHERE s.import_id = $1 AND s.invoice_currency <> s.currency
    UNION ALL
    SELECT s.line, 'external_id', format('External id %s is already on row %s of this file.', s.external_id, d.first)
    FROM import_payment_rows s JOIN dup_external d USING (external_id)
    WHERE s.import_id = $1 AND s.line <> d.first
    UNION ALL
    SELECT s.line, 'external_id', format('Payment %s is already in Relance with another customer, date, amount or currency.', s.external_id)
    FROM import_payment_rows s JOIN payments p ON p.organization_id = $2 AND p.id = s.existing_id
    WHERE s.import_id = $1 AND s.external_id IS NOT NULL
      AND (p.customer_id, p.received_on, p.amount_cents, p.currency::text) IS DISTINCT FROM
          (s.customer_id, s.received_on, s.amount_cents, s.currency)
) p
ORDER BY line, field`

const countPayments = `
SELECT count(*) FILTER (WHERE existing_id IS NULL), 0, count(*) FILTER (WHERE existing_id IS NOT NULL)
FROM import_payment_rows WHERE import_id = $1`

// insertPayments records the new payments and their activities.
const insertPayments = `
WITH created AS (
    INSERT INTO payments (id, organization_id, customer_id, external_id, received_on, currency, amount_cents, method, reference)
    SELECT new_id, $2, customer_id, external_id, received_on, currency, amount_cents, method, reference
    FROM import_payment_rows WHERE import_id = $1 AND existing_id IS NULL
    RETURNING id
), act AS (
    INSERT INTO activities (id, organization_id, customer_id, invoice_id, kind, actor_user_id, actor_api_key_id, data)
    SELECT s.activity_id, $2, s.customer_id, s.invoice_id, 'payment.imported', $3, $4,
        jsonb_build_object('import_id', $1::uuid, 'payment_id', s.new_id)
    FROM import_payment_rows s WHERE s.import_id = $1 AND s.existing_id IS NULL
)
SELECT coalesce(array_agg(id), '{}') FROM created`

// allocateNamedInvoices settles the invoice a row names, up to its balance, in the order the
// payments were received.
const allocateNamedInvoices = `
WITH ordered AS (
    SELECT s.new_id, s.invoice_id, s.amount_cents, i.balance_cents,
           sum(s.amount_cents) OVER (PARTITION BY s.invoice_id ORDER BY s.received_on, s.line) - s.amount_cents AS before
    FROM import_payment_rows s
    JOIN invoices i ON i.organization_id = $2 AND i.id = s.invoice_id
    WHERE s.import_id = $1 AND s.existing_id IS NULL AND i.status IN ('open', 'partially_paid')
), inserted AS (
    INSERT INTO allocations (id, organization_id, invoice_id, payment_id, amount_cents)
    SELECT gen_random_uuid(), $2, invoice_id, new_id, least(amount_cents, balance_cents - before)
    FROM ordered WHERE balance_cents - before > 0
    RETURNING invoice_id
)
SELECT coalesce(array_agg(DISTINCT invoice_id), '{}') FROM inserted`

// paymentImport stages, checks and merges a payment file.
type paymentImport struct {
	p            *paymentParser
	autoAllocate bool
}

func (k *paymentImport) parser() rowParser { return k.p }

func (k *paymentImport) afterCopy(ctx context.Context, tx pgx.Tx, importID, orgID uuid.UUID) error {
	return execEach(ctx, tx, "resolve payments", resolvePayments, importID, orgID)
}

func (k *paymentImport) problemsSQL() string { return paymentProblems }

func (k *paymentImport) dropRows(ctx context.Context, tx pgx.Tx, importID uuid.UUID, lines []int32) error {
	return exec(ctx, tx, "drop rows", `DELETE FROM import_payment_rows WHERE import_id = $1 AND line = ANY ($2)`, importID, lines)
}

func (k *paymentImport) count(ctx context.Context, tx pgx.Tx, importID, _ uuid.UUID, r *Report) error {
	return wrap("count", tx.QueryRow(ctx, countPayments, importID).Scan(&r.WouldCreate, &r.WouldUpdate, &r.Unchanged))
}

// merge records the payments, settles the invoices they name, then (unless turned off) lets
// the ledger allocate what is left to the customer's open invoices, oldest first.
func (k *paymentImport) merge(ctx context.Context, tx pgx.Tx, a actor, r *Report) error {
	var created, invoices []uuid.UUID
	if err := tx.QueryRow(ctx, insertPayments, a.importID, a.orgID, a.userID, a.apiKeyID).Scan(&created); err != nil {
		return wrap("insert payments", err)
	}
	r.Created = len(created)
	if len(created) == 0 {
		return nil
	}
	if err := tx.QueryRow(ctx, allocateNamedInvoices, a.importID, a.orgID).Scan(&invoices); err != nil {
		return wrap("allocate payments", err)
	}
	if len(invoices) > 0 {
		if err := exec(ctx, tx, "refresh invoices", `SELECT relance_refresh_invoices($1, $2)`, a.orgID, refreshIDs(invoices)); err != nil {
			return err
		}
	}
	if !k.autoAllocate {
		return nil
	}
	return exec(ctx, tx, "allocate payments", `SELECT relance_allocate_payments($1, $2)`, a.orgID, created)
}

func (k *paymentImport) cleanup(ctx context.Context, tx pgx.Tx, importID uuid.UUID) error {
	return exec(ctx, tx, "clean staging", `DELETE FROM import_payment_rows WHERE import_id = $1`, importID)
}
