/**
 * What the catalog says of how backups went: {@link dev.cairn.core.stats.JobStatistics} (success rates,
 * recent runs, mean time between failures of one job), {@link dev.cairn.core.stats.OverviewReader} (the
 * whole catalog at a glance, what the metrics endpoint serves), {@link dev.cairn.core.stats.TaskTimeline}
 * (the tasks of a time window, for the dashboard) and {@link dev.cairn.core.stats.MetricSource}, the hook
 * through which other parts of the core (instances) add their own numbers. Read-only; nothing here writes.
 */
package dev.cairn.core.stats;
