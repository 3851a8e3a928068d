package dev.cairn.plugins.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One part's bytes, held in memory in chunks of at most 1 MiB so that a part may exceed the size of
 * one Java array and a short last part takes only the memory it needs.
 */
final class PartBuffer {
    private static final int CHUNK_BYTES = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private boolean endOfStream;

    private PartBuffer() {
    }

    /**
     * Reads {@code limit} bytes from {@code in}, or fewer when it ends first; {@code checkpoint} runs
     * before each read and throws to stop (a cancelled task).
     */
    static PartBuffer read(InputStream in, long limit, Runnable checkpoint) throws IOException {
        PartBuffer buffer = new PartBuffer();
        while (buffer.size < limit) {
            byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, limit - buffer.size)];
            int filled = 0;
            while (filled < chunk.length) {
                checkpoint.run();
                int read = in.read(chunk, filled, chunk.length - filled);
                if (read < 0) {
                    buffer.endOfStream = true;
                    break;
                }
                filled += read;
            }
            if (filled > 0) {
                buffer.chunks.add(filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
                buffer.size += filled;
            }
            if (buffer.endOfStream) {
                break;
            }
        }
        return buffer;
    }

    /** How many bytes it holds. */
    long size() {
        return size;
    }

    /** Whether the stream ended while filling it, which makes it the last part. */
    boolean endOfStream() {
        return endOfStream;
    }

    /** A request body that can be read again, for the SDK's checksums and retries. */
    RequestBody body() {
        return RequestBody.fromContentProvider(this::newStream, size, "application/octet-stream");
    }

    private InputStream newStream() {
        List<InputStream> streams = chunks.stream().<InputStream>map(ByteArrayInputStream::new).toList();
        return new SequenceInputStream(Collections.enumeration(streams));
    }
}
