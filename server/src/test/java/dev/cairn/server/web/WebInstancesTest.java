package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.access.Access;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.instances.Image;
import dev.cairn.core.instances.Instance;
import dev.cairn.core.schedule.Timespec;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The databases pages on a real PostgreSQL: "New instance" on a target makes the image of its latest
 * archive and an instance of it; the page shows its host, port, user and database to the team, the
 * password to its maker only, and the command that connects; the values connect for real; reset keeps
 * the port; delete, after a confirmation, stops it and frees the port; the image is deleted last.
 */
@Timeout(600)
class WebInstancesTest {
    static Path root;
    static PostgresServer postgres;
    static WebFixture web;
    static FormClient admin;
    static Target target;
    static String operatorToken;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        postgres.execute("shop", "CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL)");
        postgres.execute("shop", "INSERT INTO orders SELECT i, i * 1.5 FROM generate_series(1, 250) i");
        root = ServerAccounts.reachableDirectory("cairn-web-instances-");
        web = WebFixture.start(root);
        admin = FormClient.logIn(web);
        Access access = web.cairn().access();
        Team team = new Team(UUID.randomUUID(), "shop", "");
        access.teams().insert(team);
        User operator = new User(UUID.randomUUID(), "opal", "", null, false, User.LOCAL, Instant.now());
        access.users().insert(operator);
        access.teams().setMember(team.uuid(), operator.uuid(), Role.OPERATOR, "local");
        operatorToken = access.tokens().create(operator.uuid(), "web", null).secret();

        var catalog = web.cairn().catalog();
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs",
                Map.of("path", Files.createDirectories(root.resolve("store")).toString()));
        catalog.stores().insert(store);
        target = new Target(UUID.randomUUID(), "shop-db", "", "postgres", Map.of("host", postgres.host(), "port",
                postgres.port(), "user", postgres.user(), "password", postgres.password(), "database", "shop"), "")
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
        Task ended = await("the backup").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> catalog.tasks().get(taskId), t -> t.status().finished());
        assertThat(ended.status()).as("log: %s", ended.log()).isEqualTo(TaskStatus.DONE);
    }

    @AfterAll
    static void stop() {
        try {
            if (web != null) {
                var images = web.cairn().instances().images();
                for (Image image : images.list(dev.cairn.core.catalog.TeamScope.ALL)) {
                    images.delete(image.id(), true, web.cairn().instances().instances());
                }
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
    void aTargetsNewInstanceRunsConnectsResetsAndIsDeleted() throws Exception {
        assertThat(admin.get("/targets").body()).contains("action=\"/targets/" + target.uuid() + "/instance\"");

        HttpResponse<String> made = admin.post("/targets/" + target.uuid() + "/instance", Map.of());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        String location = made.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/databases#instance-");
        long id = Long.parseLong(location.substring("/databases#instance-".length()));
        var instances = web.cairn().instances().instances();
        Instance running = await("instance " + id + " to run").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200))
                .until(() -> instances.get(id), i -> i.state() == Instance.State.RUNNING || i.state() == Instance.State.DESTROYED);
        assertThat(running.state()).as("reason: %s", running.reason()).isEqualTo(Instance.State.RUNNING);

        String page = admin.get("/databases").body();
        String row = page.substring(page.indexOf("id=\"instance-" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(running.host() + ":" + running.port(), "user " + running.user(), "database shop",
                "<code class=\"mono secret\">" + running.password() + "</code>",
                "psql \"host=" + running.host() + " port=" + running.port() + " user=" + running.user() + " dbname=shop\"",
                "eval $(cairn env " + id + ")");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + running.host() + ":" + running.port() + "/"
                + running.database(), running.user(), running.password()); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(250);
        }

        try (FormClient operator = FormClient.logIn(web, operatorToken)) {
            String seen = operator.get("/databases").body();
            assertThat(seen).contains("id=\"instance-" + id + "\"", running.host() + ":" + running.port(),
                    "the password is shown to admin only").doesNotContain(running.password());
        }

        assertThat(admin.post("/databases/" + id + "/reset", Map.of()).statusCode()).isEqualTo(303);
        Instance reset = instances.get(id);
        assertThat(reset.state()).isEqualTo(Instance.State.RUNNING);
        assertThat(reset.port()).isEqualTo(running.port());
        assertThat(reset.password()).isEqualTo(running.password());

        assertThat(admin.get("/databases/" + id + "/delete").body()).contains("Delete instance " + id + "?",
                "action=\"/databases/" + id + "/delete\"");
        assertThat(admin.post("/databases/" + id + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(instances.find(id).map(Instance::state).filter(Instance.State::live)).as("instance %d after delete", id)
                .isEmpty();
        assertThat(listening(running.host(), running.port())).as("port " + running.port() + " after delete").isFalse();

        long image = running.image();
        assertThat(admin.post("/databases/images/" + image + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(web.cairn().instances().images().find(image)).isEmpty();
        assertThat(admin.get("/databases").body()).doesNotContain("id=\"image-" + image + "\"");
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
