package dev.cairn.core.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog at a glance, as read at {@code readAt}: each job's last run and last success, tasks by
 * operation and status, each store's health and contents, and what retention purged or failed to.
 */
public record CatalogOverview(Instant readAt, List<JobLine> jobs, Map<TaskCount, Long> tasks, List<StoreLine> stores,
                              long purgedArchives, long failingPurges) {
    public CatalogOverview {
        jobs = List.copyOf(jobs);
        tasks = Map.copyOf(tasks);
        stores = List.copyOf(stores);
    }

    /** Nothing read yet. */
    public static CatalogOverview empty(Instant at) {
        return new CatalogOverview(at, List.of(), Map.of(), List.of(), 0, 0);
    }

    /** A job, named with its target, with its last ended run and its last success (each null when there is none). */
    public record JobLine(UUID uuid, String name, String target, boolean paused, BackupRun lastRun, BackupRun lastSuccess) {
    }

    /** Tasks of one operation ({@code backup}, {@code restore}, {@code verify}) in one status, as the API writes them. */
    public record TaskCount(String op, String status) {
    }

    /**
     * A store: {@code healthy} is null until its first self-test; {@code archives} and {@code bytes} count what
     * it holds (purged archives left out), {@code orphans} what failed backups left in it awaiting a purge.
     */
    public record StoreLine(UUID uuid, String name, String plugin, Boolean healthy, Instant checkedAt, long archives,
                            long bytes, long orphans) {
    }

    /** How many tasks are in {@code status}, of any operation. */
    public long tasksIn(String status) {
        return tasks.entrySet().stream().filter(e -> e.getKey().status().equals(status)).mapToLong(Map.Entry::getValue).sum();
    }
}
