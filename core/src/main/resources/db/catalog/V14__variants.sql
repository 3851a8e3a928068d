-- Sanitised variants (issue 17): a job names the variants made after each good backup; an archive
-- that is a variant records its name, the archive it was made from and the rules' version; a
-- sanitise task remembers which variant it makes.

ALTER TABLE jobs ADD COLUMN variants TEXT NOT NULL DEFAULT '';        -- variant names, comma-separated
ALTER TABLE archives ADD COLUMN variant TEXT NOT NULL DEFAULT '';     -- '' for a full archive
ALTER TABLE archives ADD COLUMN source_archive TEXT;                  -- the full archive a variant was made from
ALTER TABLE archives ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN variant TEXT;                            -- the variant a sanitise task makes

-- A sanitise task, like an image task, reads an archive and writes nothing to its target: it
-- neither waits for nor holds the target's one running task, so a long one does not delay backups.
DROP INDEX tasks_one_running_per_target;
CREATE UNIQUE INDEX tasks_one_running_per_target ON tasks (target_uuid)
    WHERE status = 'running' AND op <> 'image' AND op <> 'sanitise';
