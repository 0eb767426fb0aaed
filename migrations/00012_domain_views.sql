-- +goose Up
-- Each domain owns its tables (docs/architecture.md, "Domains and the tables they own"). What
-- another domain may read of them without calling the owner's Go functions, the owner publishes
-- here as a view with the columns it stands by: the owner may change its tables as long as its
-- views keep their columns and meaning. Plain views: Postgres inlines them into the reader's
-- query, so a read through a view costs what the same read of the tables did. Read only, but
-- for timeline_entries, the ledger's door for appending to the timeline in one's own statement.

-- Published by internal/auth.

CREATE VIEW organization_profiles AS
    SELECT id, name, locale, timezone, currency, country FROM organizations;

CREATE VIEW user_names AS
    SELECT id, name, email, locale FROM users;

-- A member of an organisation, with what others need to write to them.
CREATE VIEW member_profiles AS
    SELECT m.organization_id, m.user_id, m.role, u.name, u.email, u.locale
      FROM memberships m JOIN users u ON u.id = m.user_id;

CREATE VIEW api_key_names AS
    SELECT organization_id, id, name FROM api_keys;

-- Published by internal/ledger.

CREATE VIEW ledger_customers AS
    SELECT id, organization_id, name, external_id, siren, siret, vat_number, billing_address, postal_address,
           language, currency, payment_terms_days, segment, tags, credit_limit_cents, notes,
           accounting_owner_id, sales_owner_id, data_problems, archived_at, created_at, updated_at
      FROM customers;

CREATE VIEW ledger_contacts AS
    SELECT id, organization_id, customer_id, name, role, email, phone, preferred_channel, receives_reminders,
           created_at, updated_at
      FROM contacts;

-- balance_cents, status and paid_on are derived from the allocations (relance_refresh_invoices).
CREATE VIEW ledger_invoices AS
    SELECT id, organization_id, customer_id, number, external_id, issue_date, due_date, currency, total_cents,
           tax_cents, balance_cents, status, paid_on, closed_at, pdf_key, pdf_size, notes, created_at, updated_at
      FROM invoices;

CREATE VIEW ledger_payments AS
    SELECT id, organization_id, customer_id, external_id, received_on, currency, amount_cents, method, reference,
           reversed_at, reversal_reason, created_at
      FROM payments;

CREATE VIEW ledger_credit_notes AS
    SELECT id, organization_id, customer_id, number, external_id, issue_date, currency, amount_cents, reason, created_at
      FROM credit_notes;

CREATE VIEW ledger_allocations AS
    SELECT id, organization_id, invoice_id, payment_id, credit_note_id, amount_cents, created_at
      FROM allocations;

-- The timeline, for reading and for appending an entry inside another statement (a CTE that
-- changes one's own rows and notes it on the timeline at once). Entries are never changed.
CREATE VIEW timeline_entries AS
    SELECT id, organization_id, customer_id, invoice_id, kind, actor_user_id, actor_api_key_id, data, occurred_at
      FROM activities;

-- Published by internal/dunning.

CREATE VIEW dunning_disputes AS
    SELECT id, organization_id, customer_id, reason, comment, source, status, resolution, opened_at, resolved_at,
           attachment_key, attachment_name, link_id
      FROM disputes;

CREATE VIEW dunning_dispute_invoices AS
    SELECT organization_id, dispute_id, invoice_id FROM dispute_invoices;

CREATE VIEW dunning_promises AS
    SELECT id, organization_id, customer_id, promised_on, method, source, status, created_at, closed_at, link_id
      FROM promises;

CREATE VIEW dunning_promise_invoices AS
    SELECT organization_id, promise_id, invoice_id FROM promise_invoices;

-- What the debtor page shows of an organisation's follow-up: where answers go, late-payment
-- penalties.
CREATE VIEW dunning_terms AS
    SELECT organization_id, reply_to, promise_grace_days, show_penalties, ecb_rate, legal_rate, contract_rate,
           indemnity_cents
      FROM dunning_settings;

-- Published by internal/payments.

-- Invoices a debit started on the debtor page is paying (the money is on its way): no reminder.
CREATE VIEW invoices_being_paid AS
    SELECT organization_id, unnest(invoice_ids) AS invoice_id FROM checkout_sessions WHERE status = 'processing';

-- +goose Down
DROP VIEW invoices_being_paid;
DROP VIEW dunning_terms;
DROP VIEW dunning_promise_invoices;
DROP VIEW dunning_promises;
DROP VIEW dunning_dispute_invoices;
DROP VIEW dunning_disputes;
DROP VIEW timeline_entries;
DROP VIEW ledger_allocations;
DROP VIEW ledger_credit_notes;
DROP VIEW ledger_payments;
DROP VIEW ledger_invoices;
DROP VIEW ledger_contacts;
DROP VIEW ledger_customers;
DROP VIEW api_key_names;
DROP VIEW member_profiles;
DROP VIEW user_names;
DROP VIEW organization_profiles;
