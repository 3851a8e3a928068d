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
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A target's rules page on a real PostgreSQL: empty at first, a document saved from the text area
 * becomes version 1, "Check" shows the strict report and a before/after preview of the latest
 * archive, and the archives page marks a variant with its badge.
 */
@Timeout(600)
class WebRulesTest {
    private static final String RULES = """
            tables:
              customers:
                columns: {id: safe, email: hash, name: {fake: name}}
            """;
    static Path root;
    static PostgresServer postgres;
    static WebFixture web;
    static FormClient admin;
    static Target target;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        postgres.execute("shop", "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, name text NOT NULL)");
        postgres.execute("shop", "INSERT INTO customers SELECT i, 'real' || i || '@corp.test', 'Real Name ' || i "
                + "FROM generate_series(1, 20) i");
        root = ServerAccounts.reachableDirectory("cairn-web-rules-");
        web = WebFixture.start(root);
        admin = FormClient.logIn(web);
        var catalog = web.cairn().catalog();
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs",
                Map.of("path", Files.createDirectories(root.resolve("store")).toString()));
        catalog.stores().insert(store);
        target = new Target(UUID.randomUUID(), "shop-db", "", "postgres", Map.of("host", postgres.host(), "port",
                postgres.port(), "user", postgres.user(), "password", postgres.password(), "database", "shop"), "");
        catalog.targets().insert(target);
        Schedule schedule = new Schedule(UUID.randomUUID(), "nightly", "", Timespec.parse("daily at 3am"), ZoneOffset.UTC);
        catalog.schedules().insert(schedule);
        RetentionPolicy retention = new RetentionPolicy(UUID.randomUUID(), "month", "", 30 * 86400);
        catalog.retention().insert(retention);
        Job job = new Job(UUID.randomUUID(), "shop nightly", "", target.uuid(), store.uuid(), schedule.uuid(),
                retention.uuid(), Job.HIGHEST_PRIORITY, true, null, List.of(), false);
        catalog.jobs().insert(job);
        Task backup = web.cairn().requests().runJob(job.uuid(), "admin");
        Task ended = await("the backup").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> catalog.tasks().get(backup.uuid()), t -> t.status().finished());
        assertThat(ended.status()).as("log: %s", ended.log()).isEqualTo(TaskStatus.DONE);
    }

    @AfterAll
    static void stop() {
        try {
            if (web != null) {
                admin.close();
                web.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (root != null) {
                ServerAccounts.delete(root);
            }
        }
    }

    @Test
    void rulesAreSavedCheckedPreviewedAndTheVariantIsMarked() throws Exception {
        String path = "/targets/" + target.uuid() + "/rules";
        assertThat(admin.get("/targets").body()).contains("href=\"" + path + "\"");
        assertThat(admin.get(path).body()).contains("No rules are saved yet");

        HttpResponse<String> bad = admin.post(path, Map.of("action", "save", "document", "tables: {customers: {columns: {id: boom}}}"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("boom");

        HttpResponse<String> saved = admin.post(path, Map.of("action", "save", "document", RULES));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        String page = admin.get(path).body();
        assertThat(page).contains("Version 1").contains("fake: name");

        HttpResponse<String> checked = admin.post(path, Map.of("action", "check", "document", RULES));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(checked.body()).contains("Strict report").contains("a sanitise task would accept these rules")
                .contains("Preview").contains("real1@corp.test");
        String after = checked.body().substring(checked.body().indexOf("id=\"preview\""));
        assertThat(after).contains(">after<");
        assertThat(root.resolve("data").resolve("scratch")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());

        var catalog = web.cairn().catalog();
        Archive full = catalog.archives().list(new ArchiveFilter(target.uuid(), null, null, null, false)).getFirst();
        Task sanitise = web.cairn().requests().sanitise(full.uuid(), "sanitised", "admin");
        Task ended = await("the sanitise task").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> catalog.tasks().get(sanitise.uuid()), t -> t.status().finished());
        assertThat(ended.status()).as("log: %s", ended.log()).isEqualTo(TaskStatus.DONE);
        assertThat(admin.get("/archives").body()).contains("<span class=\"badge variant\"").contains(">sanitised</span>");

        // with rules saved, the targets page offers an instance with them applied, and it has no original value
        assertThat(admin.get("/targets").body()).contains("New sanitised instance");
        HttpResponse<String> asked = admin.post("/targets/" + target.uuid() + "/instance", Map.of("rules", "true"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(303);
        var instances = web.cairn().instances().instances();
        var instance = await("the sanitised instance").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> instances.list(dev.cairn.core.catalog.TeamScope.ALL).stream().findFirst(),
                        i -> i.isPresent() && i.get().state() == dev.cairn.core.instances.Instance.State.RUNNING).orElseThrow();
        var image = web.cairn().instances().images().get(instance.image());
        assertThat(image.rulesVersion()).isEqualTo(1);
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + instance.host() + ":" + instance.port() + "/"
                + instance.database(), instance.user(), instance.password());
             var rows = c.createStatement().executeQuery("SELECT string_agg(email || ' ' || name, ',') FROM customers")) {
            rows.next();
            assertThat(rows.getString(1)).isNotEmpty().doesNotContain("@corp.test").doesNotContain("Real Name");
        }
        web.cairn().instances().images().delete(image.id(), true, instances);
    }
}
