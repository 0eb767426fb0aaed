-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    locale      text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    timezone    text NOT NULL DEFAULT 'Europe/Paris',
    currency    char(3) NOT NULL DEFAULT 'EUR',
    country     char(2) NOT NULL DEFAULT 'FR',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                    uuid PRIMARY KEY,
    email                 citext NOT NULL UNIQUE,
    name                  text NOT NULL,
    password_hash         text NOT NULL,
    locale                text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    last_organization_id  uuid REFERENCES organizations (id) ON DELETE SET NULL,
    last_login_at         timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role             text NOT NULL CHECK (role IN ('owner', 'admin', 'collector', 'viewer')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- Refresh tokens rotate on every use; a family groups one login's successive tokens so that the
-- reuse of a rotated token (a sign of theft) revokes the whole family.
CREATE TABLE refresh_tokens (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL,
    user_id          uuid NOT NULL,
    family_id        uuid NOT NULL,
    token_hash       bytea NOT NULL UNIQUE,
    expires_at       timestamptz NOT NULL,
    revoked_at       timestamptz,
    replaced_by      uuid,
    user_agent       text NOT NULL DEFAULT '',
    ip               text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, user_id) REFERENCES memberships (organization_id, user_id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE api_keys (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    prefix           text NOT NULL,
    key_hash         bytea NOT NULL UNIQUE,
    role             text NOT NULL CHECK (role IN ('admin', 'collector', 'viewer')),
    created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_used_at     timestamptz,
    revoked_at       timestamptz,
    UNIQUE (organization_id, id)
);
CREATE INDEX api_keys_org_idx ON api_keys (organization_id, created_at DESC);

CREATE TABLE invitations (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email            citext NOT NULL,
    role             text NOT NULL CHECK (role IN ('owner', 'admin', 'collector', 'viewer')),
    token_hash       bytea NOT NULL UNIQUE,
    invited_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    accepted_at      timestamptz,
    revoked_at       timestamptz,
    UNIQUE (organization_id, id)
);
CREATE INDEX invitations_org_idx ON invitations (organization_id, created_at DESC);

-- Failed logins, counted per account and per client address over a sliding window.
CREATE TABLE login_failures (
    key        text NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at);

-- +goose Down
DROP TABLE login_failures;
DROP TABLE invitations;
DROP TABLE api_keys;
DROP TABLE refresh_tokens;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE organizations;
