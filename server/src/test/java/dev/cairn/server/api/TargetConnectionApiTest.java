package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.Ports;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.RedisServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/target/{uuid}/test} and {@code POST /v1/targets/test} against real servers:
 * 200 {@code {"ok"}} when the endpoint connects, 422 {@code {"error"}} saying what is wrong.
 */
class TargetConnectionApiTest extends ApiTestBase {
    private static final String WRONG_PASSWORD = "Wr0ng-pass-71xq";
    private static PostgresServer postgres;
    private static MariaDbServer mariadb;

    @BeforeAll
    static void startServers() {
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        mariadb = MariaDbServer.start();
        mariadb.createDatabase("shop");
    }

    @AfterAll
    static void stopServers() {
        if (mariadb != null) {
            mariadb.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aPostgresTargetWithTheRightCredentialsConnects() {
        String target = target("pg-good", "postgres", postgres.port(), postgres.user(), postgres.password(), "shop");
        JsonNode reply = api.post("/v1/target/" + target + "/test", fields()).expect(200).json();
        assertThat(reply.propertyNames()).containsExactly("ok");
        assertThat(reply.path("ok").stringValue()).startsWith("connected to " + postgres.user() + "@127.0.0.1:"
                + postgres.port() + "/shop, PostgreSQL ");
    }

    @Test
    void aWrongPostgresPasswordIsNamedWithoutTheTypedPassword() {
        String target = target("pg-wrong-password", "postgres", postgres.port(), postgres.user(), WRONG_PASSWORD, "shop");
        String error = api.post("/v1/target/" + target + "/test", fields()).expect(422).error();
        assertThat(error).contains("wrong user or password")
                .contains("password authentication failed for user \"" + postgres.user() + "\"")
                .doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void aMissingPostgresDatabaseIsNamed() {
        String target = target("pg-no-db", "postgres", postgres.port(), postgres.user(), postgres.password(), "nosuchdb");
        assertThat(api.post("/v1/target/" + target + "/test", fields()).expect(422).error())
                .contains("the database does not exist").contains("\"nosuchdb\" does not exist");
    }

    @Test
    void anUnreachablePostgresPortIsNamed() {
        int closed = Ports.free("127.0.0.1");
        String target = target("pg-closed", "postgres", closed, postgres.user(), postgres.password(), "shop");
        assertThat(api.post("/v1/target/" + target + "/test", fields()).expect(422).error())
                .startsWith("cannot connect to " + postgres.user() + "@127.0.0.1:" + closed + "/shop: cannot reach the server");
    }

    @Test
    void aMariaDbTargetConnectsAndAWrongPasswordOrAClosedPortIsNamed() {
        String good = target("maria-good", "mysql", mariadb.port(), mariadb.user(), mariadb.password(), "shop");
        assertThat(api.post("/v1/target/" + good + "/test", fields()).expect(200).json().path("ok").stringValue())
                .startsWith("connected to " + mariadb.user() + "@127.0.0.1:" + mariadb.port() + "/shop, server version ");

        String wrong = target("maria-wrong", "mysql", mariadb.port(), mariadb.user(), WRONG_PASSWORD, "shop");
        assertThat(api.post("/v1/target/" + wrong + "/test", fields()).expect(422).error())
                .contains("wrong user or password").contains("Access denied for user '" + mariadb.user() + "'")
                .doesNotContain(WRONG_PASSWORD);

        String noDb = target("maria-no-db", "mysql", mariadb.port(), mariadb.user(), mariadb.password(), "nosuchdb");
        assertThat(api.post("/v1/target/" + noDb + "/test", fields()).expect(422).error())
                .contains("the database does not exist");

        int closed = Ports.free("127.0.0.1");
        String unreachable = target("maria-closed", "mysql", closed, mariadb.user(), mariadb.password(), "shop");
        assertThat(api.post("/v1/target/" + unreachable + "/test", fields()).expect(422).error())
                .contains("cannot reach the server");
    }

    @Test
    void anFsTargetNeedsItsDirectory() {
        Path present = api.directory("files");
        assertThat(api.post("/v1/target/" + api.fsTarget("fs-present", present) + "/test", fields()).expect(200).json()
                .path("ok").stringValue()).isEqualTo("directory " + present + " can be read (0 entries at its top)");
        Path missing = present.resolve("gone");
        assertThat(api.post("/v1/target/" + api.fsTarget("fs-missing", missing) + "/test", fields()).expect(422).error())
                .isEqualTo("directory " + missing + " does not exist");
    }

    @Test
    void aRedisTargetNeedsItsPassword() {
        try (RedisServer redis = RedisServer.start()) {
            Map<String, Object> endpoint = Map.of("host", "127.0.0.1", "port", redis.port(), "password", redis.password());
            assertThat(api.post("/v1/targets/test", fields("plugin", "redis", "endpoint", endpoint)).expect(200).json()
                    .path("ok").stringValue()).endsWith("which answered PONG");
            String refused = api.post("/v1/targets/test", fields("plugin", "redis", "endpoint",
                    Map.of("host", "127.0.0.1", "port", redis.port(), "password", WRONG_PASSWORD))).expect(422).error();
            assertThat(refused).contains("refused the password").doesNotContain(WRONG_PASSWORD);
        }
    }

    @Test
    void anUnsavedEndpointIsTestedAsTypedAndKeepsTheSavedSecretWhenEditing() {
        Map<String, Object> typed = Map.of("host", "127.0.0.1", "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", "shop");
        assertThat(api.post("/v1/targets/test", fields("plugin", "postgres", "endpoint", typed)).expect(200).json()
                .path("ok").stringValue()).startsWith("connected to ");
        String saved = target("pg-edited", "postgres", postgres.port(), postgres.user(), postgres.password(), "shop");
        Map<String, Object> masked = ApiFixture.with(typed, "password", "********");
        assertThat(api.post("/v1/targets/test", fields("plugin", "postgres", "endpoint", masked, "target", saved))
                .expect(200).json().path("ok").stringValue()).startsWith("connected to ");

        assertThat(api.post("/v1/targets/test", fields("plugin", "postgres")).expect(400).missing()).containsExactly("endpoint");
        assertThat(api.post("/v1/targets/test", fields("plugin", "postgres", "endpoint", Map.of("colour", "red")))
                .expect(400).error()).contains("'colour'");
    }

    @Test
    void anAgentTargetIsAConflictThatSaysWhyAndAnUnknownOneIsNotFound() {
        String agent = api.create("/v1/targets", fields("name", "far away", "summary", "", "plugin", "fs",
                "endpoint", Map.of("path", "/srv/data"), "agent", "db-host"));
        assertThat(api.post("/v1/target/" + agent + "/test", fields()).expect(409).error())
                .contains("runs on agent 'db-host'").contains("only for targets the core runs");
        api.post("/v1/target/" + UUID.randomUUID() + "/test", fields()).expect(404);
    }

    private static String target(String name, String plugin, int port, String user, String password, String database) {
        return api.create("/v1/targets", fields("name", name, "summary", "", "plugin", plugin, "endpoint",
                Map.of("host", "127.0.0.1", "port", port, "user", user, "password", password, "database", database)));
    }
}
