package dev.cairn.core.schedule;

import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Turns due jobs into pending backup tasks owned by {@code system}.
 *
 * <p>Each job keeps its next firing time in the catalog. A job fires once per firing time: the
 * task carries that time, and the catalog refuses a second task for the same job and time, so
 * two servers ticking at once still queue one backup. Missed firings (the server was down) are
 * caught up once, not once per missed time. Paused jobs do not fire; unpausing plans afresh.
 */
public final class JobFirer {
    private final Repositories catalog;
    private final boolean devMode;

    /**
     * @param devMode fire every job every minute whatever its schedule (seed 004's DEV mode)
     */
    public JobFirer(Repositories catalog, boolean devMode) {
        this.catalog = catalog;
        this.devMode = devMode;
    }

    /** Fires the jobs due at {@code now} and plans the next firing of each; returns how many tasks were queued. */
    public int fire(Instant now) {
        int queued = 0;
        for (Job job : catalog.jobs().list(new JobFilter(null, null, null, null, false))) {
            Schedule schedule = catalog.schedules().get(job.schedule());
            if (job.nextRun() == null) {
                catalog.jobs().setNextRun(job.uuid(), nextAfter(schedule, now));
                continue;
            }
            if (job.nextRun().isAfter(now)) {
                continue;
            }
            Task task = new Task(UUID.randomUUID(), Task.SYSTEM, Task.Op.BACKUP, job.uuid(), null, job.target(),
                    job.store(), TaskStatus.PENDING, job.priority(), now, null, null, job.nextRun(), "");
            if (catalog.tasks().insert(task)) {
                queued++;
            }
            catalog.jobs().setNextRun(job.uuid(), nextAfter(schedule, now));
        }
        return queued;
    }

    /** When {@code schedule} fires next after {@code now}. */
    public Instant nextAfter(Schedule schedule, Instant now) {
        if (devMode) {
            return now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        }
        return schedule.when().next(now.atZone(schedule.timezone())).toInstant();
    }
}
