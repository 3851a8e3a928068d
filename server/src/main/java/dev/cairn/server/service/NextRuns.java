package dev.cairn.server.service;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Job;
import java.time.Instant;

/** When a job runs next: the time the scheduler planned, else the next on its schedule. */
public final class NextRuns {
    private final Cairn cairn;

    public NextRuns(Cairn cairn) {
        this.cairn = cairn;
    }

    /** The next run of {@code job}; null when it is paused or its schedule is gone. */
    public Instant of(Job job) {
        if (job.paused()) {
            return null;
        }
        if (job.nextRun() != null) {
            return job.nextRun();
        }
        return cairn.catalog().schedules().find(job.schedule())
                .map(s -> cairn.firer().nextAfter(s, cairn.clock().instant())).orElse(null);
    }
}
