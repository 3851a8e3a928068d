-- People and access (issue 14): users, teams with a role per member, personal API tokens, web
-- sessions, failed sign-ins and the append-only audit log. A team owns targets; the jobs of a
-- target, and the archives and tasks made for it, belong to the target's team. A NULL team is
-- owned by no team: only admins see it (everything made before teams existed).

CREATE TABLE users (
    uuid           TEXT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL DEFAULT '',
    password_hash  TEXT,                       -- PHC string (argon2id); NULL: no password sign-in
    admin          BOOLEAN NOT NULL DEFAULT FALSE,
    source         TEXT NOT NULL DEFAULT 'local',  -- local | ldap | proxy | bootstrap
    created_at     BIGINT NOT NULL
);

CREATE TABLE teams (
    uuid      TEXT PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    summary   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE memberships (
    user_uuid  TEXT NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    team_uuid  TEXT NOT NULL REFERENCES teams (uuid) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('viewer', 'developer', 'operator')),
    source     TEXT NOT NULL DEFAULT 'local',  -- local | ldap: a directory's memberships are replaced at each sign-in
    PRIMARY KEY (user_uuid, team_uuid)
);

CREATE TABLE api_tokens (
    uuid          TEXT PRIMARY KEY,
    user_uuid     TEXT NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    hash          TEXT NOT NULL UNIQUE,        -- SHA-256 of the secret, hex; the secret itself is never kept
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT,
    last_used_at  BIGINT,
    UNIQUE (user_uuid, name)
);

CREATE TABLE web_sessions (
    id_hash    TEXT PRIMARY KEY,               -- SHA-256 of the cookie's value
    user_uuid  TEXT NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    via        TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL
);

CREATE TABLE sign_in_failures (
    key            TEXT PRIMARY KEY,           -- 'address:<ip or /64>' or 'user:<name>'
    first_at       BIGINT NOT NULL,
    count          INTEGER NOT NULL,
    refused_until  BIGINT
);

CREATE TABLE audit (
    uuid         TEXT PRIMARY KEY,
    at_ms        BIGINT NOT NULL,              -- milliseconds since the epoch
    user_uuid    TEXT,                         -- NULL: nobody signed in (a failed sign-in)
    user_name    TEXT NOT NULL,                -- as given or as known then; kept when the user is deleted
    address      TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,                -- e.g. sign-in, token.create, target.update, backup, restore, download
    object_kind  TEXT NOT NULL DEFAULT '',
    object_uuid  TEXT,
    object_name  TEXT NOT NULL DEFAULT '',
    team_uuid    TEXT,
    outcome      TEXT NOT NULL,                -- ok | denied | failed
    detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit (at_ms);
CREATE INDEX audit_user ON audit (user_uuid, at_ms);
CREATE INDEX audit_team ON audit (team_uuid, at_ms);

ALTER TABLE targets ADD COLUMN team_uuid TEXT REFERENCES teams (uuid);
ALTER TABLE archives ADD COLUMN team_uuid TEXT;
ALTER TABLE tasks ADD COLUMN team_uuid TEXT;
ALTER TABLE tasks ADD COLUMN owner_note TEXT NOT NULL DEFAULT '';
CREATE INDEX archives_team ON archives (team_uuid, taken_at);
CREATE INDEX tasks_team ON tasks (team_uuid, requested_at);
