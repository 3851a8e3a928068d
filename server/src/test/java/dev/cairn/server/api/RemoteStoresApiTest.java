package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plugins.s3.S3ProxyServer;
import dev.cairn.plugins.sftp.SftpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The s3 and sftp stores end to end, through the API of a real server: backups with a copy, restores
 * from each store, their self-test, and a lost catalog recovered from a bucket. The services are an
 * S3Proxy and an Apache MINA SFTP server in this JVM.
 */
class RemoteStoresApiTest {
    @TempDir
    Path temp;
    private S3ProxyServer s3;
    private SftpServer sftp;
    private ApiFixture api;
    private Path source;

    @BeforeEach
    void start() throws IOException {
        s3 = S3ProxyServer.start();
        sftp = SftpServer.start(Files.createDirectories(temp.resolve("sftp-root")), null);
        api = ApiFixture.start(temp);
        source = api.directory("source");
        Files.writeString(source.resolve("notes.txt"), "remote stores\n");
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        Files.write(Files.createDirectories(source.resolve("sub")).resolve("data.bin"), data);
    }

    @AfterEach
    void stop() throws IOException {
        try {
            api.close();
        } finally {
            try {
                sftp.close();
            } finally {
                s3.close();
            }
        }
    }

    @Test
    void aJobStoresInS3WithACopyOnSftpAndEachArchiveRestores() throws Exception {
        String target = api.fsTarget("site", source);
        String bucket = api.s3Store("bucket", s3);
        String server = api.sftpStore("sftp server", sftp);
        String job = job(target, bucket, List.of(server));

        JsonNode backup = api.awaitDone(api.runJob(job).path("uuid").stringValue());

        List<String> inBucket = api.get("/v1/archives?store=" + bucket).expect(200).uuids();
        List<String> onServer = api.get("/v1/archives?store=" + server).expect(200).uuids();
        assertThat(inBucket).containsExactly(backup.path("archive_uuid").stringValue());
        assertThat(onServer).hasSize(1);
        JsonNode first = api.get("/v1/archive/" + inBucket.getFirst()).expect(200).json();
        JsonNode copy = api.get("/v1/archive/" + onServer.getFirst()).expect(200).json();
        assertThat(copy.path("sha256").stringValue()).isEqualTo(first.path("sha256").stringValue());
        assertThat(s3.keys()).contains("cairn/" + first.path("store_key").stringValue());
        assertThat(sftp.root().resolve("backups").resolve(copy.path("store_key").stringValue())).isRegularFile();

        for (String archive : List.of(inBucket.getFirst(), onServer.getFirst())) {
            Path into = api.directory("restored");
            restore(api, archive, into);
            assertThat(files(into)).as("restored from archive %s", archive).isEqualTo(files(source));
        }
    }

    @Test
    void theSelfTestAnswersHealthyForBothAndWhatFailsOnceTheSftpServerIsDown() throws IOException {
        String bucket = api.s3Store("bucket", s3);
        String server = api.sftpStore("sftp server", sftp);

        for (String store : List.of(bucket, server)) {
            JsonNode healthy = api.post("/v1/store/" + store + "/test", fields()).expect(200).json();
            assertThat(healthy.path("healthy").asBoolean()).as("store %s: %s", store, healthy).isTrue();
            assertThat(healthy.path("error").isNull()).isTrue();
        }
        assertThat(s3.keys()).as("test blobs are purged").isEmpty();

        sftp.stop();

        JsonNode failing = api.post("/v1/store/" + server + "/test", fields()).expect(200).json();
        assertThat(failing.path("healthy").asBoolean()).isFalse();
        assertThat(failing.path("error").stringValue())
                .startsWith("cannot write a test blob: cannot connect to sftp server 127.0.0.1:" + sftp.port() + ": ")
                .contains("Connection refused")
                .doesNotContain(SftpServer.PASSWORD);
        JsonNode shown = api.get("/v1/store/" + server).expect(200).json();
        assertThat(shown.path("healthy").asBoolean()).isFalse();
        assertThat(shown.path("health_error").stringValue()).isEqualTo(failing.path("error").stringValue());
    }

    @Test
    void aFreshServerRecoversTheArchivesOfABucketAndTheyRestore() throws Exception {
        String target = api.fsTarget("site", source);
        String job = job(target, api.s3Store("bucket", s3), List.of());
        String archive = api.awaitDone(api.runJob(job).path("uuid").stringValue()).path("archive_uuid").stringValue();
        String sha256 = api.get("/v1/archive/" + archive).expect(200).json().path("sha256").stringValue();
        api.close();

        // The server is lost but for its key, which the operator kept.
        Path fresh = Files.createDirectories(temp.resolve("fresh").resolve("data"));
        Files.copy(temp.resolve("data").resolve("cairn.key"), fresh.resolve("cairn.key"));
        api = ApiFixture.start(temp.resolve("fresh"));
        String bucket = api.s3Store("bucket again", s3);

        JsonNode outcome = api.post("/v1/store/" + bucket + "/recover", fields()).expect(200).json();
        assertThat(ApiReply.strings(outcome.path("recovered"))).containsExactly(archive);
        assertThat(ApiReply.strings(outcome.path("created_targets")))
                .containsExactly("site");
        assertThat(outcome.path("unreadable").isEmpty()).as("unreadable: %s", outcome).isTrue();
        JsonNode recovered = api.get("/v1/archive/" + archive).expect(200).json();
        assertThat(recovered.path("store_uuid").stringValue()).isEqualTo(bucket);
        assertThat(recovered.path("sha256").stringValue()).isEqualTo(sha256);

        Path into = api.directory("recovered");
        restore(api, archive, into);
        assertThat(files(into)).isEqualTo(files(source));
    }

    private String job(String target, String store, List<String> copies) {
        return api.create("/v1/jobs", fields("name", "site job", "summary", "backs up the site", "target", target,
                "store", store, "schedule", api.schedule("nightly", "daily at 3am"),
                "retention", api.retention("one week", 86400 * 7), "paused", false, "copies", copies));
    }

    private static void restore(ApiFixture on, String archive, Path into) {
        String target = on.fsTarget("restore into " + into.getFileName(), into);
        JsonNode reply = on.post("/v1/archive/" + archive + "/restore", fields("target", target)).expect(200).json();
        on.awaitDone(reply.path("task_uuid").stringValue());
    }

    /** Every regular file under {@code root}, by relative path, with the SHA-256 of its content. */
    private static Map<String, String> files(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
                files.put(root.relativize(path).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return files;
    }
}
