package dev.cairn.plugins.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Databases backed up and restored through real MariaDB servers and the real client programs. */
@Timeout(180)
class MySqlTargetTest {
    private static final List<String> TABLES = List.of("items", "audit");

    private static MariaDbServer server;
    private static MariaDbServer other;

    private final MySqlTarget target = new MySqlTarget();

    @BeforeAll
    static void startServers() {
        Binaries.require("mariadb-dump", "mariadb-client");
        Binaries.require("mariadb", "mariadb-client");
        server = MariaDbServer.start();
        other = MariaDbServer.start();
    }

    @AfterAll
    static void stopServers() {
        for (MariaDbServer each : new MariaDbServer[] {server, other}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @Test
    void restoresTablesRoutinesTriggersAndEventsOverChangedData() throws IOException {
        createShop(server, "shop");
        Map<String, String> before = checksums(server, "shop");
        List<List<String>> objectsBefore = objects(server, "shop");
        byte[] archive = backup(endpoint(server, "shop"), new TestTaskContext());
        server.execute("shop", "UPDATE items SET name = 'changed'; DELETE FROM audit; DROP PROCEDURE restock;"
                + " DROP FUNCTION doubled; DROP EVENT tidy; DROP TRIGGER items_audit; DROP VIEW cheap");

        restore(endpoint(server, "shop"), archive, new TestTaskContext());

        assertThat(checksums(server, "shop")).isEqualTo(before);
        assertThat(objects(server, "shop")).isEqualTo(objectsBefore).hasSize(5);
        server.execute("shop", "INSERT INTO items VALUES (4, 'drill', NULL)");
        assertThat(server.query("shop", "SELECT doubled(id) FROM audit WHERE id = 4")).containsExactly(List.of("8"));
        assertThat(new String(archive, StandardCharsets.UTF_8)).contains("Database: shop").doesNotContain("USE `shop`");
    }

    @Test
    void restoresIntoAnotherServerUnderTheSameOrAnotherName() throws IOException {
        createShop(server, "depot");
        byte[] archive = backup(endpoint(server, "depot"), new TestTaskContext());
        TestTaskContext context = new TestTaskContext();

        restore(endpoint(other, "depot"), archive, context);
        restore(endpoint(other, "depot_copy"), archive, new TestTaskContext());

        assertThat(checksums(other, "depot")).isEqualTo(checksums(server, "depot"));
        assertThat(checksums(other, "depot_copy")).isEqualTo(checksums(server, "depot"));
        assertThat(objects(other, "depot_copy")).isEqualTo(objects(server, "depot"));
        assertThat(context.logText()).contains("creating database depot on root@127.0.0.1:" + other.port());
    }

    @Test
    void restoresEveryDatabaseIntoAnotherServer() throws IOException {
        createShop(server, "north");
        createShop(server, "south");
        server.execute("south", "INSERT INTO items VALUES (9, 'vice', NULL)");
        byte[] archive = backup(endpoint(server, ""), new TestTaskContext());

        restore(endpoint(other, ""), archive, new TestTaskContext());

        for (String database : List.of("north", "south")) {
            assertThat(checksums(other, database)).as(database).isEqualTo(checksums(server, database));
            assertThat(objects(other, database)).as(database).isEqualTo(objects(server, database));
        }
        assertThat(new String(archive, StandardCharsets.UTF_8)).contains("USE `north`", "USE `south`", "FLUSH PRIVILEGES");
    }

    @Test
    void aWrongPasswordFailsWithOneReadableLine() {
        server.createDatabase("guarded");
        Endpoint endpoint = endpoint(server, "guarded", Map.of("password", "not-the-password"));
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> backup(endpoint, context))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("mariadb-dump at root@127.0.0.1:" + server.port() + ": wrong user or password")
                .hasMessageContaining("Access denied for user 'root'@'127.0.0.1'")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("not-the-password");
        assertThat(context.logText()).contains("Access denied").doesNotContain("not-the-password");
    }

    @Test
    void anUnreachableServerFailsWithOneReadableLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Endpoint endpoint = endpoint(server, "shop", Map.of("port", closedPort));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("mariadb-dump at root@127.0.0.1:" + closedPort + ": cannot reach the server")
                .hasMessageContaining("Can't connect")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> restore(endpoint, "-- Host: x    Database: shop\n".getBytes(StandardCharsets.UTF_8),
                new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("mariadb at root@127.0.0.1:" + closedPort + ": cannot reach the server")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingDatabaseFailsWithOneReadableLine() {
        assertThatThrownBy(() -> backup(endpoint(server, "nowhere"), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("the database does not exist")
                .hasMessageContaining("Unknown database 'nowhere'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void thePasswordOnlyReachesTheProgramsThroughAnOptionFileThatIsDeletedAfterwards() throws IOException {
        String password = "p\"a\\ss #w0rd ";
        server.execute("CREATE USER 'odd'@'127.0.0.1' IDENTIFIED BY '" + password.replace("\\", "\\\\") + "';"
                + " GRANT ALL PRIVILEGES ON *.* TO 'odd'@'127.0.0.1'");
        createShop(server, "secretive");
        Endpoint endpoint = endpoint(server, "secretive", Map.of("user", "odd", "password", password));
        TestTaskContext context = new TestTaskContext();

        byte[] archive = backup(endpoint, context);
        restore(endpoint, archive, context);

        assertThat(context.logText()).isNotBlank().doesNotContain(password);
        assertThat(context.spawned()).hasSizeGreaterThan(3).allSatisfy(spec -> {
            assertThat(spec.command()).noneMatch(argument -> argument.contains(password));
            assertThat(spec.environment()).isEmpty();
            assertThat(spec.command().get(1)).startsWith("--defaults-extra-file=");
            assertThat(Path.of(spec.command().get(1).substring("--defaults-extra-file=".length()))).doesNotExist();
        });
    }

    @Test
    void cancellingTheTaskStopsTheDump() {
        createShop(server, "cancelled");
        TestTaskContext context = new TestTaskContext();
        OutputStream cancelOnFirstWrite = new OutputStream() {
            @Override
            public void write(int b) {
                context.cancel();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                context.cancel();
            }
        };

        assertThatThrownBy(() -> target.backup(endpoint(server, "cancelled"), cancelOnFirstWrite, context))
                .isInstanceOf(PluginException.class)
                .hasMessage("mariadb-dump was stopped because the task was cancelled");
    }

    @Test
    void refusesAnArchiveOfTheOtherScopeBeforeTouchingTheServer() throws IOException {
        createShop(server, "scopes");
        byte[] oneDatabase = backup(endpoint(server, "scopes"), new TestTaskContext());
        byte[] everything = "-- Host: 127.0.0.1    Database: \n".getBytes(StandardCharsets.UTF_8);
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> restore(endpoint(server, ""), oneDatabase, context))
                .isInstanceOf(PluginException.class)
                .hasMessage("this archive holds one database (scopes): restore it into a mysql target whose 'database' is set");
        assertThatThrownBy(() -> restore(endpoint(server, "scopes"), everything, context))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'database' is empty");
        assertThat(context.spawned()).isEmpty();
    }

    private static void createShop(MariaDbServer on, String database) {
        on.createDatabase(database);
        on.execute(database, """
                CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, picture BLOB) ENGINE=InnoDB;
                CREATE TABLE audit (id INT NOT NULL, at TIMESTAMP(6) DEFAULT '2024-01-02 03:04:05.123456') ENGINE=InnoDB;
                CREATE TRIGGER items_audit AFTER INSERT ON items FOR EACH ROW INSERT INTO audit (id) VALUES (NEW.id);
                CREATE PROCEDURE restock(IN n INT) UPDATE items SET name = CONCAT(name, '+') WHERE id = n;
                CREATE FUNCTION doubled(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;
                CREATE EVENT tidy ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit WHERE id < 0;
                CREATE VIEW cheap AS SELECT id, name FROM items WHERE id < 3;
                INSERT INTO items VALUES (1, 'anvil ⚒ 🔨', UNHEX('00FF0A0D5C27225A')), (2, 'bellows\\ttab', NULL),
                                         (3, 'chisel', REPEAT(UNHEX('0001020304'), 1000));
                """);
    }

    private static Map<String, String> checksums(MariaDbServer on, String database) {
        Map<String, String> checksums = new HashMap<>();
        for (String table : TABLES) {
            checksums.put(table, on.checksum(database, table));
        }
        return checksums;
    }

    /** The routines, triggers, events and views of {@code database}, with their definitions. */
    private static List<List<String>> objects(MariaDbServer on, String database) {
        String schema = "'" + database + "'";
        return on.query(database, """
                SELECT 'routine', ROUTINE_NAME, ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = %1$s
                UNION ALL SELECT 'trigger', TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = %1$s
                UNION ALL SELECT 'event', EVENT_NAME, EVENT_DEFINITION FROM information_schema.EVENTS WHERE EVENT_SCHEMA = %1$s
                UNION ALL SELECT 'view', TABLE_NAME, '' FROM information_schema.VIEWS WHERE TABLE_SCHEMA = %1$s
                ORDER BY 1, 2
                """.formatted(schema));
    }

    private Endpoint endpoint(MariaDbServer on, String database) {
        return endpoint(on, database, Map.of());
    }

    private Endpoint endpoint(MariaDbServer on, String database, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "host", on.host(), "port", on.port(), "user", on.user(),
                "password", on.password(), "database", database));
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
