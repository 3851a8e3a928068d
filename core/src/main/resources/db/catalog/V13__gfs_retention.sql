-- Grandfather-father-son retention (issue 18): beside its expiry, a policy may keep the newest
-- good archive of each of the last N days, ISO weeks, months and years (UTC) that have one.
-- 0 keeps none by that rule, so every policy made before this behaves as it did.
ALTER TABLE retention ADD COLUMN keep_daily INTEGER NOT NULL DEFAULT 0 CHECK (keep_daily >= 0);
ALTER TABLE retention ADD COLUMN keep_weekly INTEGER NOT NULL DEFAULT 0 CHECK (keep_weekly >= 0);
ALTER TABLE retention ADD COLUMN keep_monthly INTEGER NOT NULL DEFAULT 0 CHECK (keep_monthly >= 0);
ALTER TABLE retention ADD COLUMN keep_yearly INTEGER NOT NULL DEFAULT 0 CHECK (keep_yearly >= 0);
