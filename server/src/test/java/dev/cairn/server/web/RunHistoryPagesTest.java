package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.schedule.Timespec;
import dev.cairn.testing.SteppedClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pages say of the runs of a job whose backups of a directory land in two stores: each
 * archive's job and the task that made it, with a verify button; the job's page with its recent tasks
 * and archives, newest first; the archives and tasks lists filtered by job; each store's archives and bytes.
 */
class RunHistoryPagesTest {
    private static final Instant START = Instant.parse("2026-12-01T03:00:00Z");

    @TempDir
    static Path root;
    static SteppedClock clock = new SteppedClock(START);
    static WebFixture web;
    static FormClient client;
    static Store vault;
    static Store offsite;
    static Job job;
    /** The job's two backup tasks, oldest first. */
    static List<Task> runs;
    static Archive jobless;

    @BeforeAll
    static void start() throws IOException {
        web = WebFixture.start(root, clock);
        client = FormClient.logIn(web);
        var catalog = web.cairn().catalog();
        Path source = Files.createDirectories(root.resolve("source"));
        Files.writeString(source.resolve("hello.txt"), "hello from the run history test\n");
        vault = store("vault");
        offsite = store("offsite");
        Target target = new Target(UUID.randomUUID(), "files", "", "fs", Map.of("path", source.toString()), "");
        catalog.targets().insert(target);
        Schedule schedule = new Schedule(UUID.randomUUID(), "nightly", "", Timespec.parse("daily at 3am"), ZoneOffset.UTC);
        catalog.schedules().insert(schedule);
        RetentionPolicy retention = new RetentionPolicy(UUID.randomUUID(), "month", "", 30 * 86400);
        catalog.retention().insert(retention);
        job = new Job(UUID.randomUUID(), "files nightly", "", target.uuid(), vault.uuid(), schedule.uuid(), retention.uuid(),
                Job.HIGHEST_PRIORITY, true, null, List.of(offsite.uuid()), false);
        catalog.jobs().insert(job);
        Task first = run();
        clock.advance(Duration.ofHours(1));
        runs = List.of(first, run());
        // an archive recorded without a job, as the catalog's recovery from a store's manifests can
        jobless = new Archive(UUID.randomUUID(), target.uuid(), "fs", vault.uuid(), null, "k", "k.manifest.json",
                START.minusSeconds(86400), START.plusSeconds(86400 * 30), "", Archive.Status.VALID, 10, 5, "0".repeat(64),
                "zstd", "age");
        catalog.archives().insert(jobless);
    }

    @AfterAll
    static void stop() {
        client.close();
        web.close();
    }

    @Test
    void eachArchiveNamesItsJobAndTheTaskThatMadeItAndShowsItsNotesAsText() {
        web.cairn().catalog().archives().setNotes(archivesOf(runs.getFirst()).getFirst().uuid(), "before the upgrade");
        String page = client.get("/archives").body();

        for (Task run : runs) {
            List<Archive> made = archivesOf(run);
            assertThat(made).extracting(Archive::store).containsExactlyInAnyOrder(vault.uuid(), offsite.uuid());
            // the copy in the other store links to the same task as the one the task recorded
            for (Archive archive : made) {
                assertThat(row(page, archive)).contains("<a href=\"/jobs/" + job.uuid() + "\">files nightly</a>",
                        "href=\"/tasks/" + run.uuid() + "\"", "action=\"/archives/" + archive.uuid() + "/verify\"",
                        "name=\"_csrf\"");
            }
        }
        assertThat(row(page, jobless)).contains("<td data-label=\"Job\">—</td>").doesNotContain("/tasks/");
        assertThat(page).contains("<div class=\"note\" title=\"notes\">before the upgrade</div>").doesNotContain("name=\"notes\"", "/notes\"");
        assertThat(client.post("/archives/" + jobless.uuid() + "/notes", Map.of("notes", "x")).statusCode()).isEqualTo(404);
    }

    @Test
    void verifyQueuesAVerifyOfThatArchiveAndShowsItsTask() {
        Archive copy = archivesOf(runs.getLast()).stream().filter(a -> a.store().equals(offsite.uuid())).findFirst().orElseThrow();

        HttpResponse<String> verify = client.post("/archives/" + copy.uuid() + "/verify", Map.of());

        assertThat(verify.statusCode()).isEqualTo(303);
        String location = verify.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/tasks/");
        UUID task = UUID.fromString(location.substring("/tasks/".length()));
        Task ended = finished(task);
        assertThat(ended.op()).isEqualTo(Task.Op.VERIFY);
        assertThat(ended.archive()).isEqualTo(copy.uuid());
        assertThat(ended.store()).isEqualTo(offsite.uuid());
        assertThat(ended.status()).as("log: %s", ended.log()).isEqualTo(TaskStatus.DONE);
        assertThat(client.get(location).body()).contains("Verify queued.", "archive of files in store offsite");
    }

    @Test
    void aJobsPageShowsItsRecentTasksAndArchivesNewestFirstAboveItsForm() {
        String page = client.get("/jobs/" + job.uuid()).body();

        String tasks = section(page, "job-tasks");
        assertThat(tasks.indexOf("/tasks/" + runs.getLast().uuid())).isPositive()
                .isLessThan(tasks.indexOf("/tasks/" + runs.getFirst().uuid()));
        assertThat(tasks).contains("badge done", "2026-12-01 04:00 UTC", "href=\"/tasks?job=" + job.uuid() + "\"");
        String archives = section(page, "job-archives");
        Archive newest = archivesOf(runs.getLast()).getFirst();
        Archive oldest = archivesOf(runs.getFirst()).getFirst();
        assertThat(archives.indexOf("/archives/" + newest.uuid() + "/restore")).isPositive()
                .isLessThan(archives.indexOf("/archives/" + oldest.uuid() + "/restore"));
        assertThat(archives).contains("vault", "offsite", "All archives of this job (4)", "href=\"/archives?job=" + job.uuid() + "\"")
                .doesNotContain(jobless.uuid().toString());
        assertThat(page.indexOf("id=\"job-form\"")).isGreaterThan(page.indexOf("id=\"job-archives\""));
    }

    @Test
    void theArchivesAndTasksListsFilterByJob() {
        String archives = client.get("/archives?job=" + job.uuid()).body();
        for (Task run : runs) {
            archivesOf(run).forEach(a -> assertThat(archives).contains("id=\"archive-" + a.uuid() + "\""));
        }
        assertThat(archives).doesNotContain("id=\"archive-" + jobless.uuid() + "\"")
                .contains("<option value=\"" + job.uuid() + "\" selected>files nightly</option>");
        assertThat(client.get("/archives?job=nightly").statusCode()).isEqualTo(400);

        String tasks = client.get("/tasks?job=" + job.uuid()).body();
        assertThat(tasks).contains("Tasks of job <a href=\"/jobs/" + job.uuid() + "\">files nightly</a>",
                "/tasks/" + runs.getFirst().uuid(), "/tasks/" + runs.getLast().uuid(),
                "href=\"/tasks?status=done&amp;job=" + job.uuid() + "\"");
        assertThat(client.get("/tasks?job=" + UUID.randomUUID()).body()).contains("No tasks.");
        assertThat(client.get("/tasks?job=nightly").statusCode()).isEqualTo(400);
    }

    @Test
    void theStoresPageShowsEachStoresArchivesAndBytesUsedLeavingPurgedOnesOut() {
        var archives = web.cairn().catalog().archives();
        Archive purged = new Archive(UUID.randomUUID(), jobless.target(), "fs", vault.uuid(), null, "gone", "gone.manifest.json",
                START.minusSeconds(7200), START, "", Archive.Status.VALID, 1 << 20, 1 << 20, "1".repeat(64), "zstd", "age");
        archives.insert(purged);
        archives.markPurged(purged.uuid());

        String page = client.get("/stores").body();

        for (Store store : List.of(vault, offsite)) {
            List<Archive> stored = archives.list(new ArchiveFilter(null, store.uuid(), null, null, false));
            assertThat(stored).hasSizeGreaterThanOrEqualTo(2).extracting(Archive::uuid).doesNotContain(purged.uuid());
            assertThat(storeCells(page, store)).contains(
                    "<a href=\"/archives?store=" + store.uuid() + "\">" + stored.size() + "</a>",
                    "<td data-label=\"Used\" class=\"used\">" + Display.size(stored.stream().mapToLong(Archive::storedSize).sum()) + "</td>");
        }
    }

    /** Runs the job now, as its Run now button does, and waits for its backup to end well. */
    private static Task run() {
        HttpResponse<String> queued = client.post("/jobs/" + job.uuid() + "/run", Map.of());
        assertThat(queued.statusCode()).isEqualTo(303);
        Task ended = finished(UUID.fromString(queued.headers().firstValue("Location").orElseThrow().substring("/tasks/".length())));
        assertThat(ended.status()).as("log: %s", ended.log()).isEqualTo(TaskStatus.DONE);
        return ended;
    }

    private static Task finished(UUID task) {
        return await("task " + task + " to end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> web.cairn().catalog().tasks().get(task), t -> t.status().finished());
    }

    /** The archives {@code run} stored: the one it recorded and its copies, taken at the same instant. */
    private static List<Archive> archivesOf(Task run) {
        Archive recorded = web.cairn().catalog().archives().get(run.archive());
        return web.cairn().catalog().archives().list(ArchiveFilter.ALL).stream()
                .filter(a -> job.uuid().equals(a.job()) && a.takenAt().equals(recorded.takenAt())).toList();
    }

    private static Store store(String name) throws IOException {
        Store store = new Store(UUID.randomUUID(), name, "", "fs", Map.of("path", Files.createDirectories(root.resolve(name)).toString()));
        web.cairn().catalog().stores().insert(store);
        return store;
    }

    private static String row(String page, Archive archive) {
        String row = page.substring(page.indexOf("id=\"archive-" + archive.uuid() + "\""));
        return row.substring(0, row.indexOf("</tr>"));
    }

    private static String section(String page, String id) {
        String section = page.substring(page.indexOf("id=\"" + id + "\""));
        return section.substring(0, section.indexOf("</section>"));
    }

    private static String storeCells(String page, Store store) {
        String row = page.substring(page.indexOf("<a href=\"/stores/" + store.uuid() + "\">"));
        return row.substring(0, row.indexOf("</tr>"));
    }
}
