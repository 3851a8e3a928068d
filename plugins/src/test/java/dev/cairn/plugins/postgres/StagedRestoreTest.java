package dev.cairn.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.FailingAfter;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A restore of one database lands beside the live one and is swapped in at the end: a damaged
 * archive, a cancel or a server stopped mid-restore leave the live database exactly as it was.
 */
@Timeout(180)
class StagedRestoreTest {
    private static final int ROWS = 100_000;

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
    void aRestoreGivesTheArchivedRowsAndKeepsTheDatabaseOwnerPrivilegesAndSettings() throws IOException {
        createLedger("kept");
        server.execute("postgres", "CREATE ROLE keeper; CREATE ROLE reader; ALTER DATABASE kept OWNER TO keeper;"
                + " REVOKE CONNECT ON DATABASE kept FROM PUBLIC; GRANT CONNECT ON DATABASE kept TO reader;"
                + " ALTER DATABASE kept SET work_mem = '8MB'; ALTER DATABASE kept SET search_path = \"$user\", public, extra;"
                + " COMMENT ON DATABASE kept IS 'the ledger'");
        Map<String, String> archivedState = state("kept");
        List<List<String>> properties = properties("kept");
        byte[] archive = backup("kept");
        server.execute("kept", "UPDATE entries SET note = 'changed' WHERE id % 7 = 0; DELETE FROM entries WHERE id > 90000;"
                + " CREATE TABLE added_since (x int)");
        TestTaskContext context = new TestTaskContext();

        target.restore(endpoint("kept"), new ByteArrayInputStream(archive), context);

        assertThat(state("kept")).isEqualTo(archivedState);
        assertThat(server.query("kept", "SELECT count(*) FROM pg_tables WHERE tablename = 'added_since'"))
                .as("the database holds exactly the archive").containsExactly(List.of("0"));
        assertThat(properties("kept")).isEqualTo(properties);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("creating database kept__cairn_restore beside kept (owner keeper",
                "swapped the restored copy kept__cairn_restore in as kept", "dropped kept__cairn_old");
        assertThat(target.restoreMode(endpoint("kept"))).isEqualTo(RestoreMode.STAGED_SWAP);
        assertThat(target.restoreMode(endpoint(""))).isEqualTo(RestoreMode.IN_PLACE);
    }

    @Test
    void anArchiveThatProvesDamagedHalfWayLeavesTheLiveDatabaseAsItWas() throws IOException {
        createLedger("damaged");
        byte[] archive = backup("damaged");
        server.execute("damaged", "UPDATE entries SET note = 'since the backup' WHERE id % 3 = 0");
        Map<String, String> before = state("damaged");
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> target.restore(endpoint("damaged"),
                new FailingAfter(new ByteArrayInputStream(archive), archive.length / 2, null), context))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("damaged archive");

        assertThat(state("damaged")).isEqualTo(before);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("dropping database damaged__cairn_restore, which a restore staged and"
                + " never swapped in; database damaged was not changed by that restore");
    }

    @Test
    void anArchiveWithoutItsEndLeavesTheLiveDatabaseAsItWas() throws IOException {
        createLedger("truncated");
        byte[] archive = backup("truncated");
        server.execute("truncated", "DELETE FROM entries WHERE id % 2 = 0");
        Map<String, String> before = state("truncated");

        assertThatThrownBy(() -> target.restore(endpoint("truncated"),
                new ByteArrayInputStream(archive, 0, archive.length / 2), new TestTaskContext()))
                .isInstanceOf(PluginException.class);

        assertThat(state("truncated")).isEqualTo(before);
        assertThat(stagingDatabases()).isEmpty();
    }

    @Test
    void aCancelledRestoreLeavesTheLiveDatabaseAsItWas() throws IOException {
        createLedger("cancelled");
        byte[] archive = backup("cancelled");
        server.execute("cancelled", "UPDATE entries SET note = 'live' WHERE id < 500");
        Map<String, String> before = state("cancelled");
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> target.restore(endpoint("cancelled"),
                new FailingAfter(new ByteArrayInputStream(archive), archive.length / 2, context), context))
                .isInstanceOf(IOException.class);

        assertThat(state("cancelled")).isEqualTo(before);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("database cancelled was not changed by that restore");
    }

    @Test
    void discardingAfterAServerStoppedBeforeTheSwapDropsTheStagedCopy() throws IOException {
        createLedger("stopped");
        Map<String, String> before = state("stopped");
        // what a JVM killed during pg_restore leaves: a half-loaded staging database
        server.createDatabase("stopped__cairn_restore");
        server.execute("stopped__cairn_restore", "CREATE TABLE entries (id int)");
        TestTaskContext context = new TestTaskContext();

        target.discardStagedRestore(endpoint("stopped"), context);
        target.discardStagedRestore(endpoint("stopped"), new TestTaskContext());

        assertThat(state("stopped")).isEqualTo(before);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("dropping database stopped__cairn_restore");
    }

    @Test
    void discardingAfterAServerStoppedBetweenTheRenamesPutsTheLiveDatabaseBack() throws IOException {
        createLedger("between");
        Map<String, String> before = state("between");
        // the renames commit together, but a restore by hand or an older Cairn may stop between them
        server.execute("postgres", "ALTER DATABASE between RENAME TO between__cairn_old");
        server.createDatabase("between__cairn_restore");
        TestTaskContext context = new TestTaskContext();

        target.discardStagedRestore(endpoint("between"), context);

        assertThat(state("between")).isEqualTo(before);
        assertThat(stagingDatabases()).isEmpty();
        assertThat(context.logText()).contains("database between is missing and between__cairn_old holds it");
    }

    @Test
    void aRoleWithoutCreatedbIsRefusedBeforeAnythingChanges() throws IOException {
        createLedger("guarded");
        byte[] archive = backup("guarded");
        server.execute("postgres", "CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw'; ALTER DATABASE guarded OWNER TO clerk");
        server.execute("guarded", "DELETE FROM entries WHERE id > 10");
        Map<String, String> before = state("guarded");
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> target.restore(endpoint("guarded", Map.of("user", "clerk", "password", "clerk-pw")),
                new ByteArrayInputStream(archive), context))
                .isInstanceOf(PluginException.class)
                .hasMessage("role clerk lacks CREATEDB, which a restore of database guarded needs: it is loaded into a"
                        + " new database guarded__cairn_restore beside it and swapped in at the end (ALTER ROLE clerk"
                        + " CREATEDB, or restore as a superuser); nothing was changed");

        assertThat(state("guarded")).isEqualTo(before);
        assertThat(context.spawned()).extracting(spec -> spec.command().getFirst()).noneMatch(p -> p.endsWith("pg_restore"));
    }

    @Test
    void aRoleWithCreatedbThatOwnsTheDatabaseRestoresIt() throws IOException {
        createLedger("owned");
        byte[] archive = backup("owned");
        server.execute("postgres", "CREATE ROLE owner_role LOGIN CREATEDB PASSWORD 'owner-pw';"
                + " ALTER DATABASE owned OWNER TO owner_role");
        server.execute("owned", "ALTER TABLE entries OWNER TO owner_role");
        Map<String, String> archived = state("owned");
        server.execute("owned", "DELETE FROM entries");

        target.restore(endpoint("owned", Map.of("user", "owner_role", "password", "owner-pw")),
                new ByteArrayInputStream(archive), new TestTaskContext());

        assertThat(state("owned")).isEqualTo(archived);
        assertThat(server.query("postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'owned'"))
                .containsExactly(List.of("owner_role"));
    }

    @Test
    void stagingNamesFitPostgresqlsSixtyThreeBytes() {
        StagingNames shortName = StagingNames.of("shop");
        String longName = "ä".repeat(31) + "x"; // 63 bytes
        StagingNames longNames = StagingNames.of(longName);
        StagingNames otherLong = StagingNames.of("ä".repeat(31) + "y");

        assertThat(shortName.staged()).isEqualTo("shop__cairn_restore");
        assertThat(shortName.old()).isEqualTo("shop__cairn_old");
        for (String name : List.of(longNames.staged(), longNames.old())) {
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
            assertThat(name).startsWith("ää").matches(".*_[0-9a-f]{8}__cairn_(restore|old)");
        }
        assertThat(longNames.staged()).isNotEqualTo(otherLong.staged());
    }

    private static void createLedger(String database) {
        server.createDatabase(database);
        server.execute(database, "CREATE TABLE entries (id int PRIMARY KEY, amount numeric NOT NULL, note text);"
                + " INSERT INTO entries SELECT g, g * 1.5, md5(g::text) FROM generate_series(1, " + ROWS + ") g;"
                + " CREATE TABLE tags (entry int REFERENCES entries ON DELETE CASCADE, tag text);"
                + " CREATE INDEX ON tags (entry); INSERT INTO tags SELECT g, 'tag' || (g % 10) FROM generate_series(1, " + ROWS + ", 10) g");
    }

    /** Row counts and an MD5 of every row, in order, of each table. */
    private static Map<String, String> state(String database) {
        Map<String, String> state = new HashMap<>();
        state.put("entries", server.query(database, "SELECT count(*) || ' ' || md5(string_agg(e::text, ',' ORDER BY id))"
                + " FROM entries e").getFirst().getFirst());
        state.put("tags", server.query(database, "SELECT count(*) || ' ' || md5(string_agg(t::text, ',' ORDER BY entry, tag))"
                + " FROM tags t").getFirst().getFirst());
        return state;
    }

    private static List<List<String>> properties(String database) {
        return server.query("postgres", """
                SELECT pg_get_userbyid(d.datdba), d.datacl::text, pg_encoding_to_char(d.encoding), d.datcollate,
                       shobj_description(d.oid, 'pg_database'),
                       (SELECT array_agg(c ORDER BY c)::text FROM pg_db_role_setting s, unnest(s.setconfig) c
                         WHERE s.setdatabase = d.oid)
                  FROM pg_database d WHERE d.datname = '%s'""".formatted(database));
    }

    private static List<List<String>> stagingDatabases() {
        return server.query("postgres", "SELECT datname FROM pg_database WHERE datname LIKE '%\\_\\_cairn\\_%'");
    }

    private byte[] backup(String database) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.backup(endpoint(database), out, new TestTaskContext());
        return out.toByteArray();
    }

    private Endpoint endpoint(String database) {
        return endpoint(database, Map.of());
    }

    private Endpoint endpoint(String database, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("host", server.host(), "port", server.port(),
                "user", server.user(), "password", server.password(), "database", database));
        values.putAll(overrides);
        return new Endpoint(target.info(), values);
    }
}
