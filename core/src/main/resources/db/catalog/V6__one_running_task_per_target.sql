-- At most one running task per target, enforced by the catalog itself: two servers on one
-- PostgreSQL catalog that claim two pending tasks of the same target at the same moment cannot
-- both see the other's claim, but only one of their updates can pass this index.
CREATE UNIQUE INDEX tasks_one_running_per_target ON tasks (target_uuid) WHERE status = 'running';
