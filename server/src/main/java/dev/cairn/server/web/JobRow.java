package dev.cairn.server.web;

import dev.cairn.core.catalog.Job;
import java.time.Instant;

/** A job as the job list and the dashboard show it: names of what it uses, its last run, last success and next run. */
public record JobRow(Job job, String target, String store, String schedule, String retention, String lastStatus,
                     Instant lastRun, Instant lastSuccess, Instant nextRun) {
}
