-- Orphans: objects a failed or stopped backup left in a store that could not remove them then (it
-- was down). The orphan sweep purges each again, with the manifest beside it, until the store
-- confirms both are gone, and only then deletes the row. Times are seconds since the epoch.
CREATE TABLE orphans (
    store_uuid   TEXT NOT NULL REFERENCES stores (uuid),
    object_key   TEXT NOT NULL,            -- the name the backup wrote; its purge also removes a partial upload
    task_uuid    TEXT,                     -- the backup that left it
    reason       TEXT NOT NULL,            -- why the last purge failed
    attempts     INTEGER NOT NULL DEFAULT 1,
    found_at     BIGINT NOT NULL,
    last_try_at  BIGINT NOT NULL,
    PRIMARY KEY (store_uuid, object_key)
);
