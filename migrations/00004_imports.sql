-- +goose Up
-- Imports of customers, invoices and payments from CSV and XLSX files: one row per uploaded
-- file, with its mapping, options, progress and report; and UNLOGGED staging tables that the
-- import job fills with COPY before merging set-based into the ledger (rows are deleted when
-- the job ends; being UNLOGGED, they are not written to the WAL and vanish after a crash).

CREATE TABLE imports (
    id                  uuid PRIMARY KEY,
    organization_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind                text NOT NULL CHECK (kind IN ('customers', 'invoices', 'payments')),
    filename            text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    format              text NOT NULL CHECK (format IN ('csv', 'xlsx')),
    size_bytes          bigint NOT NULL CHECK (size_bytes >= 0),
    blob_key            text NOT NULL,
    status              text NOT NULL DEFAULT 'uploaded'
                        CHECK (status IN ('uploaded', 'validating', 'validated', 'importing', 'done', 'failed')),
    -- {target field: column header}
    mapping             jsonb NOT NULL DEFAULT '{}',
    -- {date_format, decimal_comma, encoding, separator, sheet, auto_allocate}
    options             jsonb NOT NULL DEFAULT '{}',
    -- {format, encoding, separator, sheet, sheets, headers, sample, date_format, decimal_comma}
    detected            jsonb NOT NULL DEFAULT '{}',
    all_or_nothing      boolean NOT NULL DEFAULT true,
    total_rows          integer NOT NULL DEFAULT 0,
    processed_rows      integer NOT NULL DEFAULT 0,
    error_rows          integer NOT NULL DEFAULT 0,
    report              jsonb,
    failure             text NOT NULL DEFAULT '',
    created_by          uuid REFERENCES users (id) ON DELETE SET NULL,
    created_by_api_key  uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    UNIQUE (organization_id, id)
);
CREATE INDEX imports_org_created_idx ON imports (organization_id, created_at DESC);

-- Staging: no index and no constraint, so that COPY is as fast as it can be. Values are already
-- parsed and checked row by row in Go; NULL means "not in the file" (keep what the ledger has).
CREATE UNLOGGED TABLE import_customer_rows (
    import_id           uuid NOT NULL,
    line                integer NOT NULL,
    new_id              uuid NOT NULL,   -- the customer's id if it is created
    contact_id          uuid NOT NULL,   -- the contact's id if one is created
    activity_id         uuid NOT NULL,
    name                text NOT NULL,
    external_id         text,
    siren               text,
    siret               text,
    vat_number          text,
    address             jsonb,           -- {line1, line2, postal_code, city, country}, present keys only
    language            text,
    currency            text,
    payment_terms_days  integer,
    segment             text,
    contact_name        text,
    contact_email       text,
    contact_phone       text,
    -- Set in SQL: the customer and contact the row updates (NULL: created), and what changes.
    target_id           uuid,
    contact_target_id   uuid,
    customer_changed    boolean,
    contact_changed     boolean
);

CREATE UNLOGGED TABLE import_invoice_rows (
    import_id             uuid NOT NULL,
    line                  integer NOT NULL,
    new_id                uuid NOT NULL,   -- the invoice's id if it is created
    activity_id           uuid NOT NULL,
    number                text NOT NULL,
    external_id           text,
    customer_key          text NOT NULL,   -- 'e:' || external id, or 'n:' || lower(name)
    customer_external_id  text,
    customer_name         text,
    new_customer_id       uuid NOT NULL,   -- one per customer_key: the id if the customer is created
    issue_date            date NOT NULL,
    due_date              date,
    payment_terms_days    integer,
    currency              text,
    total_cents           bigint NOT NULL,
    tax_cents             bigint
);

CREATE UNLOGGED TABLE import_payment_rows (
    import_id             uuid NOT NULL,
    line                  integer NOT NULL,
    new_id                uuid NOT NULL,
    activity_id           uuid NOT NULL,
    customer_external_id  text,
    customer_name         text,
    invoice_number        text,
    external_id           text,
    received_on           date NOT NULL,
    currency              text,
    amount_cents          bigint NOT NULL,
    method                text NOT NULL,
    reference             text NOT NULL,
    -- Set in SQL: the customer, the invoice to settle, and the payment already in the ledger.
    customer_id           uuid,
    invoice_id            uuid,
    invoice_customer_id   uuid,
    invoice_currency      text,
    existing_id           uuid
);

-- The customers an invoice import refers to, resolved once per distinct key.
CREATE UNLOGGED TABLE import_customer_keys (
    import_id     uuid NOT NULL,
    customer_key  text NOT NULL,
    customer_id   uuid NOT NULL,
    is_new        boolean NOT NULL,
    external_id   text,
    name          text,
    first_line    integer NOT NULL
);

-- +goose Down
DROP TABLE import_customer_keys;
DROP TABLE import_payment_rows;
DROP TABLE import_invoice_rows;
DROP TABLE import_customer_rows;
DROP TABLE imports;
