package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.PasswordHash;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.testing.MariaDbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000's own line for MariaDB: {@code curl -u fred:… …/download/NAME | mariadb app} fills a new database. */
class MariaDbDownloadApiTest {
    private static final String PASSWORD = "fr3dsPa55w0rd";
    @TempDir
    static Path root;
    static ApiFixture api;
    static MariaDbServer mariadb;

    @BeforeAll
    static void start() {
        mariadb = MariaDbServer.start();
        mariadb.createDatabase("app");
        mariadb.execute("app", "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
        mariadb.execute("app", "INSERT INTO customers VALUES (1, 'ada'), (2, 'grace'), (3, 'hedy')");
        api = ApiFixture.start(root);
        UUID team = UUID.randomUUID();
        api.cairn().access().teams().insert(new Team(team, "app", ""));
        String target = api.create("/v1/targets", fields("name", "app-db", "plugin", "mysql", "endpoint", Map.of(
                "host", mariadb.host(), "port", mariadb.port(), "user", mariadb.user(), "password", mariadb.password(),
                "database", "app")));
        var targets = api.cairn().catalog().targets();
        targets.update(targets.get(UUID.fromString(target)).ownedBy(team));
        String job = api.job("app-nightly", target, api.fsStore("app", api.directory("store")),
                api.schedule("app", "daily at 4am"), api.retention("app", 86400));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        User fred = new User(UUID.randomUUID(), "fred", "Fred", PasswordHash.hash(PASSWORD), false, User.LOCAL, Instant.now());
        api.cairn().access().users().insert(fred);
        api.cairn().access().teams().setMember(team, fred.uuid(), Role.OPERATOR, "local");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void curlIntoMariadbFillsANewDatabaseWithTheSameRows() throws IOException, InterruptedException {
        mariadb.createDatabase("app_dev");
        Path options = root.resolve("client.cnf");
        Files.writeString(options, "[client]\nuser=" + mariadb.user() + "\npassword=" + mariadb.password() + "\nhost="
                + mariadb.host() + "\nport=" + mariadb.port() + "\n");
        String url = "http://127.0.0.1:" + api.server().port() + "/download/app-db";
        Process shell = new ProcessBuilder("bash", "-o", "pipefail", "-c", "curl -fsS -u fred:" + PASSWORD + " " + url
                + " | mariadb --defaults-extra-file=" + options + " app_dev").redirectErrorStream(true).start();
        shell.getOutputStream().close();
        String output;
        try {
            output = new String(shell.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(shell.waitFor()).as(output).isZero();
        assertThat(mariadb.query("app_dev", "SELECT id, name FROM customers ORDER BY id"))
                .isEqualTo(List.of(List.of("1", "ada"), List.of("2", "grace"), List.of("3", "hedy")));
    }
}
