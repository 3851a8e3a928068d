-- Images made with a target's sanitising rules applied as they were built (issue 17): the rules'
-- version, 0 for an image of the archive as it is.

ALTER TABLE images ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 0;
