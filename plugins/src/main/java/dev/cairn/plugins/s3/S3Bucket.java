package dev.cairn.plugins.s3;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One bucket of an {@code s3} store, with its own client: open it for one call and close it after
 * (a retrieved stream closes it when the stream is closed).
 */
final class S3Bucket implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(2);

    private final S3Location location;
    private final AwsCredentialsProvider credentials;
    private final S3Client s3;

    private S3Bucket(S3Location location, AwsCredentialsProvider credentials, S3Client s3) {
        this.location = location;
        this.credentials = credentials;
        this.s3 = s3;
    }

    static S3Bucket open(S3Location location) {
        AwsCredentialsProvider credentials = location.hasCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKeyId(), location.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT));
        if (location.service() != null) {
            builder.endpointOverride(location.service());
        }
        try {
            return new S3Bucket(location, credentials, builder.build());
        } catch (SdkException | IllegalArgumentException e) {
            closeQuietly(credentials);
            throw new PluginException("cannot set up an S3 client for " + location.describe("") + ": " + e.getMessage(), e);
        }
    }

    /** Uploads {@code in} as object {@code name} and returns its key (the name). */
    String store(String name, InputStream in, PartSizes sizes, TaskContext context) throws IOException {
        String key = location.objectKey(name);
        try {
            StreamingUpload.Sent sent = new StreamingUpload(s3, location.bucket(), key, sizes, context).send(in);
            context.log("stored " + location.describe(key) + ": " + sent.bytes() + " bytes in "
                    + sent.parts() + (sent.parts() == 1 ? " part" : " parts"));
            return name;
        } catch (SdkException e) {
            throw S3Failures.explain("cannot store " + location.describe(key), location, e);
        }
    }

    /** Opens object {@code name} as a stream that closes this bucket when it is closed. */
    InputStream retrieve(String name) {
        String key = location.objectKey(name);
        try {
            ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(location.bucket()).key(key));
            return new FilterInputStream(object) {
                @Override
                public void close() throws IOException {
                    try {
                        object.abort();
                        object.close();
                    } finally {
                        S3Bucket.this.close();
                    }
                }
            };
        } catch (NoSuchKeyException e) {
            throw new PluginException("no object " + name + " in store " + location.describe(key), e);
        } catch (SdkException e) {
            throw S3Failures.explain("cannot read " + location.describe(key), location, e);
        }
    }

    /** Deletes object {@code name} and aborts every unfinished multipart upload to its key. */
    void purge(String name) {
        String key = location.objectKey(name);
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(key));
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(location.bucket()).prefix(key)).uploads()) {
                if (upload.key().equals(key)) {
                    s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(upload.uploadId()));
                }
            }
        } catch (SdkException e) {
            throw S3Failures.explain("cannot purge " + location.describe(key), location, e);
        }
    }

    /** Whether object {@code name} exists (an unfinished upload does not count). */
    boolean exists(String name) {
        String key = location.objectKey(name);
        try {
            s3.headObject(b -> b.bucket(location.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false; // a HEAD reply has no body to tell a missing key from a missing bucket
            }
            throw S3Failures.explain("cannot look up " + location.describe(key), location, e);
        } catch (SdkException e) {
            throw S3Failures.explain("cannot look up " + location.describe(key), location, e);
        }
    }

    /**
     * The names of the objects whose names start with {@code prefix}, as {@link #store} returned
     * them (the store's prefix taken off); unfinished multipart uploads are not objects and are left out.
     */
    List<String> list(String prefix) {
        String storePrefix = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        String keyPrefix = storePrefix + prefix;
        try {
            List<String> names = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(keyPrefix)).contents()) {
                names.add(object.key().substring(storePrefix.length()));
            }
            return names;
        } catch (SdkException e) {
            throw S3Failures.explain("cannot list " + location.describe(keyPrefix), location, e);
        }
    }

    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            closeQuietly(credentials);
        }
    }

    private static void closeQuietly(AwsCredentialsProvider credentials) {
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing was open that outlives the call
            }
        }
    }
}
