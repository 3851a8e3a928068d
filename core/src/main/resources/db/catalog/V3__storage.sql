-- Storage: copies of a job's archives in further stores, verify after backup, store health.

-- The further stores a job writes every archive to, besides its own store.
CREATE TABLE job_copies (
    job_uuid    TEXT NOT NULL REFERENCES jobs (uuid),
    store_uuid  TEXT NOT NULL REFERENCES stores (uuid),
    PRIMARY KEY (job_uuid, store_uuid)
);

-- Whether each backup of the job is followed by a verify of what it stored.
ALTER TABLE jobs ADD COLUMN verify BOOLEAN NOT NULL DEFAULT FALSE;

-- The last self-test of each store: NULL until one has run.
ALTER TABLE stores ADD COLUMN healthy BOOLEAN;
ALTER TABLE stores ADD COLUMN health_error TEXT;
ALTER TABLE stores ADD COLUMN health_checked_at BIGINT;
