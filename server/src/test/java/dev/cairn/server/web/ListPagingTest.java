package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archives and tasks pages show 50 rows a page, newest first, with links to the pages around them. */
class ListPagingTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Pattern ARCHIVE_ROW = Pattern.compile("/archives/[0-9a-f-]{36}/restore");
    private static final Pattern TASK_ROW = Pattern.compile("<td data-label=\"Task\"><a href=\"/tasks/[0-9a-f-]{36}\">");

    @TempDir
    static Path root;
    static WebFixture web;
    static Target target;

    @BeforeAll
    static void start() throws IOException {
        web = WebFixture.start(root);
        var catalog = web.cairn().catalog();
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs", Map.of("path", Files.createDirectories(root.resolve("store")).toString()));
        catalog.stores().insert(store);
        target = new Target(UUID.randomUUID(), "files", "", "fs", Map.of("path", root.toString()), "");
        catalog.targets().insert(target);
        for (int i = 0; i < 73; i++) {
            Instant taken = START.plusSeconds(3600L * i);
            catalog.archives().insert(new Archive(UUID.randomUUID(), target.uuid(), "fs", store.uuid(), null, "key-" + i,
                    "key-" + i + ".manifest.json", taken, taken.plusSeconds(86400 * 365), "number " + i, Archive.Status.VALID,
                    10, 5, "0".repeat(64), "zstd", "age"));
        }
        for (int i = 0; i < 120; i++) {
            Instant asked = START.plusSeconds(60L * i);
            catalog.tasks().insert(new Task(UUID.randomUUID(), "test", Task.Op.BACKUP, null, null, target.uuid(), store.uuid(),
                    TaskStatus.DONE, 50, asked, asked, asked.plusSeconds(5), null, ""));
        }
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void archivesComeFiftyAPageWithTheirFiltersKept() {
        FormClient client = FormClient.logIn(web);
        String first = client.get("/archives?target=" + target.uuid()).body();
        assertThat(ARCHIVE_ROW.matcher(first).results().count()).isEqualTo(50);
        assertThat(first).contains("1–50 of 73", "number 72").doesNotContain("number 22<")
                .contains("/archives?target=" + target.uuid() + "&amp;page=2").doesNotContain("Newer");

        String second = client.get("/archives?target=" + target.uuid() + "&page=2").body();
        assertThat(ARCHIVE_ROW.matcher(second).results().count()).isEqualTo(23);
        assertThat(second).contains("51–73 of 73", "number 0", "Newer").doesNotContain("Older");
    }

    @Test
    void tasksComeFiftyAPageAndABadPageIsRefused() {
        FormClient client = FormClient.logIn(web);
        assertThat(TASK_ROW.matcher(client.get("/tasks").body()).results().count()).isEqualTo(50);
        String last = client.get("/tasks?page=3").body();
        assertThat(TASK_ROW.matcher(last).results().count()).isEqualTo(20);
        assertThat(last).contains("101–120 of 120");
        assertThat(client.get("/tasks?page=0").statusCode()).isEqualTo(400);
    }
}
