-- +goose Up
-- Request counts per key in fixed windows (internal/platform/ratelimit): signups and invitation
-- lookups per address, password-reset requests per account and address, the debtor page's forms
-- per link and per address. One row per key and window; the hourly cleanup drops old windows.
CREATE TABLE rate_limits (
    key          text NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- +goose Down
DROP TABLE rate_limits;
