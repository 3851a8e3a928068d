-- Sanitising rules (issue 17): one rules document per target, every saved version kept so that a
-- variant can record the version it was made with; and each target's hash key, sealed like
-- endpoint secrets, made once and kept, so that the same value masks the same way in every variant.

CREATE TABLE sanitise_rules (
    target_uuid  TEXT NOT NULL REFERENCES targets (uuid) ON DELETE CASCADE,
    version      INTEGER NOT NULL CHECK (version >= 1),
    document     TEXT NOT NULL,                -- JSON or YAML, as written
    saved_at     BIGINT NOT NULL,
    saved_by     TEXT NOT NULL DEFAULT '',     -- user name, as known then
    PRIMARY KEY (target_uuid, version)
);

CREATE TABLE sanitise_keys (
    target_uuid  TEXT PRIMARY KEY REFERENCES targets (uuid) ON DELETE CASCADE,
    sealed_key   TEXT NOT NULL,                -- SecretBox-sealed base64 of 32 random bytes
    created_at   BIGINT NOT NULL
);
