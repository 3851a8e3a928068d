package dev.cairn.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grandfather-father-son retention over a year of daily archives: the sweep keeps exactly what the
 * policy names, and the preview lists exactly what the sweep then purges.
 */
class GfsRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final ArchiveFilter WITH_PURGED = new ArchiveFilter(null, null, null, null, true);
    @TempDir
    Path temp;
    private final SteppedClock clock = new SteppedClock(NOW);
    private Cairn cairn;
    private Job job;
    private RetentionPolicy policy;

    @BeforeEach
    void aYearOfDailyArchives() throws Exception {
        cairn = CoreFixture.start(settings(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15))), clock);
        Files.createDirectories(temp.resolve("src"));
        Job fixture = CoreFixture.job(cairn, "fs", Map.of("path", temp.resolve("src").toString()), temp.resolve("store"), "daily 2am");
        policy = new RetentionPolicy(UUID.randomUUID(), "gfs", "", 3 * 86400, new RetentionPolicy.Keep(7, 4, 6, 3));
        cairn.catalog().retention().insert(policy);
        job = new Job(fixture.uuid(), fixture.name(), "", fixture.target(), fixture.store(), fixture.schedule(), policy.uuid(),
                50, false, null, List.of(), false);
        cairn.catalog().jobs().update(job);
        for (LocalDate day = LocalDate.parse("2025-11-21"); !day.isAfter(LocalDate.parse("2026-11-20")); day = day.plusDays(1)) {
            archiveOf(day);
        }
    }

    private void archiveOf(LocalDate day) throws Exception {
        Instant taken = day.atTime(2, 0).toInstant(ZoneOffset.UTC);
        UUID uuid = UUID.randomUUID();
        String key = "gfs/" + day + "-" + uuid;
        Files.createDirectories(temp.resolve("store/gfs"));
        Files.writeString(temp.resolve("store").resolve(key), "archive of " + day);
        Files.writeString(temp.resolve("store").resolve(key + ".json"), "{}");
        cairn.catalog().archives().insert(new Archive(uuid, job.target(), "fs", job.store(), job.uuid(), key, key + ".json",
                taken, taken.plusSeconds(policy.expires()), "", Archive.Status.VALID, 10, 10, "00", "zstd", "age"));
    }

    /** The settings the core starts with: a SQLite catalog here; a subclass runs the same on PostgreSQL. */
    CairnSettings settings(CairnSettings defaults) {
        return defaults;
    }

    @AfterEach
    void stop() {
        cairn.close();
    }

    private Set<String> storedDays() {
        return cairn.catalog().archives().list(ArchiveFilter.ALL).stream().map(GfsRetentionTest::day).collect(Collectors.toSet());
    }

    private static String day(Archive archive) {
        return archive.takenAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    @Test
    void theSweepKeepsExactlyWhatThePolicyNamesAndThePreviewMatchesIt() {
        assertThat(storedDays()).hasSize(365);
        RetentionPlan preview = cairn.sweeper().preview(policy, job.target(), NOW);
        Set<String> previewPurged = preview.purged().stream().map(GfsRetentionTest::day).collect(Collectors.toSet());

        int purged = cairn.sweeper().sweep(NOW);

        Set<String> expected = Set.of(
                // daily 7 (of which the 19th and 20th have not expired yet)
                "2026-11-14", "2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20",
                // weekly 4: W47 (the 20th), W46, W45, W44 end on Sundays
                "2026-11-08", "2026-11-01",
                // monthly 6: November (the 20th), then the last day of October to June
                "2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30",
                // yearly 3: 2026 (the 20th), 2025; there is no third year
                "2025-12-31");
        assertThat(storedDays()).isEqualTo(expected);
        assertThat(purged).isEqualTo(365 - expected.size());
        assertThat(preview.kept()).hasSize(expected.size());
        assertThat(preview.kept().stream().map(GfsRetentionTest::day).collect(Collectors.toSet())).isEqualTo(expected);
        Set<String> actuallyPurged = cairn.catalog().archives().list(WITH_PURGED).stream()
                .filter(a -> a.status() == Archive.Status.PURGED).map(GfsRetentionTest::day).collect(Collectors.toSet());
        assertThat(previewPurged).isEqualTo(actuallyPurged).hasSize(350);
        for (Archive gone : cairn.catalog().archives().list(WITH_PURGED)) {
            assertThat(Files.exists(temp.resolve("store").resolve(gone.storeKey()))).isEqualTo(gone.status().stored());
        }

        Map<String, List<String>> why = preview.decisions().stream().filter(d -> !d.purge())
                .collect(Collectors.toMap(d -> day(d.archive()), RetentionPlan.Decision::keptBy));
        assertThat(why.get("2026-11-20")).containsExactly("not expired until 2026-11-23T02:00:00Z",
                "daily 2026-11-20", "weekly 2026-W47", "monthly 2026-11", "yearly 2026");
        assertThat(why.get("2026-11-15")).containsExactly("daily 2026-11-15", "weekly 2026-W46");
        assertThat(why.get("2025-12-31")).containsExactly("yearly 2025");
        assertThat(cairn.sweeper().sweep(NOW)).isZero();
    }

    @Test
    void aDayLaterTheOldestDailyGoesAndTheRestStay() throws Exception {
        cairn.sweeper().sweep(NOW);
        assertThat(cairn.sweeper().sweep(NOW.plus(Duration.ofDays(1)))).as("no new archive: the last 7 days that have one stay").isZero();
        archiveOf(LocalDate.parse("2026-11-21"));
        Set<String> before = new HashSet<>(storedDays());
        Instant later = NOW.plus(Duration.ofDays(1));
        RetentionPlan preview = cairn.sweeper().preview(policy, job.target(), later);
        assertThat(preview.purged()).extracting(GfsRetentionTest::day).containsExactly("2026-11-14");

        assertThat(cairn.sweeper().sweep(later)).isEqualTo(1);
        before.remove("2026-11-14");
        assertThat(storedDays()).isEqualTo(before);
    }

    @Test
    void aPolicyWithoutRulesPurgesByExpiryAlone() {
        RetentionPolicy plain = new RetentionPolicy(policy.uuid(), "gfs", "", 3 * 86400);
        cairn.catalog().retention().update(plain);
        assertThat(cairn.catalog().retention().get(policy.uuid()).keep()).isEqualTo(RetentionPolicy.Keep.NONE);

        assertThat(cairn.sweeper().sweep(NOW)).isEqualTo(363);
        assertThat(storedDays()).containsExactlyInAnyOrder("2026-11-19", "2026-11-20");
    }
}
