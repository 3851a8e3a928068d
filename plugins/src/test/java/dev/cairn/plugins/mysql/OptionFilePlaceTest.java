package dev.cairn.plugins.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plugin.Endpoint;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The option file that carries the password lives in the task's private directory (the server's
 * {@code <data>/private}, emptied at start), 0600, while the programs run, and is gone after.
 */
@Timeout(180)
class OptionFilePlaceTest {
    private static final String PASSWORD = "opt1on-f1le-s3cret";
    private static MariaDbServer server;
    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() {
        Binaries.require("mariadb-dump", "mariadb-client");
        Binaries.require("mariadb", "mariadb-client");
        server = MariaDbServer.start();
        server.execute("CREATE USER 'placed'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
                + " GRANT ALL PRIVILEGES ON *.* TO 'placed'@'127.0.0.1'");
        server.createDatabase("placed");
        server.execute("placed", "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOptionFileIsInThePrivateDirectoryOnlyWhileTheProgramsRun() throws IOException {
        Path privateDir = Files.createDirectory(temp.resolve("private"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        TestTaskContext context = new TestTaskContext().usePrivateDirectory(privateDir);
        Endpoint endpoint = new Endpoint(new MySqlTarget().info(), Map.of("host", server.host(), "port", server.port(),
                "user", "placed", "password", PASSWORD, "database", "placed"));
        List<String> seenWhileDumping = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream archive = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                if (seenWhileDumping.isEmpty()) {
                    seenWhileDumping.addAll(filesIn(privateDir));
                }
                super.write(bytes, offset, length);
            }
        };

        new MySqlTarget().backup(endpoint, archive, context);

        assertThat(seenWhileDumping).singleElement().satisfies(line -> assertThat(line).matches("mysql-\\d+\\.cnf rw-------"));
        assertThat(context.spawned()).allSatisfy(spec ->
                assertThat(spec.command().get(1)).startsWith("--defaults-extra-file=" + privateDir.toAbsolutePath() + "/mysql-"));
        assertThat(privateDir).isEmptyDirectory();

        new MySqlTarget().restore(endpoint, new ByteArrayInputStream(archive.toByteArray()), context);

        assertThat(context.spawned()).hasSizeGreaterThan(1).allSatisfy(spec ->
                assertThat(spec.command().get(1)).startsWith("--defaults-extra-file=" + privateDir.toAbsolutePath() + "/mysql-"));
        assertThat(privateDir).isEmptyDirectory();
        assertThat(server.query("placed", "SELECT COUNT(*) FROM t")).containsExactly(List.of("2"));
    }

    private static List<String> filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> {
                try {
                    return file.getFileName() + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
