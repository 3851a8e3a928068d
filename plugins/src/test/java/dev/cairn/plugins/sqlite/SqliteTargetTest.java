package dev.cairn.plugins.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SQLite databases backed up while in use and restored over themselves, through the real SQLite library. */
@Timeout(120)
class SqliteTargetTest {
    private static final String ALL_ROWS = "SELECT id, typeof(v), quote(v) FROM items ORDER BY id";

    private final SqliteTarget target = new SqliteTarget();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"wal", "delete"})
    void restoresEveryRowOverChangedData(String journalMode) throws Exception {
        Path database = directory.resolve("shop.db");
        createShop(database, journalMode);
        List<List<String>> before = query(database, ALL_ROWS);
        byte[] archive = backup(database);
        execute(database, "DELETE FROM items WHERE id > 2; UPDATE items SET v = 'changed'; DROP VIEW big;"
                + " PRAGMA user_version = 1");

        restore(database, archive, new TestTaskContext());

        assertThat(query(database, ALL_ROWS)).isEqualTo(before).hasSize(6);
        assertThat(query(database, "SELECT name FROM sqlite_schema ORDER BY name"))
                .containsExactly(List.of("big"), List.of("items"), List.of("items_by_v"), List.of("log"), List.of("logged"));
        assertThat(query(database, "PRAGMA user_version")).containsExactly(List.of("42"));
        assertThat(query(database, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
        assertThat(siblings(database)).containsExactly("shop.db");
    }

    @Test
    void theBackupHoldsCommitsThatLiveOnlyInTheWriteAheadLog() throws Exception {
        Path database = directory.resolve("wal.db");
        createShop(database, "wal");
        try (Connection open = connect(database); Statement statement = open.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("INSERT INTO items (id, v) VALUES (100, 'only in the log')");
            assertThat(Files.size(database.resolveSibling("wal.db-wal"))).isPositive();

            byte[] archive = backup(database);

            Path copy = directory.resolve("copy.db");
            restore(copy, archive, new TestTaskContext());
            assertThat(query(copy, "SELECT v FROM items WHERE id = 100")).containsExactly(List.of("only in the log"));
            assertThat(query(copy, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wal", "delete"})
    void aWriterRunningDuringTheBackupLeavesItConsistent(String journalMode) throws Exception {
        Path database = directory.resolve("busy.db");
        createShop(database, journalMode);
        execute(database, "CREATE TABLE counter (total INTEGER NOT NULL); INSERT INTO counter VALUES (0);"
                + " CREATE TABLE events (n INTEGER NOT NULL, payload BLOB)");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> write(database, stop, committed, writerFailure));
        List<byte[]> archives = new ArrayList<>();
        try {
            for (int round = 0; round < 3; round++) {
                long seen = committed.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> committed.get() > seen + 20);
                archives.add(backup(database));
            }
            long seen = committed.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.get() > seen + 20);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(writerFailure.get()).as("the writer never failed").isNull();

        long previous = -1;
        for (byte[] archive : archives) {
            Path copy = Files.createTempFile(directory, "copy-", ".db");
            restore(copy, archive, new TestTaskContext());
            long total = Long.parseLong(query(copy, "SELECT total FROM counter").getFirst().getFirst());
            assertThat(query(copy, "SELECT count(*), coalesce(max(n), 0) FROM events"))
                    .containsExactly(List.of(String.valueOf(total), String.valueOf(total)));
            assertThat(query(copy, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
            assertThat(total).isGreaterThan(previous);
            previous = total;
        }
        assertThat(committed.get()).isGreaterThan(previous);
    }

    @Test
    void refusesToReplaceAWalDatabaseThatIsStillOpenThenReplacesItOnceClosed() throws Exception {
        Path database = directory.resolve("held.db");
        createShop(database, "wal");
        byte[] archive = backup(database);
        TestTaskContext context = new TestTaskContext();
        try (Connection open = connect(database); Statement statement = open.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("DELETE FROM items");

            assertThatThrownBy(() -> restore(database, archive, context))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("is in WAL mode and open in another program");
            assertThat(query(database, "SELECT count(*) FROM items")).containsExactly(List.of("0"));
        }

        restore(database, archive, context);

        assertThat(siblings(database)).containsExactly("held.db");
        assertThat(query(database, "SELECT count(*) FROM items")).containsExactly(List.of("6"));
    }

    @Test
    void restoresANewFileAndRemovesALeftoverLogOfAnOlderOne() throws Exception {
        Path database = directory.resolve("new.db");
        Path source = directory.resolve("source.db");
        createShop(source, "wal");
        byte[] archive = backup(source);
        Files.write(database.resolveSibling("new.db-wal"), new byte[] {1, 2, 3});
        TestTaskContext context = new TestTaskContext();

        restore(database, archive, context);

        assertThat(query(database, ALL_ROWS)).isEqualTo(query(source, ALL_ROWS));
        assertThat(Files.exists(database.resolveSibling("new.db-wal"))).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-r--r--");
        assertThat(context.logText()).contains("removed stale " + database + "-wal");
    }

    @Test
    void keepsTheModeOfTheFileItReplaces() throws Exception {
        Path database = directory.resolve("private.db");
        createShop(database, "delete");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-------"));
        byte[] archive = backup(database);

        restore(database, archive, new TestTaskContext());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    }

    @Test
    void aCutOffArchiveLeavesTheDatabaseAlone() throws Exception {
        Path database = directory.resolve("safe.db");
        createShop(database, "delete");
        byte[] archive = backup(database);
        execute(database, "DELETE FROM items WHERE id = 1");
        byte[] cutOff = Arrays.copyOf(archive, archive.length - 100);

        assertThatThrownBy(() -> restore(database, cutOff, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("the archive is cut off");
        assertThatThrownBy(() -> restore(database, "not a database at all, not at all".repeat(100).getBytes(),
                new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("not a SQLite database");

        assertThat(query(database, "SELECT count(*) FROM items")).containsExactly(List.of("5"));
        assertThat(siblings(database)).containsExactly("safe.db");
    }

    @Test
    void aMissingDatabaseFailsWithOneReadableLine() {
        Path missing = directory.resolve("missing.db");

        assertThatThrownBy(() -> backup(missing))
                .isInstanceOf(PluginException.class)
                .hasMessage("no SQLite database at " + missing + " (the file does not exist)");
        assertThat(Files.exists(missing)).as("the backup created no database").isFalse();
    }

    @Test
    void aFileThatIsNotADatabaseFailsWithOneReadableLine() throws IOException {
        Path text = directory.resolve("notes.txt");
        Files.writeString(text, "just some notes, not a database; ".repeat(100));

        assertThatThrownBy(() -> backup(text))
                .isInstanceOf(PluginException.class)
                .hasMessage("cannot back up SQLite database " + text + ": the file is not a SQLite database");
    }

    private static void createShop(Path database, String journalMode) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = " + journalMode);
            statement.execute("PRAGMA user_version = 42");
            statement.executeUpdate("CREATE TABLE items (id INTEGER PRIMARY KEY, v)");
            statement.executeUpdate("CREATE INDEX items_by_v ON items (v)");
            statement.executeUpdate("CREATE TABLE log (id INTEGER)");
            statement.executeUpdate("CREATE TRIGGER logged AFTER INSERT ON items BEGIN INSERT INTO log VALUES (NEW.id); END");
            statement.executeUpdate("CREATE VIEW big AS SELECT * FROM items WHERE length(v) > 1000");
            statement.executeUpdate("INSERT INTO items (id, v) VALUES (1, 'anvil ⚒'), (2, 3.25), (3, NULL),"
                    + " (4, x'00ff0a0d'), (5, zeroblob(100000)), (6, 9007199254740993)");
        }
    }

    /** Commits, one at a time, an event and the counter that counts events, until told to stop. */
    private static void write(Path database, AtomicBoolean stop, AtomicLong committed, AtomicReference<Throwable> failure) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 30000");
            connection.setAutoCommit(false);
            for (long n = 1; !stop.get(); n++) {
                statement.executeUpdate("INSERT INTO events VALUES (" + n + ", randomblob(2000))");
                statement.executeUpdate("UPDATE counter SET total = total + 1");
                connection.commit();
                committed.set(n);
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private Endpoint endpoint(Path database) {
        return new Endpoint(target.info(), Map.of("path", database.toString()));
    }

    private byte[] backup(Path database) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.backup(endpoint(database), out, new TestTaskContext());
        return out.toByteArray();
    }

    private void restore(Path database, byte[] archive, TestTaskContext context) throws IOException {
        target.restore(endpoint(database), new ByteArrayInputStream(archive), context);
    }

    private static Connection connect(Path database) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database);
    }

    private static void execute(Path database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String one : sql.split(";")) {
                statement.execute(one);
            }
        }
    }

    private static List<List<String>> query(Path database, String sql) throws SQLException {
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(rows.getString(column));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** The names of the files beside {@code database} that start with its name, and any restore leftovers. */
    private static List<String> siblings(Path database) throws IOException {
        String name = database.getFileName().toString();
        try (Stream<Path> files = Files.list(database.getParent())) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.startsWith(name) || file.startsWith("." + name))
                    .sorted().toList();
        }
    }
}
