package imports

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// resolveCustomers finds the customer each row updates: the one with its code, or else one
// with its name (case-insensitive) whose code does not contradict the row's.
const resolveCustomers = `
UPDATE import_customer_rows s SET target_id = coalesce(
    (SELECT c.id FROM customers c WHERE c.organization_id = $2 AND c.external_id = s.external_id),
    (SELECT c.id FROM customers c
     WHERE c.organization_id = $2 AND lower(c.name) = lower(s.name) AND (s.external_id IS NULL OR c.external_id IS NULL)
     ORDER BY c.archived_at NULLS FIRST, c.created_at, c.id LIMIT 1))
WHERE s.import_id = $1`

// resolveContacts finds the contact a row updates on an existing customer: same email, else
// same name, else same phone.
const resolveContacts = `
UPDATE import_customer_rows s SET contact_target_id = (
    SELECT k.id FROM contacts k
    WHERE k.organization_id = $2 AND k.customer_id = s.target_id AND CASE
        WHEN s.contact_email IS NOT NULL THEN lower(k.email) = lower(s.contact_email)
        WHEN s.contact_name IS NOT NULL THEN lower(k.name) = lower(s.contact_name)
        ELSE k.phone = s.contact_phone END
    ORDER BY k.created_at, k.id LIMIT 1)
WHERE s.import_id = $1 AND s.target_id IS NOT NULL
  AND (s.contact_email IS NOT NULL OR s.contact_name IS NOT NULL OR s.contact_phone IS NOT NULL)`

// markCustomerChanges tells, for each row of an existing customer, whether the customer or
// its contact would change. A value missing from the file keeps the ledger's.
const markCustomerChanges = `
UPDATE import_customer_rows s SET customer_changed = x.customer_changed, contact_changed = x.contact_changed
FROM (
    SELECT s2.line,
        (c.name, c.external_id, c.siren, c.siret, c.vat_number, c.billing_address, c.language, c.currency::text,
         c.payment_terms_days, c.segment)
        IS DISTINCT FROM
        (s2.name, coalesce(s2.external_id, c.external_id), coalesce(s2.siren, c.siren), coalesce(s2.siret, c.siret),
         coalesce(s2.vat_number, c.vat_number), c.billing_address || coalesce(s2.address, '{}'),
         coalesce(s2.language, c.language), coalesce(s2.currency, c.currency::text),
         coalesce(s2.payment_terms_days, c.payment_terms_days), coalesce(s2.segment, c.segment)) AS customer_changed,
        CASE WHEN k.id IS NULL THEN s2.contact_email IS NOT NULL OR s2.contact_name IS NOT NULL OR s2.contact_phone IS NOT NULL
             ELSE (k.name, k.email, k.phone) IS DISTINCT FROM
                  (coalesce(s2.contact_name, k.name), coalesce(s2.contact_email, k.email), coalesce(s2.contact_phone, k.phone))
        END AS contact_changed
    FROM import_customer_rows s2
    JOIN customers c ON c.organization_id = $2 AND c.id = s2.target_id
    LEFT JOIN contacts k ON k.organization_id = $2 AND k.id = s2.contact_target_id
    WHERE s2.import_id = $1
) x
WHERE s.import_id = $1 AND s.line = x.line`

// customerProblems finds codes repeated in the file, and rows that would update the same
// customer or create the same one twice.
const customerProblems = `
WITH dup_external AS (
    SELECT external_id, min(line) AS first FROM import_customer_rows WHERE import_id = $1 AND external_id IS NOT NULL
    GROUP BY external_id HAVING count(*) > 1
), dup_target AS (
    SELECT s.target_id, min(s.line) AS first FROM import_customer_rows s
    JOIN customers c ON c.organization_id = $2 AND c.id = s.target_id
    WHERE s.import_id = $1
    GROUP BY s.target_id HAVING count(*) > 1
), dup_name AS (
    SELECT lower(name) AS name, min(line) AS first FROM import_customer_rows
    WHERE import_id = $1 AND target_id IS NULL AND external_id IS NULL
    GROUP BY lower(name) HAVING count(*) > 1
)
SELECT DISTINCT ON (line) line, field, message FROM (
    SELECT s.line, 'external_id' AS field, format('Customer code %s is already on row %s of this file.', s.external_id, d.first) AS message
    FROM import_customer_rows s JOIN dup_external d USING (external_id)
    WHERE s.import_id = $1 AND s.line <> d.first
    UNION ALL
    SELECT s.line, 'name', format('Row %s of this file already updates this customer.', d.first)
    FROM import_customer_rows s JOIN dup_target d USING (target_id)
    WHERE s.import_id = $1 AND s.line <> d.first
    UNION ALL
    SELECT s.line, 'name', format('Customer %s is already on row %s of this file: give each a customer code.', s.name, d.first)
    FROM import_customer_rows s JOIN dup_name d ON d.name = lower(s.name)
    WHERE s.import_id = $1 AND s.target_id IS NULL AND s.external_id IS NULL AND s.line <> d.first
) p
ORDER BY line`

const countCustomers = `
SELECT count(*) FILTER (WHERE target_id IS NULL),
       count(*) FILTER (WHERE target_id IS NOT NULL AND (customer_changed OR contact_changed)),
       count(*) FILTER (WHERE target_id IS NOT NULL AND NOT (customer_changed OR contact_changed))
FROM import_customer_rows WHERE import_id = $1`

const insertCustomers = `
INSERT INTO customers (id, organization_id, name, external_id, siren, siret, vat_number, billing_address,
    language, currency, payment_terms_days, segment)
SELECT s.new_id, $2, s.name, s.external_id, coalesce(s.siren, ''), coalesce(s.siret, ''), coalesce(s.vat_number, ''),
    coalesce(s.address, '{}'), coalesce(s.language, o.locale), coalesce(s.currency, o.currency::text),
    s.payment_terms_days, coalesce(s.segment, '')
FROM import_customer_rows s JOIN organization_profiles o ON o.id = $2
WHERE s.import_id = $1 AND s.target_id IS NULL`

const updateCustomers = `
UPDATE customers c SET name = s.name, external_id = coalesce(s.external_id, c.external_id),
    siren = coalesce(s.siren, c.siren), siret = coalesce(s.siret, c.siret), vat_number = coalesce(s.vat_number, c.vat_number),
    billing_address = c.billing_address || coalesce(s.address, '{}'), language = coalesce(s.language, c.language),
    currency = coalesce(s.currency, c.currency::text), payment_terms_days = coalesce(s.payment_terms_days, c.payment_terms_days),
    segment = coalesce(s.segment, c.segment), updated_at = now()
FROM import_customer_rows s
WHERE s.import_id = $1 AND s.customer_changed AND c.organization_id = $2 AND c.id = s.target_id`

const updateContacts = `
UPDATE contacts k SET name = coalesce(s.contact_name, k.name), email = coalesce(s.contact_email, k.email),
    phone = coalesce(s.contact_phone, k.phone), updated_at = now()
FROM import_customer_rows s
WHERE s.import_id = $1 AND s.contact_changed AND k.organization_id = $2 AND k.id = s.contact_target_id`

const insertContacts = `
INSERT INTO contacts (id, organization_id, customer_id, name, email, phone)
SELECT s.contact_id, $2, coalesce(s.target_id, s.new_id), coalesce(s.contact_name, ''), coalesce(s.contact_email, ''),
    coalesce(s.contact_phone, '')
FROM import_customer_rows s
WHERE s.import_id = $1 AND s.contact_target_id IS NULL
  AND (s.contact_email IS NOT NULL OR s.contact_name IS NOT NULL OR s.contact_phone IS NOT NULL)`

// recordCustomers adds one activity per customer created or changed and returns them.
const recordCustomers = `
WITH t AS (
    SELECT coalesce(target_id, new_id) AS id, target_id IS NULL AS created, activity_id
    FROM import_customer_rows
    WHERE import_id = $1 AND (target_id IS NULL OR customer_changed OR contact_changed)
), act AS (
    INSERT INTO activities (id, organization_id, customer_id, kind, actor_user_id, actor_api_key_id, data)
    SELECT activity_id, $2, id, 'customer.imported', $3, $4, jsonb_build_object('import_id', $1::uuid, 'created', created)
    FROM t
)
SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created), coalesce(array_agg(id), '{}') FROM t`

// customerImport stages, checks and merges a customer file.
type customerImport struct{ p *customerParser }

func (k *customerImport) parser() rowParser { return k.p }

func (k *customerImport) afterCopy(ctx context.Context, tx pgx.Tx, importID, orgID uuid.UUID) error {
	return execEach(ctx, tx, "resolve customers", []string{resolveCustomers, resolveContacts, markCustomerChanges}, importID, orgID)
}

func (k *customerImport) problemsSQL() string { return customerProblems }

func (k *customerImport) dropRows(ctx context.Context, tx pgx.Tx, importID uuid.UUID, lines []int32) error {
	return exec(ctx, tx, "drop rows", `DELETE FROM import_customer_rows WHERE import_id = $1 AND line = ANY ($2)`, importID, lines)
}

func (k *customerImport) count(ctx context.Context, tx pgx.Tx, importID, _ uuid.UUID, r *Report) error {
	return wrap("count", tx.QueryRow(ctx, countCustomers, importID).Scan(&r.WouldCreate, &r.WouldUpdate, &r.Unchanged))
}

func (k *customerImport) merge(ctx context.Context, tx pgx.Tx, a actor, r *Report) error {
	merges := []string{insertCustomers, updateCustomers, updateContacts, insertContacts}
	if err := execEach(ctx, tx, "merge customers", merges, a.importID, a.orgID); err != nil {
		return err
	}
	var touched []uuid.UUID
	if err := tx.QueryRow(ctx, recordCustomers, a.importID, a.orgID, a.userID, a.apiKeyID).
		Scan(&r.Created, &r.Updated, &touched); err != nil {
		return wrap("record customers", err)
	}
	if len(touched) == 0 {
		return nil
	}
	return exec(ctx, tx, "refresh customers", `SELECT relance_refresh_customer_quality($1, $2)`, a.orgID, refreshIDs(touched))
}

func (k *customerImport) cleanup(ctx context.Context, tx pgx.Tx, importID uuid.UUID) error {
	return exec(ctx, tx, "clean staging", `DELETE FROM import_customer_rows WHERE import_id = $1`, importID)
}
