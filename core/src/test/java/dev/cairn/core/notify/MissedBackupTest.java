package dev.cairn.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The missed-backup alarm, with a stepped clock and no scheduler running (as when it has stopped):
 * it fires once when a job's schedule passes without a good backup, not again while the job stays
 * without one, and again only after a good backup and a new miss.
 */
class MissedBackupTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path temp;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final WebhookReceiver receiver = new WebhookReceiver();
    private Cairn cairn;
    private Job job;

    @BeforeEach
    void start() throws Exception {
        // no scheduler: the watch must notice on its own
        cairn = CoreFixture.start(settings(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15))), clock);
        Files.createDirectories(temp.resolve("src"));
        Files.writeString(temp.resolve("src/notes.txt"), "nightly");
        job = CoreFixture.job(cairn, "fs", Map.of("path", temp.resolve("src").toString()), temp.resolve("store"), "daily 4am");
    }

    /** The settings the core starts with: a SQLite catalog here; a subclass runs the same on PostgreSQL. */
    CairnSettings settings(CairnSettings defaults) {
        return defaults;
    }

    @AfterEach
    void stop() {
        cairn.close();
        receiver.close();
    }

    private void goodBackup() {
        Task task = cairn.requests().runJob(job.uuid(), "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> cairn.catalog().tasks().get(task.uuid()).status().finished());
        assertThat(cairn.catalog().tasks().get(task.uuid()).status()).isEqualTo(TaskStatus.DONE);
    }

    private int check(String at) {
        clock.set(Instant.parse(at));
        return cairn.notificationWatch().check(clock.instant());
    }

    private List<WebhookReceiver.Received> alarms() {
        return receiver.at("/missed");
    }

    @Test
    void firesOnceWhenTheScheduleHasPassedAndAgainOnlyAfterARecovery() {
        Channel channel = new Channel(UUID.randomUUID(), "missed", "", ChannelKind.WEBHOOK,
                Map.of("url", receiver.url("/missed"), "secret", "s"), EnumSet.of(Event.MISSED_BACKUP), List.of(), null);
        cairn.notifier().channels().insert(channel);
        goodBackup(); // at 10:00 on the 21st; next run 04:00 on the 22nd, late from 05:00

        assertThat(check("2026-11-21T10:00:00Z")).isZero();
        assertThat(check("2026-11-22T04:30:00Z")).as("the run is due but not an hour late yet").isZero();
        assertThat(check("2026-11-22T05:00:00Z")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> alarms().size() == 1);
        var body = JSON.readTree(alarms().getFirst().body());
        assertThat(body.path("event").stringValue()).isEqualTo("missed-backup");
        assertThat(body.path("details").path("job_uuid").stringValue()).isEqualTo(job.uuid().toString());
        assertThat(body.path("details").path("due_at").stringValue()).isEqualTo("2026-11-22T05:00:00Z");

        assertThat(check("2026-11-22T06:00:00Z")).as("told once").isZero();
        assertThat(check("2026-11-23T06:00:00Z")).as("still missing, still told once").isZero();

        goodBackup(); // recovers at 06:00 on the 23rd
        assertThat(check("2026-11-23T06:01:00Z")).isZero();
        assertThat(check("2026-11-24T04:59:00Z")).isZero();
        assertThat(check("2026-11-24T05:00:00Z")).as("a new miss after the recovery").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> alarms().size() == 2);
        assertThat(check("2026-11-24T07:00:00Z")).isZero();
        assertThat(alarms()).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> cairn.notifier().deliveries().of(channel.uuid(), 10).size() == 2);
        assertThat(cairn.notifier().deliveries().of(channel.uuid(), 10)).allSatisfy(d -> {
            assertThat(d.sent()).isTrue();
            assertThat(d.event()).isEqualTo(Event.MISSED_BACKUP);
        });
    }

    @Test
    void aThresholdCountsFromTheLastGoodBackupAndAJobThatNeverRanCountsFromWhenItWasSeen() {
        cairn.notifier().channels().insert(new Channel(UUID.randomUUID(), "two days", "", ChannelKind.WEBHOOK,
                Map.of("url", receiver.url("/missed"), "secret", "s"), EnumSet.of(Event.MISSED_BACKUP), List.of(job.uuid()),
                Duration.ofDays(2)));
        assertThat(check("2026-11-21T10:00:00Z")).as("never ran: counted from now").isZero();
        assertThat(check("2026-11-23T09:59:00Z")).isZero();
        assertThat(check("2026-11-23T10:00:00Z")).isEqualTo(1);
        assertThat(check("2026-11-23T11:00:00Z")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> alarms().size() == 1);
        assertThat(JSON.readTree(alarms().getFirst().body()).path("details").path("last_success_at").isNull()).isTrue();
    }

    @Test
    void aPausedJobIsNotMissed() {
        cairn.notifier().channels().insert(new Channel(UUID.randomUUID(), "missed", "", ChannelKind.WEBHOOK,
                Map.of("url", receiver.url("/missed"), "secret", "s"), EnumSet.of(Event.MISSED_BACKUP), List.of(), null));
        goodBackup();
        cairn.catalog().jobs().setPaused(job.uuid(), true);
        assertThat(check("2026-11-25T05:00:00Z")).isZero();
    }
}
