-- +goose Up
-- One email rule. internal/platform/locale.Email decides what an address is when one is typed or
-- sent through the API; the data-quality check of the contacts an import wrote (invalid_email)
-- asks the same rule of SQL here instead of a pattern of its own that refused internationalised
-- domains and took "jean.@example.fr". internal/ledger's tests hold the two to the same answers.

-- +goose StatementBegin
-- A bare address, trimmed: a dot-atom local part (no quotes, no display name, no spaces), an
-- ASCII or internationalised domain of two labels or more, none starting or ending with a hyphen,
-- the last of two characters or more and not all digits; at most 254 characters.
CREATE FUNCTION relance_email_valid(e text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT length(a) <= 254
       AND a ~ ('^' || atom || '+(\.' || atom || '+)*@' || label || '(\.' || label || ')+$')
       AND a ~ '[^.]{2,}$' AND a !~ '\.[0-9]+$'
    FROM (SELECT btrim(e, E' \t\r\n') AS a,
                 '[^][[:space:][:cntrl:]@"(),.:;<>\\]' AS atom,
                 '[A-Za-z0-9\u00A0-\uFFFF]([A-Za-z0-9\u00A0-\uFFFF-]*[A-Za-z0-9\u00A0-\uFFFF])?' AS label) r
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- Recomputes data_problems of the given customers (all of the organisation when ids is NULL).
-- The ids are joined (unnest), not tested with = ANY, which is slow for long lists.
CREATE OR REPLACE FUNCTION relance_refresh_customer_quality(p_org uuid, p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE customers c SET data_problems = ARRAY(
        SELECT code FROM (VALUES
            ('missing_reminder_email', NOT EXISTS (SELECT 1 FROM contacts k WHERE k.organization_id = c.organization_id
                AND k.customer_id = c.id AND k.receives_reminders AND k.email <> '')),
            ('invalid_email', EXISTS (SELECT 1 FROM contacts k WHERE k.organization_id = c.organization_id
                AND k.customer_id = c.id AND k.email <> ''
                AND NOT relance_email_valid(k.email))),
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

-- +goose Down
-- +goose StatementBegin
-- Recomputes data_problems of the given customers (all of the organisation when ids is NULL).
-- The ids are joined (unnest), not tested with = ANY, which is slow for long lists.
CREATE OR REPLACE FUNCTION relance_refresh_customer_quality(p_org uuid, p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
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

DROP FUNCTION relance_email_valid(text);
