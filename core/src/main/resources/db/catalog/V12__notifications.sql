-- Notifications (issue 18): channels that events are sent to, with the rule saying which.
CREATE TABLE notification_channels (
    uuid          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL,              -- webhook | slack | email
    config        TEXT NOT NULL,              -- JSON; secret fields (webhook secret, slack url, smtp password) sealed
    events        TEXT NOT NULL,              -- the events sent here, comma-separated (task-failed, missed-backup, ...)
    jobs          TEXT NOT NULL DEFAULT '',   -- job uuids the job events are limited to, comma-separated; empty: every job
    missed_after  BIGINT                      -- missed-backup: seconds without a good backup; NULL: once the schedule's run is an hour late
);
CREATE UNIQUE INDEX notification_channels_name ON notification_channels (name);

-- A condition a channel was told of once (a missed backup, an unhealthy store, an archive about to
-- expire): raised once, across servers, and cleared when the condition ends, so it is told once.
CREATE TABLE notification_alarms (
    alarm         TEXT PRIMARY KEY,           -- event:channel:subject uuid
    channel_uuid  TEXT NOT NULL,
    raised_at     BIGINT NOT NULL
);

-- Every delivery attempt's outcome, newest kept: what an operator reads when a channel stays silent.
CREATE TABLE notification_deliveries (
    uuid          TEXT PRIMARY KEY,
    channel_uuid  TEXT NOT NULL,
    event         TEXT NOT NULL,
    subject       TEXT NOT NULL,
    sent_at       BIGINT NOT NULL,
    status        TEXT NOT NULL,              -- sent | failed
    attempts      INTEGER NOT NULL,
    error         TEXT
);
CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_uuid, sent_at);
