package dev.cairn.plugins.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugins.GeneratedStream;
import dev.cairn.testing.TestTaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The s3 store against a real S3 service (S3Proxy in this JVM), through the store's own client. */
class S3StoreTest {
    private static final int MIB = 1 << 20;

    private S3ProxyServer server;

    @BeforeEach
    void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void storesRetrievesAndPurgesAStreamOfSeveralParts() throws IOException {
        S3Store store = new S3Store();
        Endpoint endpoint = endpoint(Map.of("prefix", "/cairn/prod/"));
        String name = "nightly/2024-05-01/archive.age";
        long size = 12L * MIB + 12_345; // two parts of the default sizes: 8 MiB and the rest
        TestTaskContext context = new TestTaskContext();

        String key = store.store(endpoint, name, GeneratedStream.of(size, 7), context);

        assertThat(key).isEqualTo(name);
        assertThat(context.logText()).contains(size + " bytes in 2 parts");
        assertThat(server.keys()).containsExactly("cairn/prod/" + name);
        assertThat(store.exists(endpoint, key)).isTrue();
        try (InputStream in = store.retrieve(endpoint, key)) {
            assertThat(GeneratedStream.sha256(in)).isEqualTo(GeneratedStream.sha256(size, 7));
        }

        store.purge(endpoint, key);

        assertThat(store.exists(endpoint, key)).isFalse();
        assertThat(server.keys()).isEmpty();
        store.purge(endpoint, key);
    }

    @Test
    void aStreamSmallerThanOnePartIsOnePutAndStoringAgainReplacesIt() throws IOException {
        S3Store store = new S3Store();
        Endpoint endpoint = endpoint(Map.of());
        TestTaskContext context = new TestTaskContext();

        store.store(endpoint, "small.age", GeneratedStream.of(100_000, 1), context);
        store.store(endpoint, "small.age", GeneratedStream.of(200_000, 2), context);

        assertThat(context.logText()).contains("200000 bytes in 1 part");
        try (InputStream in = store.retrieve(endpoint, "small.age")) {
            assertThat(GeneratedStream.sha256(in)).isEqualTo(GeneratedStream.sha256(200_000, 2));
        }
        assertThat(server.multipartUploads()).isEmpty();
    }

    @Test
    void partsGrowSoAStreamLargerThanFirstPartTimesMaxPartsStillFits() throws IOException {
        PartSizes sizes = new PartSizes(5L * MIB, 3); // S3's smallest part, doubling every part: 5 + 10 + 20 MiB
        S3Store store = new S3Store(sizes);
        Endpoint endpoint = endpoint(Map.of());
        long size = 21L * MIB; // more than 3 parts of 5 MiB hold: 5 + 10 + the last 6 MiB
        TestTaskContext context = new TestTaskContext();

        store.store(endpoint, "grown.age", GeneratedStream.of(size, 3), context);

        assertThat(size).isGreaterThan(sizes.firstPartBytes() * sizes.maxParts());
        assertThat(context.logText()).contains(size + " bytes in 3 parts");
        try (InputStream in = store.retrieve(endpoint, "grown.age")) {
            assertThat(GeneratedStream.sha256(in)).isEqualTo(GeneratedStream.sha256(size, 3));
        }
    }

    @Test
    void partsFilledFromTheChunksOfPartsAlreadySentComeBackByteForByte() throws IOException {
        S3Store store = new S3Store(new PartSizes(5L * MIB, 10_000));
        Endpoint endpoint = endpoint(Map.of());
        long size = 37L * MIB + 777; // eight parts; from the third on, each reuses the chunks of one sent before
        TestTaskContext context = new TestTaskContext();

        store.store(endpoint, "recycled.age", GeneratedStream.of(size, 9), context);

        assertThat(context.logText()).contains(size + " bytes in 8 parts");
        try (InputStream in = store.retrieve(endpoint, "recycled.age")) {
            assertThat(GeneratedStream.sha256(in)).isEqualTo(GeneratedStream.sha256(size, 9));
        }
    }

    @Test
    void theDefaultPartsReachFiveTebibytesWithinS3Limits() {
        PartSizes sizes = PartSizes.DEFAULT;

        assertThat(sizes.sizeOf(1)).isEqualTo(8L * MIB);
        assertThat(sizes.sizeOf(1000)).isEqualTo(8L * MIB);
        assertThat(sizes.sizeOf(1001)).isEqualTo(16L * MIB);
        assertThat(sizes.sizeOf(10_000)).isEqualTo(4096L * MIB).isLessThanOrEqualTo(PartSizes.MAX_PART_BYTES);
        assertThat(sizes.capacity()).isGreaterThanOrEqualTo(5L << 40);
        assertThatThrownBy(() -> new PartSizes(MIB, 10)).hasMessage("first part size must be 5 MiB to 5 GiB, got 1048576");
    }

    @Test
    void aStreamLargerThanTheLastPartCanHoldIsRefusedAndAborted() {
        S3Store store = new S3Store(new PartSizes(5L * MIB, 2)); // holds 5 + 10 MiB
        Endpoint endpoint = endpoint(Map.of());

        assertThatThrownBy(() -> store.store(endpoint, "huge.age", GeneratedStream.of(16L * MIB, 4), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("the stream for s3://archives/huge.age is larger than the 15728640 bytes 2 parts can hold");

        assertThat(server.keys()).isEmpty();
        assertThat(server.multipartUploads()).isEmpty();
    }

    @Test
    void aFailingSourceAbortsTheUploadAndLeavesNoParts() {
        S3Store store = new S3Store(new PartSizes(5L * MIB, 10));
        Endpoint endpoint = endpoint(Map.of());

        assertThatThrownBy(() -> store.store(endpoint, "broken.age", GeneratedStream.failing(12L * MIB, 5, 6L * MIB),
                new TestTaskContext()))
                .isInstanceOf(IOException.class)
                .hasMessage("source broke");

        assertThat(store.exists(endpoint, "broken.age")).isFalse();
        assertThat(server.keys()).isEmpty();
        assertThat(server.multipartUploads()).isEmpty();
    }

    @Test
    void aCancelledTaskAbortsTheUpload() {
        S3Store store = new S3Store(new PartSizes(5L * MIB, 10));
        Endpoint endpoint = endpoint(Map.of());
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> store.store(endpoint, "cancelled.age",
                GeneratedStream.triggering(12L * MIB, 6, 6L * MIB, context::cancel), context))
                .isInstanceOf(PluginException.class)
                .hasMessage("storing s3://archives/cancelled.age was cancelled");

        assertThat(server.keys()).isEmpty();
        assertThat(server.multipartUploads()).isEmpty();
    }

    @Test
    void whenTheServiceDiesMidUploadTheStoreFailsAndPurgeRemovesThePartsOnceItIsBack() throws IOException {
        S3Store store = new S3Store(new PartSizes(5L * MIB, 10));
        Endpoint endpoint = endpoint(Map.of());
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> store.store(endpoint, "interrupted.age",
                GeneratedStream.triggering(12L * MIB, 8, 6L * MIB, server::stop), context))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("cannot store s3://archives/interrupted.age at " + server.endpoint() + ": ")
                .hasMessageContaining("Connection refused");
        assertThat(context.logText()).contains("could not abort the multipart upload of s3://archives/interrupted.age");

        server.restart();
        assertThat(store.exists(endpoint, "interrupted.age")).isFalse();
        assertThat(server.multipartUploads()).as("the abort could not reach the service").containsExactly("interrupted.age");

        store.purge(endpoint, "interrupted.age");

        assertThat(server.multipartUploads()).isEmpty();
        assertThat(server.keys()).isEmpty();
    }

    @Test
    void listsTheNamesOfCompleteObjectsUnderItsPrefix() throws IOException {
        S3Store store = new S3Store();
        Endpoint endpoint = endpoint(Map.of("prefix", "cairn/prod"));
        TestTaskContext context = new TestTaskContext();
        for (String name : List.of("top.age", "nightly/a.age", "nightly/a.age.manifest.json", "weekly/2024/b.age")) {
            store.store(endpoint, name, GeneratedStream.of(1000, 1), context);
        }
        server.client().putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("elsewhere/c.age"), RequestBody.fromString("x"));
        server.client().createMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET).key("cairn/prod/nightly/unfinished.age"));
        assertThat(server.multipartUploads()).containsExactly("cairn/prod/nightly/unfinished.age");

        assertThat(store.list(endpoint, "")).containsExactlyInAnyOrder(
                "top.age", "nightly/a.age", "nightly/a.age.manifest.json", "weekly/2024/b.age");
        assertThat(store.list(endpoint, "nightly/")).containsExactlyInAnyOrder("nightly/a.age", "nightly/a.age.manifest.json");
        assertThat(store.list(endpoint, "week")).containsExactly("weekly/2024/b.age");
        assertThat(store.list(endpoint, "monthly/")).isEmpty();
        assertThat(store.list(endpoint(Map.of()), "")).as("without a prefix, the whole bucket")
                .containsExactlyInAnyOrder("cairn/prod/top.age", "cairn/prod/nightly/a.age",
                        "cairn/prod/nightly/a.age.manifest.json", "cairn/prod/weekly/2024/b.age", "elsewhere/c.age");
    }

    @Test
    void listingAMissingBucketSaysSo() {
        assertThatThrownBy(() -> new S3Store().list(endpoint(Map.of("bucket", "nowhere")), ""))
                .isInstanceOf(PluginException.class)
                .hasMessage("cannot list s3://nowhere/ at " + server.endpoint() + ": bucket nowhere does not exist");
    }

    @Test
    void wrongCredentialsSayAccessWasDenied() {
        S3Store store = new S3Store();
        Endpoint endpoint = endpoint(Map.of("secret_access_key", "not-the-secret"));

        assertThatThrownBy(() -> store.store(endpoint, "denied.age", GeneratedStream.of(1000, 9), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("cannot store s3://archives/denied.age at " + server.endpoint() + ": access denied, ")
                .hasMessageContaining("check access_key_id, secret_access_key")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void aMissingBucketOrObjectIsNamed() {
        S3Store store = new S3Store();

        assertThatThrownBy(() -> store.store(endpoint(Map.of("bucket", "nowhere")), "x.age", GeneratedStream.of(10, 1),
                new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageEndingWith(": bucket nowhere does not exist");
        assertThatThrownBy(() -> store.retrieve(endpoint(Map.of()), "missing.age"))
                .isInstanceOf(PluginException.class)
                .hasMessage("no object missing.age in store s3://archives/missing.age at " + server.endpoint());
    }

    @Test
    void anUnreachableServiceIsReported() {
        S3Store store = new S3Store();
        Endpoint endpoint = endpoint(Map.of());
        server.stop();

        assertThatThrownBy(() -> store.exists(endpoint, "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("cannot look up s3://archives/x.age at " + server.endpoint() + ": ")
                .hasMessageContaining("Connection refused");
        server.restart();
    }

    private Endpoint endpoint(Map<String, String> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "endpoint", server.endpoint().toString(),
                "region", "us-east-1",
                "bucket", S3ProxyServer.BUCKET,
                "access_key_id", S3ProxyServer.ACCESS_KEY,
                "secret_access_key", S3ProxyServer.SECRET_KEY,
                "path_style", "true"));
        values.putAll(overrides);
        return new Endpoint(new S3Store().info(), values);
    }
}
