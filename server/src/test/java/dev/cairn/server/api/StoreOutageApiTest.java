package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plugins.s3.S3ProxyServer;
import dev.cairn.plugins.sftp.SftpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A store that dies in the middle of a backup and is still down when the task ends, through the API
 * of a real server: the task fails, no archive is recorded, the store lists an orphan, and once the
 * store is back the orphan sweep leaves nothing of the upload (no object, no S3 multipart parts, no
 * SFTP {@code NAME.partial}). The services are an S3Proxy and an Apache MINA SFTP server in this JVM.
 */
class StoreOutageApiTest {
    private static final long MIB = 1L << 20;
    @TempDir
    Path temp;
    private S3ProxyServer s3;
    private SftpServer sftp;
    private ApiFixture api;

    @AfterEach
    void stop() throws IOException {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            try {
                if (sftp != null) {
                    sftp.close();
                }
            } finally {
                if (s3 != null) {
                    s3.close();
                }
            }
        }
    }

    @Test
    void anS3StoreThatDiesMidUploadKeepsNoObjectAndNoPartsOnceItIsBack() {
        s3 = S3ProxyServer.start();
        // S3 parts start at 8 MiB, and the pipe holds 2 MiB: the upload has begun well before 24 MiB
        api = ApiFixture.start(temp, new TriggeringTarget(64 * MIB, 24 * MIB, s3::stop));
        String store = api.s3Store("bucket", s3);

        failedBackupTo(store);
        assertThat(api.cairn().orphanSweeper().sweep(Instant.now())).as("the store is still down").isZero();
        JsonNode stillDown = api.get("/v1/store/" + store).expect(200).json();
        assertThat(stillDown.path("orphans").asLong()).isEqualTo(1);

        s3.restart();
        assertThat(s3.multipartUploads()).as("the upload could not be aborted while the service was down").hasSize(1);
        assertThat(api.cairn().orphanSweeper().sweep(Instant.now())).isEqualTo(1);

        assertThat(s3.keys()).isEmpty();
        assertThat(s3.multipartUploads()).isEmpty();
        assertThat(api.get("/v1/store/" + store).expect(200).json().path("orphans").asLong()).isZero();
        assertThat(api.cairn().orphanSweeper().sweep(Instant.now())).as("nothing left to sweep").isZero();
    }

    @Test
    void anSftpStoreThatDiesMidUploadKeepsNoObjectAndNoPartialFileOnceItIsBack() throws IOException {
        sftp = SftpServer.start(Files.createDirectories(temp.resolve("sftp-root")), null);
        api = ApiFixture.start(temp, new TriggeringTarget(32 * MIB, 8 * MIB, sftp::stop));
        String store = api.sftpStore("sftp server", sftp);

        failedBackupTo(store);
        assertThat(files(sftp.root())).as("the connection was lost before the partial file could be removed")
                .singleElement().satisfies(file -> assertThat(file.toString()).endsWith(".zst.age.partial"));

        sftp.restart();
        assertThat(api.cairn().orphanSweeper().sweep(Instant.now())).isEqualTo(1);

        assertThat(files(sftp.root())).isEmpty();
        assertThat(api.get("/v1/store/" + store).expect(200).json().path("orphans").asLong()).isZero();
    }

    /** Runs a backup of the triggering target into {@code store}, which dies during it, and checks how it ended. */
    private void failedBackupTo(String store) {
        String target = api.create("/v1/targets", fields("name", "dump", "summary", "random bytes",
                "plugin", TriggeringTarget.NAME, "endpoint", Map.of(), "agent", ""));
        String job = api.job("dump job", target, store, api.schedule("nightly", "daily at 3am"),
                api.retention("one week", 86400 * 7));

        JsonNode task = api.runJob(job);

        String log = task.path("log").stringValue();
        assertThat(task.path("status").stringValue()).as("log:%n%s", log).isEqualTo("failed");
        assertThat(log).contains("cannot remove the partial object dump/")
                .contains("it will be removed when the store is back");
        assertThat(task.path("archive_uuid").isNull()).isTrue();
        assertThat(api.get("/v1/archives").expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/store/" + store).expect(200).json().path("orphans").asLong()).isEqualTo(1);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
