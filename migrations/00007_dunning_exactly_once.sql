-- +goose Up
-- A reminder goes out at most once and is never silently lost. An email action is marked as
-- handed to the SMTP server (status 'sending', handed_at) in a transaction of its own before the
-- server is asked, and 'sent' once it accepted. An action found still 'sending' after a crash, or
-- whose server went silent after the message was transmitted, is 'uncertain': it may have reached
-- the customer, so it is never sent again by a retry, only by someone who chose to.
ALTER TABLE dunning_actions DROP CONSTRAINT dunning_actions_status_check;
ALTER TABLE dunning_actions ADD CONSTRAINT dunning_actions_status_check
    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped', 'pending', 'done', 'uncertain'));
ALTER TABLE dunning_actions ADD COLUMN handed_at timestamptz;

-- The sweep that finds actions left 'sending' reads only those.
CREATE INDEX dunning_actions_sending_idx ON dunning_actions (handed_at) WHERE status = 'sending';

-- +goose Down
DROP INDEX dunning_actions_sending_idx;
UPDATE dunning_actions SET status = 'failed' WHERE status = 'uncertain';
ALTER TABLE dunning_actions DROP COLUMN handed_at;
ALTER TABLE dunning_actions DROP CONSTRAINT dunning_actions_status_check;
ALTER TABLE dunning_actions ADD CONSTRAINT dunning_actions_status_check
    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped', 'pending', 'done'));
