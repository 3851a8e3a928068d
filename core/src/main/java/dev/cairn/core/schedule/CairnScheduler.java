package dev.cairn.core.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The core's periodic work, run through db-scheduler on the catalog database: firing due jobs,
 * sweeping expired archives and orphaned objects, and self-testing the stores. db-scheduler runs each of these on one server at a time, however many
 * servers share the catalog.
 */
public final class CairnScheduler implements AutoCloseable {
    private final Scheduler scheduler;

    /**
     * @param fireJobs    called with the current time to queue due jobs
     * @param sweep       called with the current time to purge expired archives and orphans (every 5 minutes)
     * @param testStores  runs every store's self-test (hourly)
     * @param tickEvery   how often due jobs are looked for
     * @param serverName  this server's name among those sharing the catalog
     */
    public CairnScheduler(DataSource dataSource, Clock clock, Consumer<Instant> fireJobs,
                          Consumer<Instant> sweep, Runnable testStores, Duration tickEvery,
                          String serverName) {
        RecurringTask<Void> fire = Tasks.recurring("cairn-fire-jobs", FixedDelay.of(tickEvery))
                .execute((instance, context) -> fireJobs.accept(clock.instant()));
        RecurringTask<Void> retention = Tasks.recurring("cairn-retention-sweep", FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> sweep.accept(clock.instant()));
        RecurringTask<Void> selfTests = Tasks.recurring("cairn-store-self-tests", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> testStores.run());
        this.scheduler = Scheduler.create(dataSource)
                .startTasks(fire, retention, selfTests)
                .clock(clock::instant)
                .schedulerName(new SchedulerName.Fixed(serverName))
                .pollingInterval(tickEvery.compareTo(Duration.ofSeconds(10)) < 0 ? tickEvery : Duration.ofSeconds(10))
                .threads(2)
                .build();
    }

    public void start() {
        scheduler.start();
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
