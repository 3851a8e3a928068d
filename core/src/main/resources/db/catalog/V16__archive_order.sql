-- The millisecond an archive was taken: of two backups of a target started in the same second, the
-- later is the newer (taken_at keeps whole seconds, as the API shows them). Older rows get their second.
ALTER TABLE archives ADD COLUMN taken_ms BIGINT NOT NULL DEFAULT 0;
UPDATE archives SET taken_ms = taken_at * 1000;
