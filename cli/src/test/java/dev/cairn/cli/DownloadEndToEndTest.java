package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code cairn download} through the real CLI against a real server: to stdout, to a file, and resumed. */
final class DownloadEndToEndTest {
    private static final String TOKEN = "download-e2e-token";
    @TempDir
    static Path temp;
    private static CairnServer server;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws IOException {
        server = CairnServer.start(ServerConfig.from(temp.resolve("data"), "127.0.0.1:0", null, null, false), TOKEN,
                Clock.systemUTC());
        env = Map.of("CAIRN_URL", "http://127.0.0.1:" + server.port(), "CAIRN_TOKEN", TOKEN);
        Path files = Files.createDirectories(temp.resolve("files"));
        Files.writeString(files.resolve("hello.txt"), "hello from the laptop\n".repeat(20_000));
        Files.createDirectories(temp.resolve("store"));
        ok("create", "target", "--name", "files", "--plugin", "fs", "--endpoint", "{\"path\":\"" + files + "\"}");
        ok("create", "store", "--name", "here", "--plugin", "fs", "--endpoint", "{\"path\":\"" + temp.resolve("store") + "\"}");
        ok("create", "schedule", "--name", "nightly", "--when", "daily 4am");
        ok("create", "retention", "policy", "--name", "week", "--expires", "7d");
        ok("create", "job", "--name", "files-nightly", "--target", "files", "--store", "here", "--schedule", "nightly",
                "--retention", "week");
        ok("run", "job", "files-nightly", "--wait");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(env, temp, args);
        assertThat(run.exitCode()).as("cairn %s\nstdout: %s\nstderr: %s", String.join(" ", args), run.out(), run.err())
                .isZero();
        return run;
    }

    @Test
    void downloadsTheNewestArchiveToStdoutAndToAFileAndResumesAPartlyWrittenOne() throws IOException {
        assertThat(ok("download", "files").out()).contains("hello.txt").contains("hello from the laptop");
        CliRun toFile = ok("download", "files", "-o", "files.tar");
        assertThat(toFile.err()).contains("downloaded files-").contains(".tar to files.tar");
        Path tar = temp.resolve("files.tar");
        byte[] whole = Files.readAllBytes(tar);
        assertThat(whole.length).isGreaterThan(400_000);
        assertThat(new String(whole, 257, 5)).isEqualTo("ustar");
        assertThat(temp.resolve(".files.tar.cairn-etag")).doesNotExist();

        // a download broken off half-way leaves the file and the stream's ETag beside it
        String sha = JsonMapper.shared().readTree(ok("--json", "list", "archives", "--target", "files").out())
                .get(0).path("sha256").asString();
        Files.write(tar, Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(temp.resolve(".files.tar.cairn-etag"), "\"" + sha + "\"");
        CliRun resumed = ok("download", "files", "-o", "files.tar");
        assertThat(resumed.err()).contains("resumed");
        assertThat(Files.readAllBytes(tar)).isEqualTo(whole);

        // an ETag of another stream gets the whole new one, never a splice of two
        Files.write(tar, Arrays.copyOf(whole, 1000));
        Files.writeString(temp.resolve(".files.tar.cairn-etag"), "\"another-archive\"");
        assertThat(ok("download", "files", "-o", "files.tar").err()).doesNotContain("resumed");
        assertThat(Files.readAllBytes(tar)).isEqualTo(whole);

        CliRun refused = CliRun.of(env, temp, "download", "files", "--format", "sql");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("cannot be turned into format 'sql'").contains("tar");
    }
}
