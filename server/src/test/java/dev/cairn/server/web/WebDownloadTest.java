package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.core.schedule.Timespec;
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
 * The web UI's downloads: a Download button on each archive and a "Download latest" on each target,
 * signed in by the session, giving the same bytes as the API; the curl line to copy names the short
 * {@code /download/NAME} form and the user; a developer, who may not download whole archives, sees
 * neither button and is refused the address naming the permission.
 */
class WebDownloadTest {
    @TempDir
    static Path root;
    static WebFixture web;
    static FormClient admin;
    static Access access;
    static Target target;
    static Archive archive;
    static String developerToken;

    @BeforeAll
    static void start() throws IOException {
        web = WebFixture.start(root);
        admin = FormClient.logIn(web);
        access = web.cairn().access();
        var catalog = web.cairn().catalog();
        Team team = new Team(UUID.randomUUID(), "shop", "");
        access.teams().insert(team);
        User developer = new User(UUID.randomUUID(), "dev", "", null, false, User.LOCAL, Instant.now());
        access.users().insert(developer);
        access.teams().setMember(team.uuid(), developer.uuid(), Role.DEVELOPER, "local");
        developerToken = access.tokens().create(developer.uuid(), "web", null).secret();

        Path source = Files.createDirectories(root.resolve("source"));
        Files.writeString(source.resolve("orders.csv"), "id,total\n1,9.99\n2,19.50\n");
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs",
                Map.of("path", Files.createDirectories(root.resolve("store")).toString()));
        catalog.stores().insert(store);
        target = new Target(UUID.randomUUID(), "shop files", "", "fs", Map.of("path", source.toString()), "")
                .ownedBy(team.uuid());
        catalog.targets().insert(target);
        Schedule schedule = new Schedule(UUID.randomUUID(), "nightly", "", Timespec.parse("daily at 3am"), ZoneOffset.UTC);
        catalog.schedules().insert(schedule);
        RetentionPolicy retention = new RetentionPolicy(UUID.randomUUID(), "month", "", 30 * 86400);
        catalog.retention().insert(retention);
        Job job = new Job(UUID.randomUUID(), "shop nightly", "", target.uuid(), store.uuid(), schedule.uuid(),
                retention.uuid(), Job.HIGHEST_PRIORITY, true, null, List.of(), false);
        catalog.jobs().insert(job);
        HttpResponse<String> queued = admin.post("/jobs/" + job.uuid() + "/run", Map.of());
        assertThat(queued.statusCode()).isEqualTo(303);
        UUID taskId = UUID.fromString(queued.headers().firstValue("Location").orElseThrow().substring("/tasks/".length()));
        Task ended = await("the backup").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> catalog.tasks().get(taskId), t -> t.status().finished());
        assertThat(ended.status()).as("log: %s", ended.log()).isEqualTo(TaskStatus.DONE);
        archive = catalog.archives().get(ended.archive());
    }

    @AfterAll
    static void stop() {
        admin.close();
        web.close();
    }

    @Test
    void theButtonsGiveTheSameBytesAsTheApiAndAreAudited() {
        byte[] api = admin.apiBytes("/v1/archive/" + archive.uuid() + "/download", WebFixture.TOKEN).body();
        assertThat(api).hasSize((int) archive.rawSize());

        assertThat(admin.get("/archives").body()).contains("href=\"/archives/" + archive.uuid() + "/download\" download>Download</a>");
        HttpResponse<byte[]> one = admin.bytes("/archives/" + archive.uuid() + "/download");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).isEqualTo(api);
        assertThat(one.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"shop_files-").endsWith(".tar\"");

        HttpResponse<byte[]> latest = admin.bytes("/targets/" + target.uuid() + "/download");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).isEqualTo(api);

        // the row is written once the last byte is out, a moment after the client has it
        await("three audited downloads").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> access.audit().page(new AuditFilter(null, null, "download", archive.uuid(), null, null),
                        TeamScope.ALL, null, 0, 50).items().stream().filter(e -> e.outcome() == AuditEntry.Outcome.OK
                                && e.detail().endsWith(archive.rawSize() + " bytes sent, complete")).count() >= 3);
    }

    @Test
    void theTargetsPageShowsTheCurlLineToCopy() {
        String page = admin.get("/targets").body();
        assertThat(page).contains("href=\"/targets/" + target.uuid() + "/download\" download>Download latest</a>");
        String curl = "curl -fsS -u admin 'http://127.0.0.1:" + web.port() + "/download/shop%20files'";
        assertThat(page).contains("<code class=\"mono copyable\">" + curl + "</code>",
                "data-copy=\"" + curl + "\"");
    }

    @Test
    void aDeveloperSeesNoDownloadOfWholeArchivesAndIsRefusedTheAddress() {
        try (FormClient developer = FormClient.logIn(web, developerToken)) {
            assertThat(developer.get("/archives").body()).contains("archive-" + archive.uuid()).doesNotContain("/download");
            assertThat(developer.get("/targets").body()).contains("shop files").doesNotContain("/download", "curl -fsS");
            HttpResponse<String> refused = developer.get("/archives/" + archive.uuid() + "/download");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("download-full");
        }
    }
}
