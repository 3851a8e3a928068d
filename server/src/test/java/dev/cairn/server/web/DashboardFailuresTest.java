package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.schedule.Timespec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's failures: runs of one job that failed alike are one row, with a count, the reason and the
 * last time; the tasks page shows each failed task's reason.
 */
class DashboardFailuresTest {
    private static final Pattern FAILURE = Pattern.compile("<li class=\"failure\">(.*?)</li>", Pattern.DOTALL);

    @TempDir
    static Path root;
    static WebFixture web;

    @BeforeAll
    static void start() {
        web = WebFixture.start(root);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void runsOfOneJobThatFailedAlikeAreOneRowWithTheirCountAndReason() throws IOException {
        var catalog = web.cairn().catalog();
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs", Map.of("path", Files.createDirectories(root.resolve("store")).toString()));
        catalog.stores().insert(store);
        Schedule schedule = new Schedule(UUID.randomUUID(), "nightly", "", Timespec.parse("daily at 3am"), ZoneOffset.UTC);
        catalog.schedules().insert(schedule);
        RetentionPolicy retention = new RetentionPolicy(UUID.randomUUID(), "week", "", 7 * 86400);
        catalog.retention().insert(retention);
        UUID often = job("often broken", "gone-often", store, schedule, retention);
        UUID once = job("broken once", "gone-once", store, schedule, retention);

        List<Task> failed = List.of(fail(often), fail(often), fail(once), fail(often));

        FormClient client = FormClient.logIn(web);
        String page = client.get("/").body();
        String section = page.substring(page.indexOf("id=\"failures\""));
        section = section.substring(0, section.indexOf("</section>"));
        Matcher rows = FAILURE.matcher(section);
        List<String> found = rows.results().map(m -> m.group(1)).toList();
        assertThat(found).hasSize(2);
        // times are kept to the second: these four may share one, so which run is "the last" is not asserted
        String oftenRow = found.stream().filter(row -> row.contains("often broken")).findFirst().orElseThrow();
        String onceRow = found.stream().filter(row -> row.contains("broken once")).findFirst().orElseThrow();
        assertThat(oftenRow).contains("3 failures, the last", "class=\"reason\"", "gone-often").doesNotContain("gone-once")
                .containsPattern("/tasks/(" + failed.get(0).uuid() + "|" + failed.get(1).uuid() + "|" + failed.get(3).uuid() + ")");
        assertThat(onceRow).contains("/tasks/" + failed.get(2).uuid(), "gone-once").doesNotContain("failures, the last");
        String reason = catalog.tasks().get(failed.get(3).uuid()).failureReason();
        assertThat(reason).contains("gone-often");

        // the tasks page says why each failed task failed, under its status
        String tasks = client.get("/tasks?status=failed").body();
        assertThat(tasks.split("class=\"reason\"", -1)).hasSize(5);
        assertThat(tasks).contains("gone-often", "gone-once");
    }

    private static UUID job(String name, String missingDirectory, Store store, Schedule schedule, RetentionPolicy retention) {
        var catalog = web.cairn().catalog();
        Target target = new Target(UUID.randomUUID(), name + " files", "", "fs",
                Map.of("path", root.resolve(missingDirectory).toString()), "");
        catalog.targets().insert(target);
        Job job = new Job(UUID.randomUUID(), name, "", target.uuid(), store.uuid(), schedule.uuid(), retention.uuid(),
                Job.HIGHEST_PRIORITY, true, null, List.of(), false);
        catalog.jobs().insert(job);
        return job.uuid();
    }

    /** Runs {@code job} now and waits until its task has failed, as a missing directory makes it. */
    private static Task fail(UUID job) {
        UUID task = web.cairn().requests().runJob(job, "tester").uuid();
        Task ended = await("task " + task + " to end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> web.cairn().catalog().tasks().get(task), t -> t.status().finished());
        assertThat(ended.status().wire()).as("log: %s", ended.log()).isEqualTo("failed");
        return ended;
    }
}
