-- +goose Up
-- An uploaded file is read by a job (header, first rows, limits) before it can be mapped: the
-- import is 'reading' until then.
ALTER TABLE imports DROP CONSTRAINT imports_status_check;
ALTER TABLE imports ADD CONSTRAINT imports_status_check
    CHECK (status IN ('reading', 'uploaded', 'validating', 'validated', 'importing', 'done', 'failed'));

-- +goose Down
UPDATE imports SET status = 'failed', failure = 'The file was not read.' WHERE status = 'reading';
ALTER TABLE imports DROP CONSTRAINT imports_status_check;
ALTER TABLE imports ADD CONSTRAINT imports_status_check
    CHECK (status IN ('uploaded', 'validating', 'validated', 'importing', 'done', 'failed'));
