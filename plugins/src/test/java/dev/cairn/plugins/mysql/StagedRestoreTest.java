package dev.cairn.plugins.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.FailingAfter;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A restore of one MariaDB database lands beside the live one and its tables are swapped in at the
 * end: a damaged archive, a cancel or a server stopped mid-restore leave the live database as it was.
 */
@Timeout(180)
class StagedRestoreTest {
    private static MariaDbServer server;

    private final MySqlTarget target = new MySqlTarget();

    @BeforeAll
    static void startServer() {
        Binaries.require("mariadb-dump", "mariadb-client");
        Binaries.require("mariadb", "mariadb-client");
        server = MariaDbServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRestoreGivesTheArchivedRowsTriggersViewsAndRoutinesAndLeavesNoStagingDatabase() throws IOException {
        createLedger("kept");
        server.execute("ALTER DATABASE kept CHARACTER SET latin1 COLLATE latin1_swedish_ci");
        List<String> archived = state("kept");
        List<List<String>> objects = objects("kept");
        byte[] archive = backup("kept");
        server.execute("kept", "UPDATE entries SET note = 'changed' WHERE id % 7 = 0; DELETE FROM entries WHERE id > 9000;"
                + " DROP TRIGGER entries_count; DROP VIEW big; CREATE TABLE added_since (x INT); CREATE VIEW extra AS SELECT 1 AS x");
        TestTaskContext context = new TestTaskContext();

        target.restore(endpoint("kept"), new ByteArrayInputStream(archive), context);

        assertThat(state("kept")).isEqualTo(archived);
        assertThat(objects("kept")).isEqualTo(objects).hasSize(4);
        assertThat(server.query("kept", "SHOW FULL TABLES")).extracting(List::getFirst)
                .as("the database holds exactly the archive").containsExactlyInAnyOrder("entries", "counts", "big");
        server.execute("kept", "INSERT INTO entries VALUES (20001, 1, 'new')");
        assertThat(server.query("kept", "SELECT n FROM counts")).as("the trigger works on the swapped table")
                .containsExactly(List.of("1"));
        assertThat(server.query(null, "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = 'kept'")).containsExactly(List.of("latin1"));
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("creating database kept__cairn_restore beside kept",
                "swapped the restored copy kept__cairn_restore in as kept");
        assertThat(target.restoreMode(endpoint("kept"))).isEqualTo(RestoreMode.STAGED_SWAP);
        assertThat(target.restoreMode(endpoint(""))).isEqualTo(RestoreMode.IN_PLACE);
    }

    @Test
    void anArchiveThatProvesDamagedHalfWayLeavesTheLiveDatabaseAsItWas() throws IOException {
        createLedger("damaged");
        byte[] archive = backup("damaged");
        server.execute("damaged", "UPDATE entries SET note = 'since the backup' WHERE id % 3 = 0");
        List<String> before = state("damaged");
        List<List<String>> objects = objects("damaged");
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> target.restore(endpoint("damaged"),
                new FailingAfter(new ByteArrayInputStream(archive), archive.length / 2, null), context))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("damaged archive");

        assertThat(state("damaged")).isEqualTo(before);
        assertThat(objects("damaged")).isEqualTo(objects);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("dropping database damaged__cairn_restore, which a restore staged and"
                + " never swapped in; database damaged was not changed by that restore");
    }

    @Test
    void aCancelledRestoreLeavesTheLiveDatabaseAsItWas() throws IOException {
        createLedger("cancelled");
        byte[] archive = backup("cancelled");
        server.execute("cancelled", "DELETE FROM entries WHERE id % 2 = 0");
        List<String> before = state("cancelled");
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> target.restore(endpoint("cancelled"),
                new FailingAfter(new ByteArrayInputStream(archive), archive.length / 2, context), context))
                .isInstanceOf(IOException.class);

        assertThat(state("cancelled")).isEqualTo(before);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("database cancelled was not changed by that restore");
    }

    @Test
    void discardingAfterAServerStoppedMidRestoreDropsTheStagedCopy() throws IOException {
        createLedger("stopped");
        List<String> before = state("stopped");
        // what a JVM killed while the dump was replayed leaves: a half-loaded staging database
        server.createDatabase("stopped__cairn_restore");
        server.execute("stopped__cairn_restore", "CREATE TABLE entries (id INT); INSERT INTO entries VALUES (1)");
        TestTaskContext context = new TestTaskContext();

        target.discardStagedRestore(endpoint("stopped"), context);
        target.discardStagedRestore(endpoint("stopped"), new TestTaskContext());

        assertThat(state("stopped")).isEqualTo(before);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("dropping database stopped__cairn_restore");
    }

    @Test
    void discardingAfterAServerStoppedJustAfterTheRenameDropsTheOldTablesAndSaysSo() throws IOException {
        createLedger("renamed");
        List<String> restored = state("renamed");
        // the RENAME TABLE had committed: live holds the restored tables, __cairn_old the previous ones
        server.createDatabase("renamed__cairn_old");
        server.execute("renamed__cairn_old", "CREATE TABLE entries (id INT)");
        server.createDatabase("renamed__cairn_restore");
        TestTaskContext context = new TestTaskContext();

        target.discardStagedRestore(endpoint("renamed"), context);

        assertThat(state("renamed")).isEqualTo(restored);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("a restore had swapped its tables into renamed when it stopped")
                .doesNotContain("never swapped in");
    }

    @Test
    void aDumpThatSwitchesDatabaseIsRefusedAndReachesNoOtherDatabase() throws IOException {
        createLedger("switching");
        server.createDatabase("bystander");
        server.execute("bystander", "CREATE TABLE t (x INT); INSERT INTO t VALUES (1)");
        byte[] dump = ("-- Host: 127.0.0.1    Database: switching\nCREATE TABLE early (x INT);\nUSE `bystander`;\n"
                + "DROP TABLE t;\n").getBytes(StandardCharsets.UTF_8);
        List<String> before = state("switching");

        assertThatThrownBy(() -> target.restore(endpoint("switching"), new ByteArrayInputStream(dump), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("switches to or creates another database");

        assertThat(state("switching")).isEqualTo(before);
        assertThat(server.query("bystander", "SELECT x FROM t")).containsExactly(List.of("1"));
        assertThat(stagingDatabases()).isEmpty();
    }

    @Test
    void stagingNamesFitSixtyFourCharacters() {
        String longName = "l".repeat(60);

        assertThat(StagedDatabase.derived("shop", "__cairn_restore")).isEqualTo("shop__cairn_restore");
        assertThat(StagedDatabase.derived(longName, "__cairn_restore")).hasSize(64).endsWith("__cairn_restore")
                .isNotEqualTo(StagedDatabase.derived("l".repeat(59) + "m", "__cairn_restore"));
    }

    private static void createLedger(String database) {
        server.createDatabase(database);
        server.execute(database, """
                CREATE TABLE entries (id INT PRIMARY KEY, amount DECIMAL(12,2) NOT NULL, note VARCHAR(64)) ENGINE=InnoDB;
                CREATE TABLE counts (n INT NOT NULL) ENGINE=InnoDB;
                INSERT INTO counts VALUES (0);
                SET SESSION max_recursive_iterations = 100000;
                INSERT INTO entries WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
                    SELECT n, n * 1.5, MD5(n) FROM g;
                CREATE TRIGGER entries_count AFTER INSERT ON entries FOR EACH ROW UPDATE counts SET n = n + 1;
                CREATE VIEW big AS SELECT id FROM entries WHERE amount > 100;
                CREATE FUNCTION halved(x INT) RETURNS INT DETERMINISTIC RETURN x DIV 2;
                UPDATE counts SET n = 0;
                """);
    }

    /** Row counts and checksums of both tables. */
    private static List<String> state(String database) {
        return List.of(
                server.query(database, "SELECT COUNT(*) FROM entries").getFirst().getFirst(),
                server.checksum(database, "entries"),
                server.checksum(database, "counts"));
    }

    private static List<List<String>> objects(String database) {
        String schema = "'" + database + "'";
        return server.query(database, """
                SELECT 'routine', ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = %1$s
                UNION ALL SELECT 'trigger', TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = %1$s
                UNION ALL SELECT 'view', TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = %1$s
                UNION ALL SELECT 'table', TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = %1$s
                    AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME = 'entries'
                ORDER BY 1, 2
                """.formatted(schema));
    }

    private static List<List<String>> stagingDatabases() {
        return server.query(null, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '%\\_\\_cairn\\_%'");
    }

    private byte[] backup(String database) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.backup(endpoint(database), out, new TestTaskContext());
        return out.toByteArray();
    }

    private Endpoint endpoint(String database) {
        return new Endpoint(target.info(), Map.of("host", server.host(), "port", server.port(),
                "user", server.user(), "password", server.password(), "database", database));
    }
}
