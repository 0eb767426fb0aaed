-- +goose Up
-- The dunning engine: scenarios and their steps, which scenario serves which segment, per-customer
-- and per-invoice rules, disputes and promises that hold reminders back, and the actions (the
-- outbox) with the invoices each one covers. See docs/dunning.md.

CREATE TABLE scenarios (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    key              text NOT NULL DEFAULT '',   -- the default playbook it came from, if any
    name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description      text NOT NULL DEFAULT '',
    -- Deleted scenarios stay for the history of the actions they planned.
    deleted_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX scenarios_name_idx ON scenarios (organization_id, lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE scenario_steps (
    id                  uuid PRIMARY KEY,
    organization_id     uuid NOT NULL,
    scenario_id         uuid NOT NULL,
    position            integer NOT NULL,
    offset_days         integer NOT NULL CHECK (offset_days BETWEEN -90 AND 365),
    stage               text NOT NULL CHECK (stage IN ('preventive', 'reminder', 'formal_notice', 'amicable', 'legal')),
    channel             text NOT NULL CHECK (channel IN ('email', 'sms', 'letter', 'call')),
    recipients          text NOT NULL DEFAULT 'accounting' CHECK (recipients IN ('accounting', 'sales', 'both')),
    copy_owner          boolean NOT NULL DEFAULT false,
    min_overdue_cents   bigint NOT NULL DEFAULT 0 CHECK (min_overdue_cents >= 0),
    skip_when_promised  boolean NOT NULL DEFAULT true,
    segments            text[] NOT NULL DEFAULT '{}',   -- empty: every segment
    templates           jsonb NOT NULL DEFAULT '{}',    -- {"fr": {"subject", "body"}, "en": {...}}
    -- Steps removed from a scenario stay: the actions they planned point at them.
    removed_at          timestamptz,
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, scenario_id) REFERENCES scenarios (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX scenario_steps_scenario_idx ON scenario_steps (organization_id, scenario_id) WHERE removed_at IS NULL;

-- Which scenario serves the customers of a segment.
CREATE TABLE scenario_segments (
    organization_id  uuid NOT NULL,
    segment          text NOT NULL CHECK (segment <> ''),
    scenario_id      uuid NOT NULL,
    PRIMARY KEY (organization_id, segment),
    FOREIGN KEY (organization_id, scenario_id) REFERENCES scenarios (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE dunning_settings (
    organization_id            uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    default_scenario_id        uuid,
    min_days_between_messages  integer NOT NULL DEFAULT 3 CHECK (min_days_between_messages BETWEEN 0 AND 60),
    -- Reminders wait until a promised date plus these days before resuming.
    promise_grace_days         integer NOT NULL DEFAULT 3 CHECK (promise_grace_days BETWEEN 0 AND 60),
    send_window_start          time NOT NULL DEFAULT '09:00',
    send_window_end            time NOT NULL DEFAULT '17:00',
    sender_name                text NOT NULL DEFAULT '',
    reply_to                   text NOT NULL DEFAULT '',
    read_receipt               boolean NOT NULL DEFAULT false,
    transparency_line          boolean NOT NULL DEFAULT true,
    signature                  text NOT NULL DEFAULT '',
    show_penalties             boolean NOT NULL DEFAULT true,
    -- Annual percentages entered by the user: the ECB main refinancing rate, the legal interest
    -- rate (the floor is three times it) and an optional contractual rate.
    ecb_rate                   numeric(6, 3) NOT NULL DEFAULT 2.15 CHECK (ecb_rate >= 0),
    legal_rate                 numeric(6, 3) NOT NULL DEFAULT 3.16 CHECK (legal_rate >= 0),
    contract_rate              numeric(6, 3) CHECK (contract_rate >= 0),
    indemnity_cents            bigint NOT NULL DEFAULT 4000 CHECK (indemnity_cents >= 0),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CHECK (send_window_end > send_window_start),
    FOREIGN KEY (organization_id, default_scenario_id) REFERENCES scenarios (organization_id, id)
);

CREATE TABLE customer_dunning (
    organization_id          uuid NOT NULL,
    customer_id              uuid NOT NULL,
    scenario_id              uuid,
    grace_days               integer NOT NULL DEFAULT 0 CHECK (grace_days BETWEEN 0 AND 365),
    letter_instead_of_email  boolean NOT NULL DEFAULT false,
    paused_until             date,
    disabled                 boolean NOT NULL DEFAULT false,
    updated_at               timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, customer_id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, scenario_id) REFERENCES scenarios (organization_id, id)
);

CREATE TABLE invoice_dunning (
    organization_id  uuid NOT NULL,
    invoice_id       uuid NOT NULL,
    scenario_id      uuid,
    paused_until     date,
    excluded         boolean NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, invoice_id),
    FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, scenario_id) REFERENCES scenarios (organization_id, id)
);

-- A dispute takes its invoices out of the dunning flow until it is resolved.
CREATE TABLE disputes (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    reason           text NOT NULL CHECK (reason IN ('not_received', 'wrong_amount', 'goods_missing_or_defective',
                                                     'service_not_rendered', 'already_paid', 'other')),
    comment          text NOT NULL DEFAULT '',
    source           text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'portal', 'api')),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution       text NOT NULL DEFAULT '',
    opened_at        timestamptz NOT NULL DEFAULT now(),
    resolved_at      timestamptz,
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE TABLE dispute_invoices (
    organization_id  uuid NOT NULL,
    dispute_id       uuid NOT NULL,
    invoice_id       uuid NOT NULL,
    PRIMARY KEY (dispute_id, invoice_id),
    FOREIGN KEY (organization_id, dispute_id) REFERENCES disputes (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX dispute_invoices_invoice_idx ON dispute_invoices (organization_id, invoice_id);

-- A promise to pay holds reminders back until its date plus a grace period.
CREATE TABLE promises (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    promised_on      date NOT NULL,
    method           text NOT NULL DEFAULT 'transfer'
                     CHECK (method IN ('transfer', 'card', 'sepa_debit', 'check', 'cash', 'other')),
    source           text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'portal', 'api')),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'broken', 'cancelled')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    closed_at        timestamptz,
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE TABLE promise_invoices (
    organization_id  uuid NOT NULL,
    promise_id       uuid NOT NULL,
    invoice_id       uuid NOT NULL,
    PRIMARY KEY (promise_id, invoice_id),
    FOREIGN KEY (organization_id, promise_id) REFERENCES promises (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX promise_invoices_invoice_idx ON promise_invoices (organization_id, invoice_id);

-- One message or task for one customer, at one stage, on one channel, on one day: the outbox.
CREATE TABLE dunning_actions (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    customer_id      uuid NOT NULL,
    -- customer/stage/channel/day for planned actions: two planners can never plan it twice.
    idempotency_key  text NOT NULL,
    step_id          uuid NOT NULL,   -- whose template the message uses
    stage            text NOT NULL,
    channel          text NOT NULL,
    planned_on       date NOT NULL,
    status           text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped', 'pending', 'done')),
    skip_reason      text NOT NULL DEFAULT '',
    origin           text NOT NULL DEFAULT 'planner' CHECK (origin IN ('planner', 'manual')),
    send_at          timestamptz,
    language         text NOT NULL DEFAULT '',
    to_addresses     text[] NOT NULL DEFAULT '{}',
    cc_addresses     text[] NOT NULL DEFAULT '{}',
    subject          text NOT NULL DEFAULT '',
    body_text        text NOT NULL DEFAULT '',
    body_html        text NOT NULL DEFAULT '',
    message_id       text NOT NULL DEFAULT '',
    smtp_response    text NOT NULL DEFAULT '',
    attempts         integer NOT NULL DEFAULT 0,
    error            text NOT NULL DEFAULT '',
    sent_at          timestamptz,
    opened_at        timestamptz,
    clicked_at       timestamptz,
    open_count       integer NOT NULL DEFAULT 0,
    click_count      integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, idempotency_key),
    FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, step_id) REFERENCES scenario_steps (organization_id, id)
);
CREATE INDEX dunning_actions_planned_idx ON dunning_actions (organization_id, planned_on DESC, id);
CREATE INDEX dunning_actions_customer_idx ON dunning_actions (organization_id, customer_id, planned_on DESC);

-- The invoices an action covers, each with the step it carries out. (invoice, step) is unique:
-- an invoice never gets the same step twice, whatever runs the planner and how often.
CREATE TABLE dunning_action_items (
    organization_id  uuid NOT NULL,
    action_id        uuid NOT NULL,
    invoice_id       uuid NOT NULL,
    step_id          uuid NOT NULL,
    offset_days      integer NOT NULL,
    balance_cents    bigint NOT NULL,   -- when planned
    status           text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'sent', 'skipped')),
    skip_reason      text NOT NULL DEFAULT '',
    PRIMARY KEY (invoice_id, step_id),
    FOREIGN KEY (organization_id, action_id) REFERENCES dunning_actions (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX dunning_action_items_action_idx ON dunning_action_items (organization_id, action_id);

-- How far each invoice has gone in its scenario: the offset of the latest step carried out (or
-- passed over). The planner reads it with one join instead of aggregating the items.
CREATE TABLE dunning_progress (
    organization_id  uuid NOT NULL,
    invoice_id       uuid NOT NULL,
    last_offset      integer NOT NULL,
    last_planned_on  date NOT NULL,
    PRIMARY KEY (invoice_id),
    FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE dunning_progress;
DROP TABLE dunning_action_items;
DROP TABLE dunning_actions;
DROP TABLE promise_invoices;
DROP TABLE promises;
DROP TABLE dispute_invoices;
DROP TABLE disputes;
DROP TABLE invoice_dunning;
DROP TABLE customer_dunning;
DROP TABLE dunning_settings;
DROP TABLE scenario_segments;
DROP TABLE scenario_steps;
DROP TABLE scenarios;
