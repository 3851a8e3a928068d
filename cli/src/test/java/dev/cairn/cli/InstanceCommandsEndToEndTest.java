package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerConfig;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance commands through the real CLI against a real server and a real PostgreSQL: an
 * anonymised image, instances of it and of a target, {@code eval $(cairn env N)} then psql, reset
 * and delete.
 */
@Timeout(600)
final class InstanceCommandsEndToEndTest {
    private static final String TOKEN = "instances-e2e-token";
    private static Path temp;
    private static CairnServer server;
    private static PostgresServer postgres;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws IOException {
        Binaries.require("psql", "postgresql-client");
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        postgres.execute("shop", "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL)");
        postgres.execute("shop", "INSERT INTO customers SELECT i, 'real' || i || '@example.com' FROM generate_series(1, 40) i");
        temp = ServerAccounts.reachableDirectory("cairn-cli-instances-");
        server = CairnServer.start(ServerConfig.from(temp.resolve("data"), "127.0.0.1:0", null, null, false), TOKEN,
                Clock.systemUTC());
        env = Map.of("CAIRN_URL", "http://127.0.0.1:" + server.port(), "CAIRN_TOKEN", TOKEN);
        Files.createDirectories(temp.resolve("store"));
        String endpoint = JsonMapper.shared().writeValueAsString(Map.of("host", postgres.host(), "port", postgres.port(),
                "user", postgres.user(), "password", postgres.password(), "database", "shop"));
        ok("create", "target", "--name", "shop-db", "--plugin", "postgres", "--endpoint", endpoint);
        ok("create", "store", "--name", "here", "--plugin", "fs", "--endpoint", "{\"path\":\"" + temp.resolve("store") + "\"}");
        ok("create", "schedule", "--name", "nightly", "--when", "daily 4am");
        ok("create", "retention", "policy", "--name", "week", "--expires", "7d");
        ok("create", "job", "--name", "shop-nightly", "--target", "shop-db", "--store", "here", "--schedule", "nightly",
                "--retention", "week");
        ok("run", "job", "shop-nightly", "--wait");
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                for (JsonNode image : JsonMapper.shared().readTree(ok("--json", "list", "images").out())) {
                    CliRun.of(env, temp, "delete", "image", image.path("id").asString(), "--force", "-y");
                }
                server.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (temp != null) {
                ServerAccounts.delete(temp);
            }
        }
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(env, temp, args);
        assertThat(run.exitCode()).as("cairn %s\nstdout: %s\nstderr: %s", String.join(" ", args), run.out(), run.err())
                .isZero();
        return run;
    }

    /** Runs {@code command} in bash after sourcing {@code exports}, as {@code eval $(cairn env N)} would. */
    private static String shell(String exports, String command) throws IOException, InterruptedException {
        Path file = Files.writeString(temp.resolve("env.sh"), exports + "\n");
        Process process = new ProcessBuilder("bash", "-c", ". " + file + " && " + command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output.strip();
    }

    @Test
    void imageInstancesEnvResetAndDelete() throws Exception {
        Path script = Files.writeString(temp.resolve("anonymise.sql"), "UPDATE customers SET email = 'c' || id || '@example.invalid';\n");
        CliRun image = ok("create", "image", "--from", "shop-db", "--script", script.toString(), "--name", "shop-anon", "--wait");
        assertThat(image.out()).contains("image 1 ('shop-anon')").contains("done");
        assertThat(ok("list", "images").out()).contains("shop-anon").contains("ready").contains("postgres");

        assertThat(ok("create", "instance", "1", "--ttl", "8h", "--wait").out()).contains("instance 1 runs on 127.0.0.1:")
                .contains("eval $(cairn env 1)");
        String exports = ok("env", "1").out().strip();
        assertThat(exports).startsWith("export PGHOST=127.0.0.1 PGPORT=").contains(" PGUSER=developer PGPASSWORD=")
                .endsWith(" PGDATABASE=shop");
        assertThat(shell(exports, "psql -tA -c \"SELECT count(*) FROM customers WHERE email LIKE '%example.invalid'\""))
                .isEqualTo("40");
        shell(exports, "psql -q -c 'DELETE FROM customers WHERE id > 10'");
        assertThat(shell(exports, "psql -tA -c 'SELECT count(*) FROM customers'")).isEqualTo("10");
        assertThat(ok("reset", "instance", "1", "-y").out()).contains("reset instance 1");
        assertThat(shell(exports, "psql -tA -c 'SELECT count(*) FROM customers'")).isEqualTo("40");

        // straight from the target: its image is made first
        CliRun fromTarget = ok("create", "instance", "shop-db", "--wait");
        assertThat(fromTarget.out()).contains("building image 2 first").contains("instance 2 runs on");
        assertThat(shell(ok("env", "2").out().strip(), "psql -tA -c \"SELECT count(*) FROM customers WHERE email LIKE 'real%'\""))
                .isEqualTo("40");
        assertThat(ok("list", "instances").out()).contains("running").contains("developer");
        assertThat(ok("show", "instance", "1").out()).contains("Expires at").contains("Clone backend");

        ok("delete", "instance", "1", "-y");
        ok("delete", "instance", "2", "-y");
        assertThat(CliRun.of(env, temp, "env", "1").exitCode()).isNotZero();
        assertThat(ok("list", "instances").out()).isEqualTo("no instances\n");
        assertThat(temp.resolve("data/instances")).isEmptyDirectory();
    }

    @Test
    void envPrintsTheMysqlClientsVariablesQuotedForTheShell() {
        JsonNode instance = JsonMapper.shared().createObjectNode().put("plugin", "mysql").put("host", "db.example")
                .put("port", 55001).put("user", "developer").put("password", "it's").put("database", "crm");
        assertThat(InstanceCommands.exports(instance))
                .isEqualTo("export MYSQL_HOST=db.example MYSQL_TCP_PORT=55001 USER=developer MYSQL_PWD='it'\\''s'");
    }
}
