package imports

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Every statement below takes $1 = the import's id and $2 = its organisation's id.

// invoiceProblems finds what only the ledger can tell: an external id that belongs to another
// invoice, a total below what was already settled, an unknown customer code without a name to
// create it. (Numbers and external ids repeated in the file are found in Go, as rows stream.)
const invoiceProblems = `
SELECT s.line, 'external_id', format('External id %s belongs to invoice %s.', s.external_id, i.number)
FROM import_invoice_rows s
JOIN invoices i ON i.organization_id = $2 AND i.external_id = s.external_id AND i.number <> s.number
WHERE s.import_id = $1
UNION ALL
SELECT s.line, 'total', format('Invoice %s already has %s settled: the total cannot be less.', s.number,
    to_char((i.total_cents - i.balance_cents) / 100.0, 'FM999999999990.00'))
FROM import_invoice_rows s
JOIN invoices i ON i.organization_id = $2 AND i.number = s.number
WHERE s.import_id = $1 AND s.total_cents < i.total_cents - i.balance_cents
UNION ALL
SELECT s.line, 'customer_external_id',
    format('No customer has the code %s: add a column with its name to create it.', s.customer_external_id)
FROM import_invoice_rows s
JOIN import_customer_keys k ON k.import_id = $1 AND k.customer_key = s.customer_key AND k.is_new AND k.name IS NULL
WHERE s.import_id = $1
ORDER BY 1`

// resolveInvoiceCustomers finds the customers already in the ledger: by code, or, for a row
// without code, by name (case-insensitive; the oldest active one).
const resolveInvoiceCustomers = `
UPDATE import_customer_keys k SET customer_id = found.id, is_new = false
FROM (
    SELECT k2.customer_key, coalesce(
        (SELECT c.id FROM customers c WHERE c.organization_id = $2 AND c.external_id = k2.external_id),
        (SELECT c.id FROM customers c
         WHERE c.organization_id = $2 AND k2.external_id IS NULL AND lower(c.name) = lower(k2.name)
         ORDER BY c.archived_at NULLS FIRST, c.created_at, c.id LIMIT 1)) AS id
    FROM import_customer_keys k2 WHERE k2.import_id = $1
) found
WHERE k.import_id = $1 AND k.customer_key = found.customer_key AND found.id IS NOT NULL`

// dropUnusedCustomerKeys forgets customers named only by rows that were left out.
const dropUnusedCustomerKeys = `
DELETE FROM import_customer_keys k
WHERE k.import_id = $1 AND NOT EXISTS (
    SELECT 1 FROM import_invoice_rows s WHERE s.import_id = $1 AND s.customer_key = k.customer_key)`

// incomingInvoices is each staged row as the invoice it becomes, next to the invoice with the
// same number already in the ledger. A value missing from the file keeps the ledger's; a
// missing due date is the issue date plus the payment terms (the row's, the customer's or 30
// days). changed tells whether an existing invoice differs.
const incomingInvoices = `
SELECT n.*, n.existing_id IS NOT NULL AND (n.old_customer_id, n.old_external_id, n.old_issue_date, n.old_due_date,
        n.old_currency, n.old_total_cents, n.old_tax_cents)
    IS DISTINCT FROM (n.customer_id, n.external_id, n.issue_date, n.due_date, n.currency, n.total_cents, n.tax_cents) AS changed
FROM (
    SELECT s.line, s.new_id, s.activity_id, s.number, k.customer_id, i.id AS existing_id,
           coalesce(s.external_id, i.external_id) AS external_id,
           s.issue_date,
           greatest(s.issue_date, coalesce(s.due_date, s.issue_date + s.payment_terms_days, i.due_date,
               s.issue_date + c.payment_terms_days, s.issue_date + 30)) AS due_date,
           coalesce(s.currency, i.currency::text, c.currency::text, o.currency::text) AS currency,
           s.total_cents,
           coalesce(s.tax_cents, i.tax_cents, 0) AS tax_cents,
           i.customer_id AS old_customer_id, i.external_id AS old_external_id, i.issue_date AS old_issue_date,
           i.due_date AS old_due_date, i.currency::text AS old_currency, i.total_cents AS old_total_cents,
           i.tax_cents AS old_tax_cents
    FROM import_invoice_rows s
    JOIN import_customer_keys k ON k.import_id = $1 AND k.customer_key = s.customer_key
    JOIN organization_profiles o ON o.id = $2
    LEFT JOIN customers c ON c.organization_id = $2 AND c.id = k.customer_id
    LEFT JOIN invoices i ON i.organization_id = $2 AND i.number = s.number
    WHERE s.import_id = $1
) n`

const countInvoices = `
SELECT count(*) FILTER (WHERE existing_id IS NULL),
       count(*) FILTER (WHERE changed),
       count(*) FILTER (WHERE existing_id IS NOT NULL AND NOT changed),
       (SELECT count(*) FROM import_customer_keys WHERE import_id = $1 AND is_new)
FROM (` + incomingInvoices + `) n`

// createInvoiceCustomers creates the customers the file names that the ledger lacks.
const createInvoiceCustomers = `
WITH created AS (
    INSERT INTO customers (id, organization_id, name, external_id, currency)
    SELECT k.customer_id, $2, k.name, k.external_id, o.currency
    FROM import_customer_keys k JOIN organization_profiles o ON o.id = $2
    WHERE k.import_id = $1 AND k.is_new
    RETURNING id
), act AS (
    INSERT INTO activities (id, organization_id, customer_id, kind, actor_user_id, actor_api_key_id, data)
    SELECT id, $2, id, 'customer.imported', $3, $4, jsonb_build_object('import_id', $1::uuid, 'created', true)
    FROM created
)
SELECT coalesce(array_agg(id), '{}') FROM created`

// mergeInvoices inserts the new invoices and updates those that differ (the balance keeps
// what was already settled), and records one activity per invoice written.
const mergeInvoices = `
WITH n AS (` + incomingInvoices + `
), up AS (
    INSERT INTO invoices AS i (id, organization_id, customer_id, number, external_id, issue_date, due_date,
        currency, total_cents, tax_cents, balance_cents)
    SELECT n.new_id, $2, n.customer_id, n.number, n.external_id, n.issue_date, n.due_date,
        n.currency, n.total_cents, n.tax_cents, n.total_cents
    FROM n WHERE n.existing_id IS NULL OR n.changed
    ON CONFLICT (organization_id, number) DO UPDATE SET
        customer_id = excluded.customer_id, external_id = excluded.external_id,
        issue_date = excluded.issue_date, due_date = excluded.due_date, currency = excluded.currency,
        total_cents = excluded.total_cents, tax_cents = excluded.tax_cents,
        balance_cents = excluded.total_cents - (i.total_cents - i.balance_cents), updated_at = now()
    WHERE (i.customer_id, i.external_id, i.issue_date, i.due_date, i.currency, i.total_cents, i.tax_cents)
        IS DISTINCT FROM (excluded.customer_id, excluded.external_id, excluded.issue_date, excluded.due_date,
            excluded.currency, excluded.total_cents, excluded.tax_cents)
    RETURNING i.id, i.number, i.customer_id, (i.xmax = 0) AS created
), act AS (
    INSERT INTO activities (id, organization_id, customer_id, invoice_id, kind, actor_user_id, actor_api_key_id, data)
    SELECT n.activity_id, $2, up.customer_id, up.id, 'invoice.imported', $3, $4,
        CASE WHEN up.created THEN $5::jsonb ELSE $6::jsonb END
    FROM up JOIN n ON n.number = up.number
)
SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created),
       coalesce(array_agg(id) FILTER (WHERE NOT created), '{}')
FROM up`

// activityData is the data of the activity recorded for a row an import created or updated.
func activityData(importID uuid.UUID, created bool) map[string]any {
	return map[string]any{"import_id": importID, "created": created}
}

// invoiceImport stages, checks and merges an invoice file.
type invoiceImport struct{ p *invoiceParser }

func (k *invoiceImport) parser() rowParser { return k.p }

// afterCopy stages the customers the rows name and resolves those the ledger has.
func (k *invoiceImport) afterCopy(ctx context.Context, tx pgx.Tx, importID, _ uuid.UUID) error {
	rows := make([][]any, len(k.p.keys))
	for i, c := range k.p.keys {
		rows[i] = []any{[16]byte(importID), c.key, c.id, true, nilIfEmpty(c.externalID), nilIfEmpty(c.name), c.line}
	}
	start := time.Now()
	defer timing(ctx, "stage customers", start)
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"import_customer_keys"},
		[]string{"import_id", "customer_key", "customer_id", "is_new", "external_id", "name", "first_line"},
		pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("imports: stage customers: %w", err)
	}
	return exec(ctx, tx, "resolve customers", resolveInvoiceCustomers, importID, k.p.orgID)
}

func (k *invoiceImport) problemsSQL() string { return invoiceProblems }

func (k *invoiceImport) dropRows(ctx context.Context, tx pgx.Tx, importID uuid.UUID, lines []int32) error {
	if err := exec(ctx, tx, "drop rows", `DELETE FROM import_invoice_rows WHERE import_id = $1 AND line = ANY ($2)`,
		importID, lines); err != nil {
		return err
	}
	return exec(ctx, tx, "drop customers", dropUnusedCustomerKeys, importID)
}

func (k *invoiceImport) count(ctx context.Context, tx pgx.Tx, importID, orgID uuid.UUID, r *Report) error {
	var create, update, same, customers int
	err := tx.QueryRow(ctx, countInvoices, importID, orgID).Scan(&create, &update, &same, &customers)
	r.WouldCreate, r.WouldUpdate, r.Unchanged, r.CustomersCreated = create, update, same, customers
	return wrap("count", err)
}

func (k *invoiceImport) merge(ctx context.Context, tx pgx.Tx, a actor, r *Report) error {
	var customerIDs, updatedIDs []uuid.UUID
	start := time.Now()
	if err := tx.QueryRow(ctx, createInvoiceCustomers, a.importID, a.orgID, a.userID, a.apiKeyID).
		Scan(&customerIDs); err != nil {
		return wrap("create customers", err)
	}
	timing(ctx, "create customers", start)
	start = time.Now()
	r.CustomersCreated = len(customerIDs)
	created, updated := activityData(a.importID, true), activityData(a.importID, false)
	if err := tx.QueryRow(ctx, mergeInvoices, a.importID, a.orgID, a.userID, a.apiKeyID, created, updated).
		Scan(&r.Created, &r.Updated, &updatedIDs); err != nil {
		return wrap("merge invoices", err)
	}
	timing(ctx, "merge invoices", start)
	// A created invoice has no settlement yet: its balance is its total, as inserted. Only the
	// updated ones can need their balance and status recomputed.
	if len(updatedIDs) > 0 {
		if err := exec(ctx, tx, "refresh invoices", `SELECT relance_refresh_invoices($1, $2)`, a.orgID, refreshIDs(updatedIDs)); err != nil {
			return err
		}
	}
	if len(customerIDs) > 0 {
		return exec(ctx, tx, "refresh customers", `SELECT relance_refresh_customer_quality($1, $2)`, a.orgID, refreshIDs(customerIDs))
	}
	return nil
}

func (k *invoiceImport) cleanup(ctx context.Context, tx pgx.Tx, importID uuid.UUID) error {
	if err := exec(ctx, tx, "clean staging", `DELETE FROM import_invoice_rows WHERE import_id = $1`, importID); err != nil {
		return err
	}
	return exec(ctx, tx, "clean staging", `DELETE FROM import_customer_keys WHERE import_id = $1`, importID)
}
