-- Images and instances (issue 16). An image is an archive loaded into a stopped data system whose
-- files are sealed under <data>/images/ID of the server that built it; an instance is a clone of
-- one, running on its own port. Both belong to the team of the archive's target and to the user who
-- made them. Ids are small numbers (as Draupnir's), taken by insert: a clash retries with the next.

CREATE TABLE images (
    id            BIGINT PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    team_uuid     TEXT,
    owner_uuid    TEXT,
    owner_name    TEXT NOT NULL,
    archive_uuid  TEXT NOT NULL,
    target_uuid   TEXT NOT NULL,
    plugin        TEXT NOT NULL,
    script        TEXT NOT NULL DEFAULT '',
    task_uuid     TEXT NOT NULL,
    server        TEXT NOT NULL DEFAULT '',        -- the server whose disk holds it; '' until its task starts
    state         TEXT NOT NULL,                   -- building | ready | failed
    error         TEXT NOT NULL DEFAULT '',
    clone_backend TEXT NOT NULL DEFAULT '',
    size_bytes    BIGINT NOT NULL DEFAULT 0,
    databases     TEXT NOT NULL DEFAULT '',        -- the loaded databases, comma-separated, the default first
    backed_up_at  BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX images_team ON images (team_uuid, id);
CREATE INDEX images_task ON images (task_uuid);

CREATE TABLE instances (
    id            BIGINT PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    image_id      BIGINT NOT NULL REFERENCES images (id),
    team_uuid     TEXT,
    owner_uuid    TEXT,
    owner_name    TEXT NOT NULL,
    server        TEXT NOT NULL,
    host          TEXT NOT NULL,
    port          INTEGER NOT NULL,
    user_name     TEXT NOT NULL,
    password      TEXT NOT NULL,                   -- sealed with the catalog's secret key
    database      TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL,                   -- pending | starting | running | resetting | destroyed
    reason        TEXT NOT NULL DEFAULT '',
    clone_backend TEXT NOT NULL DEFAULT '',
    copy_on_write BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX instances_team ON instances (team_uuid, id);
CREATE INDEX instances_image ON instances (image_id);
CREATE INDEX instances_expiry ON instances (state, expires_at);

-- A port of the instance pool is taken by inserting its row and freed by deleting it: two servers
-- sharing the catalog can never hand out the same port, whatever the timing.
CREATE TABLE instance_ports (
    port         INTEGER PRIMARY KEY,
    instance_id  BIGINT NOT NULL,
    server       TEXT NOT NULL
);

-- An image task reads an archive and writes nothing to its target: it does not hold the target's
-- one running task.
DROP INDEX tasks_one_running_per_target;
CREATE UNIQUE INDEX tasks_one_running_per_target ON tasks (target_uuid) WHERE status = 'running' AND op <> 'image';
