-- +goose Up
-- The debtor page: personal links sent in reminders, the organisation's page settings, what
-- debtors tell us there (questions, bank-detail changes; disputes and promises live in the
-- dunning tables with source 'portal'), and online payments through Stripe.

-- A link is bound to one customer and the contact it was sent to; only its hash is kept.
CREATE TABLE portal_links (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    contact_email    text NOT NULL DEFAULT '',
    token_hash       bytea NOT NULL UNIQUE,
    source           text NOT NULL DEFAULT 'staff' CHECK (source IN ('reminder', 'staff', 'resend')),
    action_id        uuid,              -- the reminder that carried it
    created_by       uuid,              -- the staff member who made it
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    revoked_at       timestamptz,
    first_visited_at timestamptz,
    last_visited_at  timestamptz,
    visit_count      integer NOT NULL DEFAULT 0,
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX portal_links_customer_idx ON portal_links (organization_id, customer_id, created_at DESC);

-- Unknown or expired tokens, counted per client address to slow down guessing.
CREATE TABLE portal_failures (
    key        text NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_failures_key_idx ON portal_failures (key, failed_at);

CREATE TABLE portal_settings (
    organization_id      uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    link_lifetime_days   integer NOT NULL DEFAULT 90 CHECK (link_lifetime_days BETWEEN 1 AND 730),
    promise_horizon_days integer NOT NULL DEFAULT 30 CHECK (promise_horizon_days BETWEEN 1 AND 365),
    brand_color          text NOT NULL DEFAULT '#1c7ed6' CHECK (brand_color ~ '^#[0-9a-fA-F]{6}$'),
    logo_key             text,
    creditor_iban        text NOT NULL DEFAULT '',
    creditor_bic         text NOT NULL DEFAULT '',
    payment_methods      text[] NOT NULL DEFAULT '{card,sepa_debit}',
    contact_phone        text NOT NULL DEFAULT '',
    contact_email        text NOT NULL DEFAULT '',
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE portal_questions (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    link_id          uuid,
    invoice_id       uuid,
    message          text NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
    attachment_key   text,
    attachment_name  text,
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
    answer           text NOT NULL DEFAULT '',
    answered_by      uuid,
    answered_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX portal_questions_org_idx ON portal_questions (organization_id, status, created_at DESC);

ALTER TABLE disputes ADD COLUMN attachment_key text, ADD COLUMN attachment_name text, ADD COLUMN link_id uuid;
ALTER TABLE promises ADD COLUMN link_id uuid;
CREATE INDEX disputes_org_idx ON disputes (organization_id, status, opened_at DESC);
CREATE INDEX promises_org_idx ON promises (organization_id, status, promised_on);

-- The accounts debtors pay from. A change made on the page waits for staff confirmation
-- (bank-detail changes are a classic fraud path).
CREATE TABLE bank_detail_changes (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    link_id          uuid,
    holder           text NOT NULL DEFAULT '',
    iban             text NOT NULL,
    bic              text NOT NULL DEFAULT '',
    country          char(2) NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
    decided_by       uuid,
    decided_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX bank_detail_changes_org_idx ON bank_detail_changes (organization_id, status, created_at DESC);

CREATE TABLE customer_bank_accounts (
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    holder           text NOT NULL DEFAULT '',
    iban             text NOT NULL,
    bic              text NOT NULL DEFAULT '',
    country          char(2) NOT NULL,
    confirmed_at     timestamptz NOT NULL,
    change_id        uuid NOT NULL,
    PRIMARY KEY (organization_id, customer_id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);

-- Stripe Checkout Sessions opened from the page, and the webhook events handled (each once).
CREATE TABLE checkout_sessions (
    id               text PRIMARY KEY,   -- Stripe's cs_… id
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    link_id          uuid,
    invoice_ids      uuid[] NOT NULL,
    amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
    currency         char(3) NOT NULL,
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'processing', 'paid', 'failed', 'expired')),
    payment_id       uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX checkout_sessions_customer_idx ON checkout_sessions (organization_id, customer_id, created_at DESC);

CREATE TABLE stripe_events (
    id           text PRIMARY KEY,   -- evt_…: an event is handled once, however often it is sent
    type         text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE stripe_events;
DROP TABLE checkout_sessions;
DROP TABLE customer_bank_accounts;
DROP TABLE bank_detail_changes;
DROP INDEX promises_org_idx;
DROP INDEX disputes_org_idx;
ALTER TABLE promises DROP COLUMN link_id;
ALTER TABLE disputes DROP COLUMN attachment_key, DROP COLUMN attachment_name, DROP COLUMN link_id;
DROP TABLE portal_questions;
DROP TABLE portal_settings;
DROP TABLE portal_failures;
DROP TABLE portal_links;
