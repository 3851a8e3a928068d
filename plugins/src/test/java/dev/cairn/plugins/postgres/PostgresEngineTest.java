package dev.cairn.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.FailingAfter;
import dev.cairn.testing.Ports;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The postgres engine end to end on real binaries: a real database backed up with the postgres
 * target, loaded into an image home, scripted, compacted, granted and stopped; then two copies of
 * it started on their own ports, each reached over TCP by the granted role only.
 */
@Timeout(300)
class PostgresEngineTest {
    private static final String HOST = "127.0.0.1";

    private final Engine engine = ServiceLoader.load(Engine.class).stream().map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.plugin().equals("postgres")).findFirst().orElseThrow();
    private final TestTaskContext context = new TestTaskContext();
    private final String account = ServerAccounts.forServers("postgres", "nobody");
    private Path base;
    private final List<EngineHome> homes = new ArrayList<>();

    @BeforeEach
    void prepare() {
        for (String tool : List.of("initdb", "pg_ctl", "pg_restore", "psql", "vacuumdb", "pg_resetwal")) {
            Binaries.require(tool, tool.equals("initdb") || tool.equals("pg_ctl") || tool.equals("pg_resetwal")
                    ? "postgresql" : "postgresql-client");
        }
        base = ServerAccounts.reachableDirectory("cairn-pg-engine-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (EngineHome home : homes) {
            engine.stop(home, new TestTaskContext());
        }
        ServerAccounts.delete(base);
    }

    @Test
    void anArchiveBecomesAnImageWhoseClonesRunApartAndLetOnlyTheGrantedRoleIn() throws Exception {
        byte[] archive = backupOfAShop();
        EngineHome image = home("image");

        long started = System.nanoTime();
        engine.initialise(image, context);
        long initialised = System.nanoTime();
        engine.start(image, context);
        long startedUp = System.nanoTime();
        engine.load(image, new ByteArrayInputStream(archive), context);
        long loaded = System.nanoTime();
        engine.runScript(image, "DELETE FROM customers WHERE id > 60; UPDATE customers SET email = 'hidden@example.com';",
                context);
        engine.compact(image, context);
        List<String> databases = engine.grant(image, new EngineAccess("developer", "image-pw"), context);
        engine.stop(image, context);
        System.out.printf("postgres engine: initdb %d ms, start %d ms, load of %d KiB %d ms%n",
                millis(started, initialised), millis(initialised, startedUp), archive.length / 1024, millis(startedUp, loaded));

        assertThat(databases).containsExactly("shop");
        assertThat(engine.running(image)).isFalse();
        assertThat(context.logText()).doesNotContain("image-pw");

        EngineHome first = cloneOf(image, "first");
        EngineHome second = cloneOf(image, "second");
        long cloneStart = System.nanoTime();
        engine.start(first, context);
        System.out.printf("postgres engine: start of a clone %d ms%n", millis(cloneStart, System.nanoTime()));
        engine.start(second, context);
        engine.grant(first, new EngineAccess("developer", "first-pw"), context);
        engine.grant(second, new EngineAccess("alice", "second-pw"), context);
        assertThat(engine.running(first)).isTrue();
        assertThat(engine.running(second)).isTrue();
        assertThat(ProcessHandle.current().descendants().map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(base.toString()))).as("the servers are detached from this JVM").isEmpty();

        assertThat(engine.clients(first, context)).as("clients before any connects").isZero();
        try (Connection connection = connect(first, "developer", "first-pw"); Statement statement = connection.createStatement()) {
            assertThat(engine.clients(first, context)).as("clients while one is connected").isEqualTo(1);
            statement.execute("DELETE FROM customers WHERE id <= 10");
            statement.execute("CREATE TABLE notes (body text)");
        }
        assertThat(count(first, "developer", "first-pw")).isEqualTo(50);
        assertThat(count(second, "alice", "second-pw")).isEqualTo(60);
        assertThat(query(second, "alice", "second-pw", "SELECT DISTINCT email FROM customers")).isEqualTo("hidden@example.com");
        assertThat(query(second, "alice", "second-pw", "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'customers'"))
                .isEqualTo("alice");

        assertThatThrownBy(() -> connect(first, "postgres", "").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(first, "cairn_loader", "").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(second, "developer", "image-pw").close()).as("the image's role is locked out of a clone")
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(first, "developer", "image-pw").close()).isInstanceOf(SQLException.class);

        engine.stop(first, context);
        engine.stop(second, context);
        assertThat(engine.running(first)).isFalse();
        assertThat(engine.running(second)).isFalse();
        assertThat(postgresProcessesUnder(base)).isEmpty();
    }

    @Test
    void anArchiveOfTheDatabaseNamedPostgresLoadsUnderThatName() throws Exception {
        byte[] archive;
        try (PostgresServer server = PostgresServer.start()) {
            server.execute("postgres", "CREATE TABLE settings (key text PRIMARY KEY, value text);"
                    + " INSERT INTO settings VALUES ('theme', 'dark'), ('lang', 'en');");
            Endpoint endpoint = new Endpoint(new PostgresTarget().info(), Map.of("host", HOST, "port", server.port(),
                    "user", server.user(), "password", server.password(), "database", "postgres"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PostgresTarget().backup(endpoint, out, new TestTaskContext());
            archive = out.toByteArray();
        }
        assertThat(ArchiveKind.databaseName(new ByteArrayInputStream(archive)).name()).isEqualTo("postgres");
        EngineHome image = home("image");
        engine.initialise(image, context);
        engine.start(image, context);
        engine.load(image, new ByteArrayInputStream(archive), context);
        List<String> databases = engine.grant(image, new EngineAccess("developer", "pw"), context);

        assertThat(databases).containsExactly("postgres");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + image.port()
                + "/postgres", "developer", "pw"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM settings")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void aScriptErrorIsOneLineAndAnArchiveOfEveryDatabaseIsRefused() throws Exception {
        EngineHome home = home("scripted");
        engine.initialise(home, context);
        engine.start(home, context);
        engine.load(home, new ByteArrayInputStream(backupOfAShop()), context);

        assertThatThrownBy(() -> engine.runScript(home, "SELECT 1;\nDELETE FROM nowhere;\n", context))
                .isInstanceOf(PluginException.class)
                .hasMessage("the script failed at line 2: ERROR: relation \"nowhere\" does not exist at character 13");
        engine.stop(home, context);
        engine.stop(home, context);

        EngineHome damaged = home("damaged");
        engine.initialise(damaged, context);
        engine.start(damaged, context);
        byte[] archive = backupOfAShop();
        assertThatThrownBy(() -> engine.load(damaged, new FailingAfter(new ByteArrayInputStream(archive), archive.length / 2, null),
                context)).isInstanceOf(IOException.class).hasMessageContaining("damaged archive");
        engine.stop(damaged, context);

        PostgresTarget target = new PostgresTarget();
        assertThat(engine.refuses(new Endpoint(target.info(), Map.of("host", HOST, "database", "shop")))).isEmpty();
        assertThat(engine.refuses(new Endpoint(target.info(), Map.of("host", HOST)))).contains("pg_dumpall");
    }

    @Test
    void aHomeItsAccountCannotReachIsRefusedWithAReason() throws IOException {
        assumeFalse(account.isEmpty(), "the server runs as this user, who reaches everything");
        Path closed = Files.createDirectory(base.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        EngineHome home = new EngineHome(closed.resolve("image"), HOST, Ports.free(HOST), account);

        assertThatThrownBy(() -> engine.initialise(home, context)).isInstanceOf(PluginException.class)
                .hasMessageContaining("account " + account + " cannot reach " + home.directory())
                .hasMessageContaining(closed + " is closed to other users (rwx------)");
    }

    private byte[] backupOfAShop() throws IOException {
        try (PostgresServer server = PostgresServer.start()) {
            server.createDatabase("shop");
            server.execute("shop", """
                    CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
                    INSERT INTO customers SELECT i, 'customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 100) i;
                    CREATE ROLE shop_app LOGIN PASSWORD 'app-pw';
                    GRANT SELECT ON customers TO shop_app;
                    """);
            Endpoint endpoint = new Endpoint(new PostgresTarget().info(), Map.of("host", HOST, "port", server.port(),
                    "user", server.user(), "password", server.password(), "database", "shop"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PostgresTarget().backup(endpoint, out, new TestTaskContext());
            return out.toByteArray();
        }
    }

    private EngineHome home(String name) {
        EngineHome home = new EngineHome(base.resolve(name), HOST, Ports.free(HOST), account);
        homes.add(home);
        return home;
    }

    /** A plain copy keeping owners and modes, as the copy clone backend makes. */
    private EngineHome cloneOf(EngineHome image, String name) throws IOException, InterruptedException {
        EngineHome clone = image.at(base.resolve(name)).withPort(Ports.free(HOST));
        Process copy = new ProcessBuilder("cp", "-a", image.directory().toString(), clone.directory().toString())
                .inheritIO().start();
        assertThat(copy.waitFor()).isZero();
        homes.add(clone);
        return clone;
    }

    private static Connection connect(EngineHome home, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + home.port() + "/shop", user, password);
    }

    private static int count(EngineHome home, String user, String password) throws SQLException {
        return Integer.parseInt(query(home, user, password, "SELECT count(*) FROM customers"));
    }

    private static String query(EngineHome home, String user, String password, String sql) throws SQLException {
        try (Connection connection = connect(home, user, password); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<String> postgresProcessesUnder(Path base) {
        return ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(base.toString()))
                .toList();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
