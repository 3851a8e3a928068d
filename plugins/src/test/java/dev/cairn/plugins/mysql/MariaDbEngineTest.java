package dev.cairn.plugins.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.Ports;
import dev.cairn.testing.ServerAccounts;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mysql engine end to end on real MariaDB binaries: a real database backed up with the mysql
 * target, loaded into an image home, scripted, compacted, granted and stopped; then two copies of it
 * started on their own ports, each reached over TCP by the granted account only.
 */
@Timeout(300)
class MariaDbEngineTest {
    private static final String HOST = "127.0.0.1";
    private static MariaDbServer source;

    private final Engine engine = ServiceLoader.load(Engine.class).stream().map(ServiceLoader.Provider::get)
            .filter(candidate -> candidate.plugin().equals("mysql")).findFirst().orElseThrow();
    private final TestTaskContext context = new TestTaskContext();
    private final String account = ServerAccounts.forServers("mysql", "nobody");
    private final List<EngineHome> homes = new ArrayList<>();
    private Path base;

    @BeforeAll
    static void startSource() {
        Binaries.require("mariadb-dump", "mariadb-client");
        source = MariaDbServer.start();
        source.createDatabase("shop");
        source.execute("shop", """
                CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(80)) ENGINE=InnoDB;
                INSERT INTO customers SELECT seq, CONCAT('customer ', seq), CONCAT('c', seq, '@example.com') FROM seq_1_to_100;
                CREATE USER 'shop_app'@'%' IDENTIFIED BY 'app-pw';
                GRANT SELECT ON shop.* TO 'shop_app'@'%';
                """);
    }

    @AfterAll
    static void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    @BeforeEach
    void prepare() {
        base = ServerAccounts.reachableDirectory("cairn-mariadb-engine-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (EngineHome home : homes) {
            engine.stop(home, new TestTaskContext());
        }
        ServerAccounts.delete(base);
    }

    @Test
    void anArchiveBecomesAnImageWhoseClonesRunApartAndLetOnlyTheGrantedAccountIn() throws Exception {
        byte[] archive = backup("shop");
        EngineHome image = home("image");

        long started = System.nanoTime();
        engine.initialise(image, context);
        long initialised = System.nanoTime();
        engine.start(image, context);
        long startedUp = System.nanoTime();
        engine.load(image, new ByteArrayInputStream(archive), context);
        long loaded = System.nanoTime();
        engine.runScript(image, "DELETE FROM customers WHERE id > 60;\nUPDATE customers SET email = 'hidden@example.com';\n", context);
        engine.compact(image, context);
        List<String> databases = engine.grant(image, new EngineAccess("developer", "image-pw"), context);
        engine.stop(image, context);
        System.out.printf("mariadb engine: install-db %d ms, start %d ms, load of %d KiB %d ms%n",
                millis(started, initialised), millis(initialised, startedUp), archive.length / 1024, millis(startedUp, loaded));

        assertThat(databases).containsExactly("shop");
        assertThat(engine.running(image)).isFalse();
        assertThat(context.logText()).doesNotContain("image-pw");

        EngineHome first = cloneOf(image, "first");
        EngineHome second = cloneOf(image, "second");
        long cloneStart = System.nanoTime();
        engine.start(first, context);
        System.out.printf("mariadb engine: start of a clone %d ms%n", millis(cloneStart, System.nanoTime()));
        engine.start(second, context);
        engine.grant(first, new EngineAccess("developer", "first-pw"), context);
        engine.grant(second, new EngineAccess("alice", "second-pw"), context);
        assertThat(engine.running(first)).isTrue();
        assertThat(engine.running(second)).isTrue();
        assertThat(ProcessHandle.current().descendants().map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(base.toString()))).as("the servers are detached from this JVM").isEmpty();

        // the idle sweep's count of clients: none, one while a session runs, none again after it
        assertThat(engine.clients(first, context)).isZero();
        Thread session = Thread.ofVirtual().start(() -> {
            try {
                tcp(first, "developer", "first-pw", "SELECT SLEEP(3)");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await("a client counted").atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> engine.clients(first, context) == 1);
        session.join();
        org.awaitility.Awaitility.await("no client counted").atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> engine.clients(first, context) == 0);

        tcp(first, "developer", "first-pw", "DELETE FROM customers WHERE id <= 10; CREATE TABLE notes (body TEXT)");
        assertThat(tcp(first, "developer", "first-pw", "SELECT COUNT(*) FROM customers")).isEqualTo("50");
        assertThat(tcp(second, "alice", "second-pw", "SELECT COUNT(*) FROM customers")).isEqualTo("60");
        assertThat(tcp(second, "alice", "second-pw", "SELECT DISTINCT email FROM customers")).isEqualTo("hidden@example.com");

        assertThatThrownBy(() -> tcp(first, "root", "", "SELECT 1")).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> tcp(second, "developer", "image-pw", "SELECT 1")).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> tcp(first, "developer", "image-pw", "SELECT 1")).hasMessageContaining("Access denied");

        engine.stop(first, context);
        engine.stop(second, context);
        assertThat(engine.running(first)).isFalse();
        assertThat(engine.running(second)).isFalse();
        assertThat(processesUnder(base)).isEmpty();
    }

    @Test
    void anArchiveOfEveryDatabaseLoadsWithoutTheSourcesAccounts() throws Exception {
        byte[] archive = backup("");
        EngineHome home = home("all");
        engine.initialise(home, context);
        engine.start(home, context);
        engine.load(home, new ByteArrayInputStream(archive), context);

        List<String> databases = engine.grant(home, new EngineAccess("developer", "dev-pw"), context);

        assertThat(databases).containsExactly("shop");
        assertThat(tcp(home, "developer", "dev-pw", "SELECT COUNT(*) FROM customers")).isEqualTo("100");
        assertThatThrownBy(() -> tcp(home, "shop_app", "app-pw", "SELECT 1")).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> tcp(home, "root", "secret-pw", "SELECT 1")).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> engine.runScript(home, "SELECT 1;\nDELETE FROM nowhere;\n", context))
                .isInstanceOf(PluginException.class)
                .hasMessage("the script failed: ERROR 1146 (42S02) at line 2: Table 'shop.nowhere' doesn't exist");
        engine.stop(home, context);
        assertThat(processesUnder(base)).isEmpty();
    }

    private byte[] backup(String database) throws IOException {
        MySqlTarget target = new MySqlTarget();
        Endpoint endpoint = new Endpoint(target.info(), Map.of("host", HOST, "port", source.port(), "user", source.user(),
                "password", source.password(), "database", database));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.backup(endpoint, out, new TestTaskContext());
        return out.toByteArray();
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

    /** Runs {@code sql} with the mariadb client over TCP as {@code user}; the password goes in a 0600 option file. */
    private String tcp(EngineHome home, String user, String password, String sql) throws IOException, InterruptedException {
        Path options = Files.createTempFile("cairn-client-", ".cnf", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(options, "[client]\nuser=" + user + "\npassword=\"" + password + "\"\nhost=" + HOST
                    + "\nport=" + home.port() + "\nprotocol=TCP\n");
            Process client = new ProcessBuilder(ClientPrograms.client(), "--defaults-file=" + options, "--batch",
                    "--skip-column-names", "--database=shop", "--execute=" + sql).redirectErrorStream(true).start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (client.exitValue() != 0) {
                throw new IllegalStateException(output);
            }
            return output;
        } finally {
            Files.delete(options);
        }
    }

    private static List<String> processesUnder(Path base) {
        return ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(base.toString()))
                .toList();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
