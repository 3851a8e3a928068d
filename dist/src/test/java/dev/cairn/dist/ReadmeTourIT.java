package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.Binaries;
import dev.cairn.testing.Ports;
import dev.cairn.testing.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's five-minute tour, run as written: every command of its shell block through the
 * launcher and the packaged jar, against {@code ./cairn dev} and a throw-away PostgreSQL, so the
 * README cannot drift from what Cairn does. Only what must differ on a test machine is replaced:
 * the server's port, the database's port, user and password, the two store directories, and the
 * archive uuid prefix the reader copies from the listing.
 */
final class ReadmeTourIT {
    private Process dev;

    @AfterEach
    void stop() throws InterruptedException {
        if (dev != null) {
            dev.destroy();
            dev.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyCommandOfTheTourSucceeds(@TempDir Path temp) throws Exception {
        Binaries.require("pg_dump", "postgresql-client");
        List<String> tour = tourCommands(Files.readString(LauncherCopy.REPOSITORY.resolve("README.md")));
        assertThat(tour).as("the tour's commands").hasSizeGreaterThan(10);
        try (PostgresServer postgres = PostgresServer.start()) {
            for (String database : List.of("shop", "shop_staging")) {
                postgres.createDatabase(database);
            }
            postgres.execute("shop", "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL)");
            postgres.execute("shop", "INSERT INTO orders SELECT g, 'item-' || g FROM generate_series(1, 300) g");
            Path root = LauncherCopy.install(temp.resolve("cairn"));
            int port = Ports.free("127.0.0.1");
            ProcessBuilder start = new ProcessBuilder("./cairn", "dev", "--listen", "127.0.0.1:" + port)
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("dev.log").toFile());
            start.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
            dev = start.start();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> healthy(port));

            String url = "http://127.0.0.1:" + port;
            for (String command : tour) {
                String line = command
                        .replace("\"port\":5432", "\"port\":" + postgres.port())
                        .replace("\"user\":\"postgres\"", "\"user\":\"" + postgres.user() + "\"")
                        .replace("\"password\":\"…\"", "\"password\":\"" + postgres.password() + "\"")
                        .replace("/srv/backups", temp.resolve("nas").toString())
                        .replace("/mnt/offsite", temp.resolve("offsite").toString());
                if (line.contains("ARCHIVE-UUID-PREFIX")) {
                    String listed = run(root, url, "./cairn list archives --target shop-db --json", temp).out();
                    Matcher uuid = Pattern.compile("\"uuid\" : \"([0-9a-f]{8})").matcher(listed);
                    assertThat(uuid.find()).as(listed).isTrue();
                    line = line.replace("ARCHIVE-UUID-PREFIX", uuid.group(1));
                }
                Run run = run(root, url, line, temp);
                assertThat(run.exit()).as("%s\n%s\nserver log:\n%s", command, run.out(),
                        Files.readString(temp.resolve("dev.log"))).isZero();
            }
            assertThat(postgres.query("shop_staging", "SELECT count(*) FROM orders").getFirst().getFirst()).isEqualTo("300");
        }
    }

    /** The commands of the tour's second shell block (the first only starts the server), continuation lines joined. */
    static List<String> tourCommands(String readme) {
        String tour = readme.substring(readme.indexOf("## A five-minute tour"));
        Matcher blocks = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(tour);
        assertThat(blocks.find() && blocks.group(1).strip().equals("./cairn dev")).as("the tour starts with ./cairn dev").isTrue();
        assertThat(blocks.find()).as("the tour's commands").isTrue();
        List<String> commands = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : blocks.group(1).split("\n")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            commands.add(pending.append(text).toString());
            pending.setLength(0);
        }
        return commands;
    }

    private record Run(int exit, String out) {
    }

    /** Runs {@code line} with bash in {@code root}, as the reader's second terminal would. */
    private static Run run(Path root, String url, String line, Path temp) throws IOException, InterruptedException {
        Path output = Files.createTempFile(temp, "command", ".out");
        ProcessBuilder command = new ProcessBuilder("bash", "-c", line).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        command.environment().put("CAIRN_URL", url);
        command.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        Process process = command.start();
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 5 minutes: " + line);
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static boolean healthy(int port) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
    }
}
