package dev.cairn.plugins.s3;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The {@code s3} store: keeps each object in a bucket of Amazon S3 or an S3-compatible service
 * (MinIO, Ceph, Garage, …) under {@code prefix/NAME}.
 *
 * <p>Objects are sent as a multipart upload whose parts grow with the stream (see
 * {@link PartSizes}), so memory stays bounded whatever the size and a half-sent object is never
 * visible; a failed upload is aborted. Each call builds its own client and closes it.
 */
public final class S3Store implements StorePlugin {
    private static final String HELP = """
            Keeps each object in the bucket 'bucket' under the key 'prefix/NAME' ('prefix' is optional; \
            slashes around it are ignored). Leave 'endpoint' empty for Amazon S3, or give the URL of an \
            S3-compatible service (https://minio.example.com:9000); 'region' is the bucket's region \
            (us-east-1 when left out; most other services accept any). Set 'path_style' for services that \
            address buckets as https://host/bucket/key rather than https://bucket.host/key (MinIO and most \
            self-hosted ones). With 'access_key_id' and 'secret_access_key' left out, the server's own AWS \
            credentials are used (environment, ~/.aws, instance or container role). The key needs \
            s3:PutObject, s3:GetObject, s3:DeleteObject, s3:AbortMultipartUpload, \
            s3:ListBucketMultipartUploads and s3:ListBucket (to recover a lost catalog from the bucket). \
            Objects are streamed as multipart uploads with CRC32 checksums \
            whose parts start at 8 MiB and double every 1,000 parts (up to S3's 5 TiB object limit); \
            memory use is two parts at a time. A failed upload is aborted so no parts are left (purging an \
            archive also aborts any upload of it left by a crash); a lifecycle rule that aborts incomplete \
            multipart uploads after a few days is still a good idea.""";

    private static final PluginInfo INFO = new PluginInfo("s3", "Amazon S3 or S3-compatible bucket", "Cairn", "0.1.0",
            false, true,
            List.of(
                    ConfigField.optional("endpoint", Type.STRING, null,
                            "URL of an S3-compatible service; empty for Amazon S3"),
                    ConfigField.optional("region", Type.STRING, "us-east-1", "the bucket's region"),
                    ConfigField.required("bucket", Type.STRING, "bucket to keep objects in; it must exist"),
                    ConfigField.optional("prefix", Type.STRING, null, "key prefix (a folder) for the objects"),
                    ConfigField.optional("access_key_id", Type.STRING, null,
                            "access key; empty for the server's default AWS credentials"),
                    ConfigField.secret("secret_access_key", false, "secret key of that access key"),
                    ConfigField.optional("path_style", Type.BOOLEAN, "false",
                            "address buckets in the path (host/bucket/key), as MinIO and most self-hosted services need")),
            HELP);

    private final PartSizes partSizes;

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public S3Store() {
        this(PartSizes.DEFAULT);
    }

    /** A store with other part sizes, so that tests can show growth and limits with small streams. */
    S3Store(PartSizes partSizes) {
        this.partSizes = partSizes;
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public String store(Endpoint endpoint, String name, InputStream in, TaskContext context) throws IOException {
        S3Location location = S3Location.from(endpoint);
        if (location.hasCredentials()) {
            context.redact(location.secretAccessKey());
        }
        try (S3Bucket bucket = S3Bucket.open(location)) {
            return bucket.store(name, in, partSizes, context);
        }
    }

    @Override
    public InputStream retrieve(Endpoint endpoint, String key) {
        S3Bucket bucket = S3Bucket.open(S3Location.from(endpoint));
        try {
            return bucket.retrieve(key);
        } catch (RuntimeException | Error e) {
            bucket.close();
            throw e;
        }
    }

    @Override
    public void purge(Endpoint endpoint, String key) {
        try (S3Bucket bucket = S3Bucket.open(S3Location.from(endpoint))) {
            bucket.purge(key);
        }
    }

    @Override
    public boolean exists(Endpoint endpoint, String key) {
        try (S3Bucket bucket = S3Bucket.open(S3Location.from(endpoint))) {
            return bucket.exists(key);
        }
    }

    @Override
    public List<String> list(Endpoint endpoint, String prefix) {
        try (S3Bucket bucket = S3Bucket.open(S3Location.from(endpoint))) {
            return bucket.list(prefix);
        }
    }
}
