-- Agents: the programs that run target plugins next to data systems the core cannot reach, and
-- connect out to the core. A row is written when an agent first polls and kept up to date on
-- every poll, so lists survive restarts. Times are seconds since the epoch.
CREATE TABLE agents (
    name       TEXT PRIMARY KEY,
    plugins    TEXT NOT NULL DEFAULT '',   -- the target plugins it announced, comma-separated
    version    TEXT NOT NULL DEFAULT '',
    last_seen  BIGINT
);
