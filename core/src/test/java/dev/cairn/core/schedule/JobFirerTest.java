package dev.cairn.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.task.TaskRunner.RunnerSettings;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's firing rules, stepped with an injected clock (the runner takes no work: parallel 0). */
final class JobFirerTest {
    @TempDir
    Path temp;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-21T03:59:30Z"));
    private Cairn cairn;

    private Cairn start(boolean dev) {
        cairn = CoreFixture.start(CairnSettings.defaults(temp.resolve("data")).withDevMode(dev)
                .withScheduling(false, Duration.ofSeconds(1)).withRunner(new RunnerSettings(0, Duration.ofHours(1))), clock);
        return cairn;
    }

    @AfterEach
    void stop() {
        if (cairn != null) {
            cairn.close();
        }
    }

    private Job job(String when) throws Exception {
        Files.createDirectories(temp.resolve("src"));
        return CoreFixture.job(cairn, "fs", Map.of("path", temp.resolve("src").toString()), temp.resolve("store"), when);
    }

    private List<Task> tasksOf(Job job) {
        return cairn.catalog().tasks().list(null, 100).stream().filter(t -> job.uuid().equals(t.job())).toList();
    }

    private int fireAt(String instant) {
        clock.set(Instant.parse(instant));
        return cairn.firer().fire(clock.instant());
    }

    @Test
    void aDaily4amJobFiresOnceAt4NotTwice() throws Exception {
        start(false);
        Job job = job("daily 4am");

        assertThat(fireAt("2026-11-21T03:59:30Z")).isZero();
        assertThat(cairn.catalog().jobs().get(job.uuid()).nextRun()).isEqualTo(Instant.parse("2026-11-21T04:00:00Z"));
        assertThat(fireAt("2026-11-21T04:00:00Z")).isEqualTo(1);
        assertThat(fireAt("2026-11-21T04:00:15Z")).isZero();
        assertThat(fireAt("2026-11-21T04:01:00Z")).isZero();
        assertThat(fireAt("2026-11-21T23:59:59Z")).isZero();

        List<Task> tasks = tasksOf(job);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.getFirst().owner()).isEqualTo(Task.SYSTEM);
        assertThat(tasks.getFirst().scheduledFor()).isEqualTo(Instant.parse("2026-11-21T04:00:00Z"));
        assertThat(cairn.catalog().jobs().get(job.uuid()).nextRun()).isEqualTo(Instant.parse("2026-11-22T04:00:00Z"));
        assertThat(fireAt("2026-11-22T04:00:01Z")).isEqualTo(1);
    }

    @Test
    void aPausedJobDoesNotFireAndUnpausingPlansAfresh() throws Exception {
        start(false);
        Job job = job("daily 4am");
        fireAt("2026-11-21T03:00:00Z");
        cairn.catalog().jobs().setPaused(job.uuid(), true);

        assertThat(fireAt("2026-11-21T04:00:00Z")).isZero();
        assertThat(fireAt("2026-11-22T04:00:00Z")).isZero();
        assertThat(tasksOf(job)).isEmpty();

        cairn.catalog().jobs().setPaused(job.uuid(), false);
        assertThat(fireAt("2026-11-22T05:00:00Z")).isZero();
        assertThat(cairn.catalog().jobs().get(job.uuid()).nextRun()).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
    }

    @Test
    void missedFiringsAreCaughtUpOnceNotOncePerMissedDay() throws Exception {
        start(false);
        Job job = job("daily 4am");
        fireAt("2026-11-21T03:00:00Z");

        assertThat(fireAt("2026-11-25T12:00:00Z")).isEqualTo(1);
        assertThat(tasksOf(job)).hasSize(1);
        assertThat(cairn.catalog().jobs().get(job.uuid()).nextRun()).isEqualTo(Instant.parse("2026-11-26T04:00:00Z"));
    }

    @Test
    void devModeFiresEveryJobEveryMinute() throws Exception {
        start(true);
        Job job = job("monthly at 2:05 on 14th");
        fireAt("2026-11-21T10:00:10Z");

        assertThat(fireAt("2026-11-21T10:01:00Z")).isEqualTo(1);
        assertThat(fireAt("2026-11-21T10:01:30Z")).isZero();
        assertThat(fireAt("2026-11-21T10:02:00Z")).isEqualTo(1);
        assertThat(tasksOf(job)).hasSize(2);
    }

    @Test
    void theScheduleTimeZoneDecidesWhen4amIs() throws Exception {
        start(false);
        Job job = job("daily 4am");
        var schedule = cairn.catalog().schedules().get(job.schedule());
        cairn.catalog().schedules().update(new dev.cairn.core.catalog.Schedule(schedule.uuid(), schedule.name(), "",
                schedule.when(), java.time.ZoneId.of("Asia/Tokyo")));

        fireAt("2026-11-21T00:00:00Z");

        assertThat(cairn.catalog().jobs().get(job.uuid()).nextRun()).isEqualTo(Instant.parse("2026-11-21T19:00:00Z"));
    }
}
