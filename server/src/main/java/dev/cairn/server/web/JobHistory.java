package dev.cairn.server.web;

import dev.cairn.core.stats.JobStats;
import java.util.List;
import java.util.UUID;

/**
 * A job's recent runs as its page shows them: its latest tasks and archives, newest first, and how
 * many there are in all, which the full lists behind {@link #tasksLink()} and {@link #archivesLink()} hold.
 */
public record JobHistory(UUID job, List<TaskRow> tasks, long taskCount, List<ArchiveRow> archives, long archiveCount,
                         JobStats stats, List<RunChart> charts) {
    /** How many tasks and archives the page shows. */
    static final int SHOWN = 20;
    /** How many runs the charts draw. */
    static final int CHARTED = 30;

    /** "90% (27 of 30)" for a window of the statistics, or "no runs". */
    public static String rate(JobStats.Rate rate) {
        Double share = rate.rate();
        return share == null ? "no runs" : Math.round(share * 100) + "% (" + rate.succeeded() + " of "
                + (rate.succeeded() + rate.failed()) + ")";
    }

    /** The mean time between failures over 30 days, or why there is none. */
    public String meanTimeBetweenFailures() {
        return stats.meanTimeBetweenFailures() == null ? "fewer than two failures in 30 days"
                : Display.took(java.time.Instant.EPOCH, java.time.Instant.EPOCH.plus(stats.meanTimeBetweenFailures()));
    }

    public String tasksLink() {
        return "/tasks?job=" + job;
    }

    public String archivesLink() {
        return "/archives?job=" + job;
    }
}
