package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.Binaries;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.ServerAccounts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 end to end on a real MariaDB: a database backed up, an anonymised image of it, two
 * instances written to independently while the image stays as it was, one reset, both deleted
 * leaving no directory, process or port.
 */
@Timeout(600)
class MariaDbInstancesApiTest {
    static Path root;
    static ApiFixture api;
    static MariaDbServer mariadb;

    @BeforeAll
    static void start() {
        Binaries.require("mariadb", "mariadb-client");
        mariadb = MariaDbServer.start();
        mariadb.createDatabase("crm");
        mariadb.execute("crm", "CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL, name VARCHAR(40) NOT NULL)");
        mariadb.execute("crm", "INSERT INTO people VALUES (1, 'ada@real.example', 'ada'), (2, 'grace@real.example', 'grace'), "
                + "(3, 'hedy@real.example', 'hedy')");
        root = ServerAccounts.reachableDirectory("cairn-mariadb-instances-");
        api = ApiFixture.start(root);
    }

    @AfterAll
    static void stop() {
        try {
            if (api != null) {
                for (JsonNode made : api.get("/v1/images").json()) {
                    api.delete("/v1/image/" + made.path("id").longValue() + "?force=true");
                }
                api.close();
            }
        } finally {
            if (mariadb != null) {
                mariadb.close();
            }
            if (root != null) {
                ServerAccounts.delete(root);
            }
        }
    }

    @Test
    void imageTwoInstancesResetAndDelete() throws Exception {
        String target = api.create("/v1/targets", fields("name", "crm-db", "plugin", "mysql", "endpoint", Map.of(
                "host", mariadb.host(), "port", mariadb.port(), "user", mariadb.user(), "password", mariadb.password(),
                "database", "crm")));
        String job = api.job("crm", target, api.fsStore("crm", api.directory("store")), api.schedule("crm", "daily at 4am"),
                api.retention("crm", 86400));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode reply = api.post("/v1/images", fields("target", target, "name", "crm anonymised",
                "script", "UPDATE people SET email = CONCAT('person', id, '@example.invalid');")).expect(200).json();
        api.awaitDone(reply.path("task_uuid").stringValue());
        long image = reply.path("image").path("id").longValue();
        JsonNode shown = api.get("/v1/image/" + image).expect(200).json();
        assertThat(shown.path("ready").booleanValue()).isTrue();
        assertThat(shown.path("plugin").stringValue()).isEqualTo("mysql");
        assertThat(shown.path("databases").get(0).stringValue()).isEqualTo("crm");
        Path imageFiles = root.resolve("data/images/" + image);
        String before = EngineChecks.treeHash(imageFiles);

        JsonNode first = api.post("/v1/instances", fields("image", image)).expect(200).json().path("instance");
        JsonNode second = api.post("/v1/instances", fields("image", image)).expect(200).json().path("instance");
        for (JsonNode instance : List.of(first, second)) {
            assertThat(instance.path("state").stringValue()).isEqualTo("running");
            assertThat(instance.path("database").stringValue()).isEqualTo("crm");
            assertThat(EngineChecks.query(instance, "SELECT id, email FROM people ORDER BY id")).containsExactly(
                    List.of("1", "person1@example.invalid"), List.of("2", "person2@example.invalid"),
                    List.of("3", "person3@example.invalid"));
        }
        EngineChecks.execute(first, "INSERT INTO people VALUES (4, 'new@example.invalid', 'new')");
        assertThat(EngineChecks.query(first, "SELECT COUNT(*) FROM people")).containsExactly(List.of("4"));
        assertThat(EngineChecks.query(second, "SELECT COUNT(*) FROM people")).containsExactly(List.of("3"));
        assertThat(EngineChecks.treeHash(imageFiles)).isEqualTo(before);

        JsonNode reset = api.post("/v1/instance/" + first.path("id").longValue() + "/reset", null).expect(200).json();
        assertThat(reset.path("port").intValue()).isEqualTo(first.path("port").intValue());
        assertThat(EngineChecks.query(first, "SELECT COUNT(*) FROM people")).containsExactly(List.of("3"));

        for (JsonNode instance : List.of(first, second)) {
            Path directory = root.resolve("data/instances/" + instance.path("id").longValue());
            assertThat(EngineChecks.processesIn(directory)).isNotEmpty();
            api.delete("/v1/instance/" + instance.path("id").longValue()).expect(200);
            assertThat(directory).doesNotExist();
            assertThat(EngineChecks.processesIn(directory)).isEmpty();
            assertThat(EngineChecks.listening(instance.path("port").intValue())).isFalse();
        }
        assertThat(root.resolve("data/instances")).isEmptyDirectory();
    }
}
