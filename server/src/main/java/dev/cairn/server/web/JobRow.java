package dev.cairn.server.web;

import dev.cairn.core.catalog.Job;
import java.time.Instant;
import java.util.List;

/**
 * A job as the job list and the dashboard show it: names of what it uses (the stores it copies to
 * in {@code copies}), its last run, last success and next run, and the team of its target (null: none).
 */
public record JobRow(Job job, String target, String store, List<String> copies, String schedule, String retention,
                     String lastStatus, Instant lastRun, Instant lastSuccess, Instant nextRun, java.util.UUID team) {
    /** The stores it copies to, for a line such as {@code copies: s3-offsite, sftp-nas}. */
    public String copyList() {
        return String.join(", ", copies);
    }
}
