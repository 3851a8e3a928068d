-- The catalog of seed 004, in SQL that SQLite and PostgreSQL both take.
-- Times are seconds since the epoch (UTC); uuids are text.

CREATE TABLE targets (
    uuid      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    summary   TEXT NOT NULL DEFAULT '',
    plugin    TEXT NOT NULL,
    endpoint  TEXT NOT NULL,          -- JSON; secret fields sealed
    agent     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE stores (
    uuid      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    summary   TEXT NOT NULL DEFAULT '',
    plugin    TEXT NOT NULL,
    endpoint  TEXT NOT NULL
);

CREATE TABLE schedules (
    uuid      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    summary   TEXT NOT NULL DEFAULT '',
    timespec  TEXT NOT NULL,
    timezone  TEXT NOT NULL DEFAULT 'UTC'
);

CREATE TABLE retention (
    uuid      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    summary   TEXT NOT NULL DEFAULT '',
    expiry    BIGINT NOT NULL CHECK (expiry >= 3600)
);

CREATE TABLE jobs (
    uuid            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    target_uuid     TEXT NOT NULL REFERENCES targets (uuid),
    store_uuid      TEXT NOT NULL REFERENCES stores (uuid),
    schedule_uuid   TEXT NOT NULL REFERENCES schedules (uuid),
    retention_uuid  TEXT NOT NULL REFERENCES retention (uuid),
    priority        INTEGER NOT NULL DEFAULT 50 CHECK (priority BETWEEN 0 AND 100),
    paused          BOOLEAN NOT NULL DEFAULT FALSE,
    next_run        BIGINT             -- when the scheduler fires it next; NULL until planned
);

CREATE TABLE archives (
    uuid          TEXT PRIMARY KEY,
    target_uuid   TEXT NOT NULL,          -- history: kept after its target is gone
    plugin        TEXT NOT NULL,          -- the target plugin that made it: what it can be restored into
    store_uuid    TEXT NOT NULL REFERENCES stores (uuid),
    job_uuid      TEXT,
    store_key     TEXT NOT NULL,
    manifest_key  TEXT NOT NULL,
    taken_at      BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'valid',   -- valid | purged
    raw_size      BIGINT NOT NULL,
    stored_size   BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    compression   TEXT NOT NULL,
    encryption    TEXT NOT NULL,
    purge_error   TEXT
);
CREATE INDEX archives_expiry ON archives (status, expires_at);
CREATE INDEX archives_target ON archives (target_uuid, taken_at);

CREATE TABLE tasks (
    uuid           TEXT PRIMARY KEY,
    owner          TEXT NOT NULL,
    op             TEXT NOT NULL,                  -- backup | restore
    job_uuid       TEXT,
    archive_uuid   TEXT,
    target_uuid    TEXT NOT NULL,
    store_uuid     TEXT NOT NULL,
    status         TEXT NOT NULL,                  -- pending | running | canceled | failed | done
    priority       INTEGER NOT NULL DEFAULT 50,
    requested_at   BIGINT NOT NULL,
    started_at     BIGINT,
    stopped_at     BIGINT,
    scheduled_for  BIGINT,                         -- the schedule's firing time; NULL for ad hoc work
    pending_name   TEXT,                           -- the store name a running backup writes, for clean-up
    runner         TEXT,                           -- which server runs it
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE, -- asked to stop; the running server ends it as canceled
    log            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tasks_status ON tasks (status, requested_at);
-- A schedule fires a job at most once per firing time, whichever server sees it first.
CREATE UNIQUE INDEX tasks_fire_once ON tasks (job_uuid, scheduled_for);
