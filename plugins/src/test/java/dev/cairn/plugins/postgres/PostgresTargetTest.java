package dev.cairn.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One database backed up and restored through a real PostgreSQL server and the real client tools. */
@Timeout(120)
class PostgresTargetTest {
    private static PostgresServer server;

    private final PostgresTarget target = new PostgresTarget();

    @BeforeAll
    static void startServer() {
        for (String tool : List.of("pg_dump", "pg_restore", "psql")) {
            Binaries.require(tool, "postgresql-client");
        }
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void restoresTheRowsOfABackupOverChangedData() throws IOException {
        createShop("shop");
        byte[] archive = backup(endpoint("shop"), new TestTaskContext());
        server.execute("shop", "UPDATE items SET name = 'changed'; DELETE FROM items WHERE id = 2;"
                + " INSERT INTO items VALUES (3, 'chisel')");

        restore(endpoint("shop"), archive, new TestTaskContext());

        assertThat(items("shop")).containsExactly(List.of("1", "anvil"), List.of("2", "bellows"));
        assertThat(new String(archive, 0, 5, StandardCharsets.US_ASCII)).as("custom format magic").isEqualTo("PGDMP");
    }

    @Test
    void restoresIntoAnotherEmptyDatabase() throws IOException {
        createShop("warehouse");
        byte[] archive = backup(endpoint("warehouse"), new TestTaskContext());
        server.createDatabase("warehouse_copy");

        restore(endpoint("warehouse_copy"), archive, new TestTaskContext());

        assertThat(items("warehouse_copy")).containsExactly(List.of("1", "anvil"), List.of("2", "bellows"));
    }

    @Test
    void createsTheDatabaseWhenItDoesNotExist() throws IOException {
        createShop("depot");
        byte[] archive = backup(endpoint("depot"), new TestTaskContext());
        TestTaskContext context = new TestTaskContext();

        restore(endpoint("depot_new"), archive, context);

        assertThat(items("depot_new")).containsExactly(List.of("1", "anvil"), List.of("2", "bellows"));
        assertThat(context.logText()).contains("database depot_new does not exist: creating it");
    }

    @Test
    void restoresWhileAnotherSessionHoldsATableOfTheDatabase() throws IOException, SQLException {
        createShop("busy");
        byte[] archive = backup(endpoint("busy"), new TestTaskContext());
        server.execute("busy", "DELETE FROM items");
        TestTaskContext context = new TestTaskContext();

        try (Connection other = server.connect("busy"); Statement statement = other.createStatement()) {
            // an open transaction that has read the table holds a lock that pg_restore's DROP TABLE waits for
            other.setAutoCommit(false);
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM items")) {
                count.next();
            }

            restore(endpoint("busy"), archive, context);

            assertThat(other.isValid(5)).as("the other session was ended").isFalse();
        }
        assertThat(items("busy")).containsExactly(List.of("1", "anvil"), List.of("2", "bellows"));
        assertThat(context.logText()).contains("ended 1 other session(s) connected to database busy");
    }

    @Test
    void aWrongPasswordFailsWithOneReadableLine() {
        server.createDatabase("guarded");
        Endpoint endpoint = endpoint("guarded", Map.of("password", "not-the-password"));
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> backup(endpoint, context))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("pg_dump")
                .hasMessageContaining("password authentication failed for user \"postgres\"")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("not-the-password");
        assertThat(context.logText()).contains("authentication failed").doesNotContain("not-the-password");
    }

    @Test
    void anUnreachableServerFailsWithOneReadableLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Endpoint endpoint = endpoint("postgres", Map.of("port", closedPort));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("port " + closedPort + " failed: Connection refused")
                .hasMessageNotContaining("\n");
    }

    @Test
    void thePasswordNeverReachesTheLogOrACommandLine() throws IOException {
        createShop("secretive");
        TestTaskContext context = new TestTaskContext();

        byte[] archive = backup(endpoint("secretive"), context);
        restore(endpoint("secretive"), archive, context);

        assertThat(context.logText()).isNotBlank().doesNotContain(server.password());
        assertThat(context.spawned()).isNotEmpty().allSatisfy(spec -> {
            assertThat(spec.command()).noneMatch(argument -> argument.contains(server.password()));
            assertThat(spec.environment()).containsEntry("PGPASSWORD", server.password());
        });
        assertThat(context.spawned()).extracting(spec -> spec.command().getFirst())
                .anyMatch(program -> program.endsWith("pg_dump"))
                .anyMatch(program -> program.endsWith("pg_restore"));
    }

    @Test
    void refusesAnArchiveOfTheOtherKindBeforeTouchingTheServer() throws IOException {
        createShop("kinds");
        byte[] oneDatabase = backup(endpoint("kinds"), new TestTaskContext());
        byte[] sql = "SET client_encoding = 'UTF8';\n".getBytes(StandardCharsets.UTF_8);
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> restore(endpoint(""), oneDatabase, context))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("holds one database")
                .hasMessageContaining("'database' is set");
        assertThatThrownBy(() -> restore(endpoint("kinds"), sql, context))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'database' is empty");
        assertThat(context.spawned()).isEmpty();
    }

    private static void createShop(String database) {
        server.createDatabase(database);
        server.execute(database, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);"
                + " INSERT INTO items VALUES (1, 'anvil'), (2, 'bellows')");
    }

    private static List<List<String>> items(String database) {
        return server.query(database, "SELECT id, name FROM items ORDER BY id");
    }

    private Endpoint endpoint(String database) {
        return endpoint(database, Map.of());
    }

    private Endpoint endpoint(String database, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "host", server.host(), "port", server.port(), "user", server.user(),
                "password", server.password(), "database", database));
        values.putAll(overrides);
        return new Endpoint(target.info(), values);
    }

    private byte[] backup(Endpoint endpoint, TestTaskContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.backup(endpoint, out, context);
        return out.toByteArray();
    }

    private void restore(Endpoint endpoint, byte[] archive, TestTaskContext context) throws IOException {
        target.restore(endpoint, new ByteArrayInputStream(archive), context);
    }
}
