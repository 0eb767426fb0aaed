-- +goose Up
-- The receivables ledger: customers (debtors) and their contacts, invoices, credit notes,
-- payments and their allocation to invoices, and the timeline of everything that happened.

CREATE TABLE customers (
    id                   uuid PRIMARY KEY,
    organization_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name                 text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
    external_id          text CHECK (external_id <> ''),
    siren                text NOT NULL DEFAULT '',
    siret                text NOT NULL DEFAULT '',
    vat_number           text NOT NULL DEFAULT '',
    -- {line1, line2, postal_code, city, country}; postal_address empty means "same as billing".
    billing_address      jsonb NOT NULL DEFAULT '{}',
    postal_address       jsonb NOT NULL DEFAULT '{}',
    language             text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
    currency             char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    payment_terms_days   integer CHECK (payment_terms_days BETWEEN 0 AND 365),
    segment              text NOT NULL DEFAULT '',
    tags                 text[] NOT NULL DEFAULT '{}',
    credit_limit_cents   bigint CHECK (credit_limit_cents >= 0),
    notes                text NOT NULL DEFAULT '',
    -- The organisation's own people for this customer, told about questions and disputes.
    accounting_owner_id  uuid,
    sales_owner_id       uuid,
    -- Codes of what hurts follow-up (see relance_refresh_customer_quality); maintained in SQL.
    data_problems        text[] NOT NULL DEFAULT '{}',
    archived_at          timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, external_id),
    FOREIGN KEY (organization_id, accounting_owner_id) REFERENCES memberships (organization_id, user_id)
        ON DELETE SET NULL (accounting_owner_id),
    FOREIGN KEY (organization_id, sales_owner_id) REFERENCES memberships (organization_id, user_id)
        ON DELETE SET NULL (sales_owner_id)
);
CREATE INDEX customers_org_name_idx ON customers (organization_id, lower(name));
CREATE INDEX customers_problems_idx ON customers (organization_id) WHERE data_problems <> '{}';

CREATE TABLE contacts (
    id                  uuid PRIMARY KEY,
    organization_id     uuid NOT NULL,
    customer_id         uuid NOT NULL,
    name                text NOT NULL DEFAULT '',
    role                text NOT NULL DEFAULT 'accounting' CHECK (role IN ('accounting', 'sales', 'billing', 'other')),
    email               text NOT NULL DEFAULT '',
    phone               text NOT NULL DEFAULT '',   -- E.164 when valid
    preferred_channel   text NOT NULL DEFAULT 'email' CHECK (preferred_channel IN ('email', 'sms', 'letter', 'phone')),
    receives_reminders  boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX contacts_customer_idx ON contacts (organization_id, customer_id);

CREATE TABLE invoices (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    number           text NOT NULL CHECK (length(btrim(number)) BETWEEN 1 AND 100),
    external_id      text CHECK (external_id <> ''),
    issue_date       date NOT NULL,
    due_date         date NOT NULL CHECK (due_date >= issue_date),
    currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_cents      bigint NOT NULL CHECK (total_cents > 0),
    tax_cents        bigint NOT NULL DEFAULT 0 CHECK (tax_cents >= 0 AND tax_cents <= total_cents),
    -- Maintained by relance_refresh_invoices from allocations: never written by hand.
    balance_cents    bigint NOT NULL CHECK (balance_cents BETWEEN 0 AND total_cents),
    status           text NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'partially_paid', 'paid', 'cancelled', 'written_off')),
    paid_on          date,        -- the day the balance reached zero
    closed_at        timestamptz, -- when cancelled or written off
    pdf_key          text,
    pdf_size         bigint,
    notes            text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, number),
    UNIQUE (organization_id, external_id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX invoices_customer_idx ON invoices (organization_id, customer_id, due_date);
CREATE INDEX invoices_open_due_idx ON invoices (organization_id, due_date) WHERE status IN ('open', 'partially_paid');

CREATE TABLE credit_notes (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    number           text NOT NULL CHECK (length(btrim(number)) BETWEEN 1 AND 100),
    external_id      text CHECK (external_id <> ''),
    issue_date       date NOT NULL,
    currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
    reason           text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, number),
    UNIQUE (organization_id, external_id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX credit_notes_customer_idx ON credit_notes (organization_id, customer_id);

CREATE TABLE payments (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    external_id      text CHECK (external_id <> ''),
    received_on      date NOT NULL,
    currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
    method           text NOT NULL CHECK (method IN ('transfer', 'card', 'sepa_debit', 'check', 'cash', 'other')),
    reference        text NOT NULL DEFAULT '',
    reversed_at      timestamptz,
    reversal_reason  text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, external_id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX payments_customer_idx ON payments (organization_id, customer_id, received_on);

-- What part of a payment or credit note settles what part of an invoice.
CREATE TABLE allocations (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    invoice_id       uuid NOT NULL,
    payment_id       uuid,
    credit_note_id   uuid,
    amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL)),
    FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, payment_id) REFERENCES payments (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, credit_note_id) REFERENCES credit_notes (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX allocations_invoice_idx ON allocations (organization_id, invoice_id);
CREATE INDEX allocations_payment_idx ON allocations (organization_id, payment_id) WHERE payment_id IS NOT NULL;
CREATE INDEX allocations_credit_note_idx ON allocations (organization_id, credit_note_id) WHERE credit_note_id IS NOT NULL;

-- The timeline: every change a person would want to see later.
CREATE TABLE activities (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    customer_id      uuid,
    invoice_id       uuid,
    kind             text NOT NULL,
    actor_user_id    uuid,
    actor_api_key_id uuid,
    data             jsonb NOT NULL DEFAULT '{}',
    occurred_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_customer_idx ON activities (organization_id, customer_id, occurred_at DESC);
CREATE INDEX activities_invoice_idx ON activities (organization_id, invoice_id, occurred_at DESC) WHERE invoice_id IS NOT NULL;

-- +goose StatementBegin
-- Luhn checksum, used by SIREN (9 digits) and SIRET (14 digits).
CREATE FUNCTION relance_luhn(digits text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT digits ~ '^[0-9]+$' AND (
        SELECT sum(CASE WHEN (length(digits) - i) % 2 = 1
                        THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END) % 10 = 0
        FROM (SELECT i, substr(digits, i, 1)::int AS d FROM generate_series(1, length(digits)) AS i) AS x)
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- A VAT number looks right: for France, FR + the key computed from the SIREN + the SIREN.
CREATE FUNCTION relance_vat_valid(vat text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN vat ~ '^FR[0-9]{11}$' THEN
            relance_luhn(substr(vat, 5, 9))
            AND substr(vat, 3, 2)::int = (12 + 3 * (substr(vat, 5, 9)::bigint % 97)) % 97
        WHEN vat ~ '^FR' THEN vat ~ '^FR[0-9A-HJ-NP-Z]{2}[0-9]{9}$'
        ELSE vat ~ '^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{2,12}$'
    END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- Recomputes data_problems of the given customers (all of the organisation when ids is NULL).
-- The ids are joined (unnest), not tested with = ANY, which is slow for long lists.
CREATE FUNCTION relance_refresh_customer_quality(p_org uuid, p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE customers c SET data_problems = ARRAY(
        SELECT code FROM (VALUES
            ('missing_reminder_email', NOT EXISTS (SELECT 1 FROM contacts k WHERE k.organization_id = c.organization_id
                AND k.customer_id = c.id AND k.receives_reminders AND k.email <> '')),
            ('invalid_email', EXISTS (SELECT 1 FROM contacts k WHERE k.organization_id = c.organization_id
                AND k.customer_id = c.id AND k.email <> ''
                AND k.email !~* '^[A-Z0-9._%+''-]+@[A-Z0-9-]+(\.[A-Z0-9-]+)*\.[A-Z]{2,}$')),
            ('missing_phone', NOT EXISTS (SELECT 1 FROM contacts k WHERE k.organization_id = c.organization_id
                AND k.customer_id = c.id AND k.phone <> '')),
            ('missing_postal_address', coalesce(nullif(c.postal_address->>'city', ''), nullif(c.billing_address->>'city', '')) IS NULL
                AND EXISTS (SELECT 1 FROM contacts k WHERE k.organization_id = c.organization_id
                    AND k.customer_id = c.id AND k.receives_reminders AND k.preferred_channel = 'letter')),
            ('missing_company_id', c.siren = '' AND c.siret = '' AND c.vat_number = ''),
            ('invalid_siren', c.siren <> '' AND NOT (c.siren ~ '^[0-9]{9}$' AND relance_luhn(c.siren))),
            ('invalid_siret', c.siret <> '' AND NOT (c.siret ~ '^[0-9]{14}$' AND relance_luhn(c.siret))),
            ('invalid_vat', c.vat_number <> '' AND NOT relance_vat_valid(c.vat_number)),
            ('missing_payment_terms', c.payment_terms_days IS NULL)
        ) AS p (code, hit) WHERE hit)
    FROM (SELECT k.id FROM customers k WHERE p_ids IS NULL AND k.organization_id = p_org
          UNION SELECT unnest(p_ids)) AS ids
    WHERE c.organization_id = p_org AND c.id = ids.id
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- Recomputes balance, status and paid_on of the given invoices (all of the organisation when
-- ids is NULL) from their allocations. Cancelled and written-off invoices keep their status.
CREATE FUNCTION relance_refresh_invoices(p_org uuid, p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
    WITH settled AS (
        SELECT i.id, i.total_cents - coalesce(sum(a.amount_cents), 0) AS balance,
               max(coalesce(p.received_on, cn.issue_date)) AS last_settlement
        FROM (SELECT k.id FROM invoices k WHERE p_ids IS NULL AND k.organization_id = p_org
              UNION SELECT unnest(p_ids)) AS ids
        JOIN invoices i ON i.organization_id = p_org AND i.id = ids.id
        LEFT JOIN allocations a ON a.organization_id = i.organization_id AND a.invoice_id = i.id
        LEFT JOIN payments p ON p.organization_id = a.organization_id AND p.id = a.payment_id
        LEFT JOIN credit_notes cn ON cn.organization_id = a.organization_id AND cn.id = a.credit_note_id
        GROUP BY i.id, i.total_cents
    ), target AS (
        SELECT s.id, s.balance,
               CASE WHEN i.status IN ('cancelled', 'written_off') THEN i.status
                    WHEN s.balance = 0 THEN 'paid'
                    WHEN s.balance < i.total_cents THEN 'partially_paid'
                    ELSE 'open' END AS status,
               CASE WHEN s.balance = 0 THEN s.last_settlement END AS paid_on
        FROM settled s JOIN invoices i ON i.organization_id = p_org AND i.id = s.id
    )
    UPDATE invoices i SET balance_cents = t.balance, status = t.status, paid_on = t.paid_on, updated_at = now()
    FROM target t
    WHERE i.organization_id = p_org AND i.id = t.id
      AND (i.balance_cents, i.status, i.paid_on) IS DISTINCT FROM (t.balance, t.status, t.paid_on)
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION relance_refresh_invoices(uuid, uuid[]);
DROP FUNCTION relance_refresh_customer_quality(uuid, uuid[]);
DROP FUNCTION relance_vat_valid(text);
DROP FUNCTION relance_luhn(text);
DROP TABLE activities;
DROP TABLE allocations;
DROP TABLE payments;
DROP TABLE credit_notes;
DROP TABLE invoices;
DROP TABLE contacts;
DROP TABLE customers;
