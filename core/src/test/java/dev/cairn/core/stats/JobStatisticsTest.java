package dev.cairn.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Catalog;
import dev.cairn.core.catalog.TaskStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's statistics over a real SQLite catalog with an injected clock: rates count done against
 * failed runs in their window and leave canceled ones out, the runs come newest first with their
 * archives' sizes, and the mean time between failures is the mean gap between failures of 30 days.
 */
class JobStatisticsTest {
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    private static final UUID STORE = UUID.randomUUID();
    @TempDir
    Path temp;

    @Test
    void ratesRunsAndMeanTimeBetweenFailures() {
        try (Catalog catalog = Catalog.sqlite(temp)) {
            Jdbi jdbi = store(catalog.jdbi());
            UUID job = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            // daily runs for 40 days: failures 2, 5 and 11 days ago, one canceled 3 days ago, one 35 days ago
            for (int daysAgo = 40; daysAgo >= 1; daysAgo--) {
                TaskStatus status = daysAgo == 2 || daysAgo == 5 || daysAgo == 11 || daysAgo == 35 ? TaskStatus.FAILED
                        : daysAgo == 3 ? TaskStatus.CANCELED : TaskStatus.DONE;
                run(jdbi, job, NOW.minus(Duration.ofDays(daysAgo)), Duration.ofSeconds(60 + daysAgo), status, 1000L * daysAgo);
            }
            run(jdbi, other, NOW.minus(Duration.ofHours(1)), Duration.ofSeconds(5), TaskStatus.FAILED, 0);
            JobStatistics statistics = new JobStatistics(new BackupHistory(jdbi), Clock.fixed(NOW, ZoneOffset.UTC));

            JobStats stats = statistics.of(job, 10);

            // last 7 days: 7 ended, 1 canceled (3 days ago), failures 2 and 5 days ago → 4 of 6
            assertThat(stats.last7Days()).isEqualTo(new JobStats.Rate(Duration.ofDays(7), 7, 4, 2));
            assertThat(stats.last7Days().rate()).isEqualTo(4.0 / 6);
            // last 30 days: 30 ended, 1 canceled, 3 failures → 26 of 29
            assertThat(stats.last30Days()).isEqualTo(new JobStats.Rate(Duration.ofDays(30), 30, 26, 3));
            // failures ended 11, 5 and 2 days ago (plus the run's length): two gaps over 9 days
            assertThat(stats.meanTimeBetweenFailures()).isEqualTo(Duration.ofDays(9).minusSeconds(9).dividedBy(2));
            assertThat(stats.runs()).hasSize(10);
            assertThat(stats.runs().getFirst().startedAt()).isEqualTo(NOW.minus(Duration.ofDays(1)));
            assertThat(stats.runs().getFirst().duration()).isEqualTo(Duration.ofSeconds(61));
            assertThat(stats.runs().getFirst().rawBytes()).isEqualTo(1000);
            assertThat(stats.runs().getFirst().storedBytes()).isEqualTo(100);
            assertThat(stats.runs().get(1).status()).isEqualTo(TaskStatus.FAILED);
            assertThat(stats.runs().get(1).archive()).as("a failed run made no archive").isNull();
            assertThat(stats.runs().get(1).storedBytes()).isZero();
            assertThat(stats.lastSuccess()).isEqualTo(NOW.minus(Duration.ofDays(1)).plusSeconds(61));
            assertThat(stats.lastFailure()).isEqualTo(NOW.minus(Duration.ofDays(2)).plusSeconds(62));

            JobStats none = statistics.of(UUID.randomUUID());
            assertThat(none.last30Days().rate()).isNull();
            assertThat(none.meanTimeBetweenFailures()).isNull();
            assertThat(none.runs()).isEmpty();
            assertThatThrownBy(() -> statistics.of(job, 0)).isInstanceOf(CairnException.InvalidInput.class)
                    .hasMessage("runs must be between 1 and 1000, got 0");
        }
    }

    @Test
    void theOverviewHasEachJobsLastRunAndLastSuccess() {
        try (Catalog catalog = Catalog.sqlite(temp)) {
            Jdbi jdbi = store(catalog.jdbi());
            UUID job = UUID.randomUUID();
            run(jdbi, job, NOW.minus(Duration.ofDays(2)), Duration.ofSeconds(30), TaskStatus.DONE, 500);
            run(jdbi, job, NOW.minus(Duration.ofDays(1)), Duration.ofSeconds(40), TaskStatus.DONE, 700);
            run(jdbi, job, NOW.minus(Duration.ofHours(2)), Duration.ofSeconds(50), TaskStatus.FAILED, 0);
            BackupHistory history = new BackupHistory(jdbi);
            BackupRun last = history.lastOfEachJob().get(job);
            BackupRun good = history.lastSuccessOfEachJob().get(job);
            assertThat(last.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(last.duration()).isEqualTo(Duration.ofSeconds(50));
            assertThat(good.rawBytes()).isEqualTo(700);
            assertThat(good.takenAt()).isEqualTo(NOW.minus(Duration.ofDays(1)).plusSeconds(40));
        }
    }

    private static Jdbi store(Jdbi jdbi) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO stores (uuid, name, plugin, endpoint) VALUES (:uuid, 'store', 'fs', '{}')")
                .bind("uuid", STORE.toString()).execute());
        return jdbi;
    }

    /** One ended backup task of {@code job}, with an archive of {@code raw} bytes (a tenth stored) when it succeeded. */
    private static void run(Jdbi jdbi, UUID job, Instant start, Duration length, TaskStatus status, long raw) {
        UUID task = UUID.randomUUID();
        UUID archive = status == TaskStatus.DONE ? UUID.randomUUID() : null;
        Instant stop = start.plus(length);
        jdbi.useHandle(h -> {
            if (archive != null) {
                h.createUpdate("INSERT INTO archives (uuid, target_uuid, plugin, store_uuid, job_uuid, store_key, manifest_key, "
                                + "taken_at, expires_at, raw_size, stored_size, sha256, compression, encryption) VALUES (:uuid, :target, "
                                + "'fs', :store, :job, 'k', 'm', :taken, :expires, :raw, :stored, 'x', 'zstd', 'age')")
                        .bind("uuid", archive.toString()).bind("target", UUID.randomUUID().toString())
                        .bind("store", STORE.toString()).bind("job", job.toString())
                        .bind("taken", stop.getEpochSecond()).bind("expires", stop.getEpochSecond() + 86400)
                        .bind("raw", raw).bind("stored", raw / 10).execute();
            }
            h.createUpdate("INSERT INTO tasks (uuid, owner, op, job_uuid, archive_uuid, target_uuid, store_uuid, status, "
                            + "requested_at, started_at, stopped_at) VALUES (:uuid, 'system', 'backup', :job, :archive, :target, "
                            + ":store, :status, :requested, :started, :stopped)")
                    .bind("uuid", task.toString()).bind("job", job.toString())
                    .bind("archive", archive == null ? null : archive.toString())
                    .bind("target", UUID.randomUUID().toString()).bind("store", UUID.randomUUID().toString())
                    .bind("status", status.wire()).bind("requested", start.getEpochSecond())
                    .bind("started", start.getEpochSecond()).bind("stopped", stop.getEpochSecond()).execute();
        });
    }
}
