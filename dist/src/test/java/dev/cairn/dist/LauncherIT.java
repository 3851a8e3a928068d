package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it, from a copy of the repository's launcher and the packaged jar
 * (run in the integration-test phase, after the jar is built): a server it started keeps
 * answering while the jar it was started from is rewritten in place, as {@code ./mvnw verify} in
 * another terminal does.
 */
final class LauncherIT {
    private static final String TOKEN = "launcher-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void aRunningServerKeepsAnsweringWhileItsJarIsRebuilt(@TempDir Path temp) throws Exception {
        Path root = LauncherCopy.install(temp.resolve("cairn"));
        Path jar = root.resolve("dist/target/cairn.jar");
        int port = Ports.free("127.0.0.1");
        ProcessBuilder start = new ProcessBuilder(root.resolve("cairn").toString(), "server",
                "--data", temp.resolve("data").toString(), "--listen", "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(temp.resolve("server.log").toFile());
        start.environment().put("CAIRN_TOKEN", TOKEN);
        start.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        server = start.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(port, "/healthz") == 200);

        // what a rebuild does to the jar: truncate it, then write it again, here with other bytes
        byte[] rebuilt = new byte[4 * 1024 * 1024];
        Arrays.fill(rebuilt, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(jar, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(rebuilt);
        }

        // pages and routes not used before load classes the server has not loaded yet
        for (String path : List.of("/login", "/v1/plugins", "/v1/targets", "/v1/stores", "/v1/tasks", "/v1/status")) {
            assertThat(get(port, path)).as(path + "\n" + Files.readString(temp.resolve("server.log")))
                    .isLessThan(500);
        }
        assertThat(get(port, "/healthz")).isEqualTo(200);
        assertThat(server.isAlive()).isTrue();
        assertThat(Files.readString(temp.resolve("server.log"))).doesNotContain("NoClassDefFoundError");
    }

    private int get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
