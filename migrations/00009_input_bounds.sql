-- +goose Up
-- Backstops for the bounds the domains check first (internal/platform/money and the request
-- limits in api/input.go): no amount past 10^13 minor units, so that no sum of them overflows a
-- bigint, and no identifier longer than its index can hold. NOT VALID: rows stored before are
-- left as they are (they would block the migration); every new or changed row is checked.
ALTER TABLE invoices ADD CONSTRAINT invoices_total_cents_bound CHECK (total_cents <= 10000000000000) NOT VALID;
ALTER TABLE credit_notes ADD CONSTRAINT credit_notes_amount_cents_bound CHECK (amount_cents <= 10000000000000) NOT VALID;
ALTER TABLE payments ADD CONSTRAINT payments_amount_cents_bound CHECK (amount_cents <= 10000000000000) NOT VALID;
ALTER TABLE allocations ADD CONSTRAINT allocations_amount_cents_bound CHECK (amount_cents <= 10000000000000) NOT VALID;
ALTER TABLE customers ADD CONSTRAINT customers_credit_limit_cents_bound CHECK (credit_limit_cents <= 10000000000000) NOT VALID;
ALTER TABLE scenario_steps ADD CONSTRAINT scenario_steps_min_overdue_cents_bound CHECK (min_overdue_cents <= 10000000000000) NOT VALID;
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_amount_cents_bound CHECK (amount_cents <= 10000000000000) NOT VALID;

ALTER TABLE customers ADD CONSTRAINT customers_external_id_length CHECK (length(external_id) <= 100) NOT VALID;
ALTER TABLE invoices ADD CONSTRAINT invoices_external_id_length CHECK (length(external_id) <= 100) NOT VALID;
ALTER TABLE credit_notes ADD CONSTRAINT credit_notes_external_id_length CHECK (length(external_id) <= 100) NOT VALID;
ALTER TABLE payments ADD CONSTRAINT payments_external_id_length CHECK (length(external_id) <= 100) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_email_length CHECK (length(email) <= 254) NOT VALID;

-- +goose Down
ALTER TABLE users DROP CONSTRAINT users_email_length;
ALTER TABLE payments DROP CONSTRAINT payments_external_id_length;
ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_external_id_length;
ALTER TABLE invoices DROP CONSTRAINT invoices_external_id_length;
ALTER TABLE customers DROP CONSTRAINT customers_external_id_length;
ALTER TABLE checkout_sessions DROP CONSTRAINT checkout_sessions_amount_cents_bound;
ALTER TABLE scenario_steps DROP CONSTRAINT scenario_steps_min_overdue_cents_bound;
ALTER TABLE customers DROP CONSTRAINT customers_credit_limit_cents_bound;
ALTER TABLE allocations DROP CONSTRAINT allocations_amount_cents_bound;
ALTER TABLE payments DROP CONSTRAINT payments_amount_cents_bound;
ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_amount_cents_bound;
ALTER TABLE invoices DROP CONSTRAINT invoices_total_cents_bound;
