package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.Cli;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerConfig;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The five-minute tour of the README, driven through the real CLI against a real server and a
 * real PostgreSQL: set everything up, back up, break the data, restore it, clone it into a second
 * database, and read the stored object with standard tools only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class CliEndToEndTest {
    private static final String TOKEN = "e2e-token";
    @TempDir
    static Path temp;
    private static PostgresServer postgres;
    private static CairnServer server;
    private static String archive;

    @BeforeAll
    static void start() {
        Binaries.require("age", "age");
        Binaries.require("zstd", "zstd");
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        postgres.execute("shop", "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT NOT NULL)");
        postgres.execute("shop", "INSERT INTO orders SELECT g, 'item-' || g, g % 7 FROM generate_series(1, 500) g");
        ServerConfig config = ServerConfig.from(temp.resolve("data"), "127.0.0.1:0", null, null, false);
        server = CairnServer.start(config, TOKEN, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String endpoint(String database) {
        return "{\"host\":\"127.0.0.1\",\"port\":" + postgres.port() + ",\"user\":\"" + postgres.user()
                + "\",\"password\":\"" + postgres.password() + "\",\"database\":\"" + database + "\"}";
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CAIRN_URL", "http://127.0.0.1:" + server.port(), "CAIRN_TOKEN", TOKEN));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.exit()).as("cairn %s\nstdout: %s\nstderr: %s", String.join(" ", args), run.out(), run.err()).isZero();
        return run;
    }

    private static List<String> orders(String database) {
        return postgres.query(database, "SELECT id || ':' || item || ':' || qty FROM orders ORDER BY id")
                .stream().map(row -> row.getFirst()).toList();
    }

    @Test
    @Order(1)
    void setUpAndBackUpThroughTheCli() throws IOException {
        ok("create", "store", "--name", "local", "--summary", "archives on disk", "--plugin", "fs",
                "--endpoint", "{\"path\":\"" + temp.resolve("store") + "\"}");
        ok("create", "target", "--name", "shop-db", "--plugin", "postgres", "--endpoint", endpoint("shop"));
        assertThat(ok("test", "target", "shop-db").out()).startsWith("target shop-db (")
                .contains(") connects: connected to " + postgres.user() + "@127.0.0.1:" + postgres.port() + "/shop, PostgreSQL ");
        ok("create", "target", "--name", "shop-wrong", "--plugin", "postgres", "--endpoint",
                endpoint("shop").replace(postgres.password(), "not-the-password"));
        Run refused = cli("test", "target", "shop-wrong");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: cannot connect to " + postgres.user() + "@127.0.0.1:")
                .contains("wrong user or password").doesNotContain("not-the-password");
        ok("delete", "target", "shop-wrong");
        ok("create", "schedule", "--name", "nightly", "--when", "daily 4am");
        ok("create", "retention", "policy", "--name", "week", "--expires", "7d");
        ok("create", "job", "--name", "shop-nightly", "--target", "shop-db", "--store", "local",
                "--schedule", "nightly", "--retention", "week");
        assertThat(ok("list", "jobs").out()).contains("shop-nightly");
        assertThat(ok("show", "target", "shop-db").out()).doesNotContain(postgres.password());

        Run backup = ok("run", "job", "shop-nightly", "--wait");
        assertThat(backup.out()).contains("archive").contains("done");

        JsonNode archives = JsonMapper.builder().build().readTree(ok("--json", "list", "archives").out());
        assertThat(archives.size()).isEqualTo(1);
        archive = archives.get(0).get("uuid").asString();
        assertThat(archives.get(0).get("size").asLong()).isPositive();
        assertThat(ok("list", "archives").out()).contains(archive);
    }

    @Test
    @Order(2)
    void restoresChangedRows() {
        List<String> before = orders("shop");
        postgres.execute("shop", "DELETE FROM orders WHERE id > 250; UPDATE orders SET qty = 999 WHERE id < 10");
        assertThat(orders("shop")).isNotEqualTo(before);

        ok("restore", "archive", archive, "--wait");

        assertThat(orders("shop")).isEqualTo(before);
    }

    @Test
    @Order(3)
    void restoresTheSameArchiveIntoASecondEmptyDatabase() {
        postgres.createDatabase("shop_copy");
        ok("create", "target", "--name", "shop-copy", "--plugin", "postgres", "--endpoint", endpoint("shop_copy"));

        ok("restore", "archive", archive, "--to", "shop-copy", "--wait");

        assertThat(orders("shop_copy")).hasSize(500).isEqualTo(orders("shop"));
    }

    @Test
    @Order(4)
    void theStoredObjectReadsBackWithStandardToolsOnly() throws Exception {
        Path object;
        try (Stream<Path> files = Files.walk(temp.resolve("store"))) {
            object = files.filter(p -> p.toString().endsWith(".zst.age")).findFirst().orElseThrow();
        }
        Path key = temp.resolve("data").resolve("cairn.key");
        Process pipe = new ProcessBuilder("bash", "-o", "pipefail", "-c",
                "age -d -i \"$0\" \"$1\" | zstd -d | pg_restore --list", key.toString(), object.toString())
                .redirectErrorStream(true).start();
        String listing = new String(pipe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pipe.waitFor()).as(listing).isZero();
        assertThat(listing).contains("TABLE DATA public orders");
        assertThat(Files.readString(Path.of(object + ".manifest.json"))).contains(archive).contains("sha256");
    }

    @Test
    @Order(5)
    void aFailedRunExitsNonZero() {
        postgres.execute("postgres", "DROP DATABASE shop_copy WITH (FORCE)");
        ok("create", "job", "--name", "copy-job", "--target", "shop-copy", "--store", "local",
                "--schedule", "nightly", "--retention", "week");

        Run failed = cli("run", "job", "copy-job", "--wait");

        assertThat(failed.exit()).isNotZero();
        assertThat(failed.out() + failed.err()).contains("shop_copy").contains("failed");
    }
}
