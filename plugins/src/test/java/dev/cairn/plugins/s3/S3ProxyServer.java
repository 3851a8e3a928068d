package dev.cairn.plugins.s3;

import static org.awaitility.Awaitility.await;

import dev.cairn.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3Proxy in this JVM on a free loopback port, over a blob store (in memory, or files for a
 * benchmark) that outlives a stop, so that a test can kill the service mid-upload and look at what
 * is left once it is back.
 *
 * <p>Public, and shipped in this module's test jar, for the end-to-end tests of other modules.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "cairn-test-access";
    public static final String SECRET_KEY = "cairn-test-secret-0123456789";
    public static final String BUCKET = "archives";

    private final BlobStore blobs;
    private final int port;
    private final Tls tls;
    private S3Proxy proxy;
    private final S3Client client;

    /** A PKCS#12 key store holding the server's key and certificate, for HTTPS. */
    public record Tls(Path keyStore, String password) {
    }

    private S3ProxyServer(int port, BlobStore blobs, Tls tls) {
        this.port = port;
        this.blobs = blobs;
        this.tls = tls;
        this.client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** Starts a server with one empty bucket, {@link #BUCKET}, in memory. */
    public static S3ProxyServer start() {
        return start(new TransientNio2BlobStore(), null);
    }

    /**
     * Starts a server with one empty bucket, {@link #BUCKET}, kept in files under {@code directory}:
     * for objects too large for memory. With {@code tls}, it serves HTTPS only (its clients must
     * trust the certificate: {@code javax.net.ssl.trustStore}).
     */
    public static S3ProxyServer startOnDisk(Path directory, Tls tls) {
        try {
            return start(new FilesystemNio2BlobStore(Files.createDirectories(directory).toString()), tls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static S3ProxyServer start(BlobStore blobs, Tls tls) {
        S3ProxyServer server = new S3ProxyServer(Ports.free("127.0.0.1"), blobs, tls);
        server.restart();
        server.client.createBucket(b -> b.bucket(BUCKET));
        return server;
    }

    public URI endpoint() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    /** Starts the service (again), on the same port and storage. */
    public void restart() {
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(blobs)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0);
        proxy = (tls == null ? builder.endpoint(endpoint())
                : builder.secureEndpoint(endpoint()).keyStore(tls.keyStore().toString(), tls.password())).build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + port, e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "STARTED".equals(proxy.getState()));
    }

    /** Stops the service; the blobs stay. */
    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    /** The keys of the bucket's objects. */
    public List<String> keys() {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    /** The keys of the bucket's unfinished multipart uploads. */
    public List<String> multipartUploads() {
        return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream().map(MultipartUpload::key).toList();
    }

    S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        if (proxy != null && !"STOPPED".equals(proxy.getState())) {
            stop();
        }
    }
}
