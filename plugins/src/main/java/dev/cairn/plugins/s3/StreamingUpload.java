package dev.cairn.plugins.s3;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Sends one stream of unknown length to one object key: a single PutObject when it fits in the
 * first part, else a multipart upload whose parts grow as {@link PartSizes} says.
 *
 * <p>At most two parts are in memory: one uploading while the next fills, or two uploading while
 * the reader waits. Whatever fails or is cancelled (the source, a part, the completion) aborts the
 * multipart upload so that S3 keeps no orphaned parts; when even the abort fails (the service is
 * gone) the task log says so and {@link S3Bucket#purge} removes the parts later.
 */
final class StreamingUpload {
    private static final int BUFFERS = 2;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final PartSizes sizes;
    private final TaskContext context;
    private final PartBuffer.ChunkPool chunks = new PartBuffer.ChunkPool();

    /** What was sent: the bytes, and the parts (1 for a single PutObject). */
    record Sent(long bytes, int parts) {
    }

    StreamingUpload(S3Client s3, String bucket, String key, PartSizes sizes, TaskContext context) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.sizes = sizes;
        this.context = context;
    }

    /** Reads {@code in} to its end into the object; it is visible only once complete. */
    Sent send(InputStream in) throws IOException {
        PartBuffer first = PartBuffer.read(in, sizes.sizeOf(1), this::checkCancelled, chunks);
        if (first.endOfStream()) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength(first.size())
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), first.body());
            return new Sent(first.size(), 1);
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        try {
            return sendParts(uploadId, first, in);
        } catch (IOException | RuntimeException | Error e) {
            abort(uploadId, e);
            throw e;
        }
    }

    private Sent sendParts(String uploadId, PartBuffer first, InputStream in) throws IOException {
        Semaphore buffers = new Semaphore(BUFFERS - 1);
        List<Future<CompletedPart>> parts = new ArrayList<>();
        long bytes = 0;
        try (ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                PartBuffer buffer = first;
                while (true) {
                    int number = parts.size() + 1;
                    bytes += buffer.size();
                    parts.add(submit(uploads, buffers, uploadId, number, buffer));
                    if (buffer.endOfStream()) {
                        break;
                    }
                    acquire(buffers);
                    failFast(parts);
                    if (number == sizes.maxParts()) {
                        buffers.release();
                        if (in.read() >= 0) {
                            throw new PluginException("the stream for s3://" + bucket + "/" + key + " is larger than the "
                                    + sizes.capacity() + " bytes " + sizes.maxParts() + " parts can hold");
                        }
                        break;
                    }
                    buffer = PartBuffer.read(in, sizes.sizeOf(number + 1), this::checkCancelled, chunks);
                    if (buffer.size() == 0) {
                        buffers.release();
                        break;
                    }
                }
                List<CompletedPart> completed = new ArrayList<>(parts.size());
                for (Future<CompletedPart> part : parts) {
                    completed.add(result(part));
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed)));
                return new Sent(bytes, completed.size());
            } catch (IOException | RuntimeException | Error e) {
                uploads.shutdownNow();
                throw e;
            }
        }
    }

    private Future<CompletedPart> submit(ExecutorService uploads, Semaphore buffers, String uploadId, int number,
                                         PartBuffer buffer) {
        return uploads.submit(() -> {
            try {
                UploadPartResponse response = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength(buffer.size()).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        buffer.body());
                return CompletedPart.builder().partNumber(number).eTag(response.eTag())
                        .checksumCRC32(response.checksumCRC32()).build();
            } finally {
                buffer.recycle(chunks);
                buffers.release();
            }
        });
    }

    private void abort(String uploadId, Throwable failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
            context.log("could not abort the multipart upload of s3://" + bucket + "/" + key
                    + "; a later purge of the object removes its parts: " + e.getMessage());
        }
    }

    private void checkCancelled() {
        if (context.cancelled()) {
            throw new PluginException("storing s3://" + bucket + "/" + key + " was cancelled");
        }
    }

    private static void acquire(Semaphore buffers) {
        try {
            buffers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("the upload was interrupted", e);
        }
    }

    /** Stops reading as soon as a part has failed, rather than at the end of the stream. */
    private static void failFast(List<Future<CompletedPart>> parts) throws IOException {
        for (Future<CompletedPart> part : parts) {
            if (part.state() == Future.State.FAILED) {
                result(part);
            }
        }
    }

    private static CompletedPart result(Future<CompletedPart> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("the upload was interrupted", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }
}
