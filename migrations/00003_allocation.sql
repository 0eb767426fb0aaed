-- +goose Up
-- +goose StatementBegin
-- Allocates the unallocated part of each given payment to the open invoices of its customer in
-- the same currency: first an invoice whose number appears in the payment's reference, then the
-- oldest due first. Whatever is left stays on the customer as unallocated credit.
CREATE FUNCTION relance_allocate_payments(p_org uuid, p_payment_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    pay record;
    inv record;
    remaining bigint;
    take bigint;
BEGIN
    FOR pay IN
        SELECT p.id, p.customer_id, p.currency, lower(p.reference) AS reference,
               p.amount_cents - coalesce((SELECT sum(a.amount_cents) FROM allocations a
                   WHERE a.organization_id = p_org AND a.payment_id = p.id), 0) AS unallocated
        FROM payments p JOIN unnest(p_payment_ids) AS ids (id) ON p.id = ids.id
        WHERE p.organization_id = p_org AND p.reversed_at IS NULL
        ORDER BY p.received_on, p.id
        FOR UPDATE
    LOOP
        remaining := pay.unallocated;
        CONTINUE WHEN remaining <= 0;
        FOR inv IN
            SELECT i.id, i.balance_cents FROM invoices i
            WHERE i.organization_id = p_org AND i.customer_id = pay.customer_id AND i.currency = pay.currency
              AND i.status IN ('open', 'partially_paid') AND i.balance_cents > 0
            ORDER BY (pay.reference <> '' AND pay.reference ~ ('(^|[^a-z0-9])'
                        || regexp_replace(lower(i.number), '([.^$*+?()\[\]{}|\\-])', '\\\1', 'g')
                        || '([^a-z0-9]|$)')) DESC,
                     i.due_date, i.issue_date, i.number
            FOR UPDATE
        LOOP
            take := least(remaining, inv.balance_cents);
            INSERT INTO allocations (id, organization_id, invoice_id, payment_id, amount_cents)
            VALUES (gen_random_uuid(), p_org, inv.id, pay.id, take);
            UPDATE invoices SET balance_cents = balance_cents - take WHERE organization_id = p_org AND id = inv.id;
            remaining := remaining - take;
            EXIT WHEN remaining = 0;
        END LOOP;
    END LOOP;
    PERFORM relance_refresh_invoices(p_org, ARRAY(
        SELECT DISTINCT a.invoice_id FROM allocations a JOIN unnest(p_payment_ids) AS ids (id) ON a.payment_id = ids.id
        WHERE a.organization_id = p_org));
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION relance_allocate_payments(uuid, uuid[]);
