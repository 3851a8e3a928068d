package dev.cairn.plugins.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One part's bytes, held in memory in chunks of at most 1 MiB so that a part may exceed the size of
 * one Java array and a short last part takes only the memory it needs.
 *
 * <p>The 1 MiB chunks come from a {@link ChunkPool} and go back to it once the part is sent: an
 * upload then allocates only the chunks it holds at once, rather than its whole length in chunks
 * that live as long as a part upload, long enough to be promoted to the old generation as garbage.
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
    static PartBuffer read(InputStream in, long limit, Runnable checkpoint, ChunkPool pool) throws IOException {
        PartBuffer buffer = new PartBuffer();
        while (buffer.size < limit) {
            byte[] chunk = pool.take();
            int wanted = (int) Math.min(CHUNK_BYTES, limit - buffer.size);
            int filled = 0;
            while (filled < wanted) {
                checkpoint.run();
                int read = in.read(chunk, filled, wanted - filled);
                if (read < 0) {
                    buffer.endOfStream = true;
                    break;
                }
                filled += read;
            }
            if (filled == CHUNK_BYTES) {
                buffer.chunks.add(chunk);
            } else {
                if (filled > 0) {
                    buffer.chunks.add(Arrays.copyOf(chunk, filled));
                }
                pool.give(chunk);
            }
            buffer.size += filled;
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

    /** Hands its whole chunks back to {@code pool} once the part is sent; it is empty after. */
    void recycle(ChunkPool pool) {
        chunks.stream().filter(chunk -> chunk.length == CHUNK_BYTES).forEach(pool::give);
        chunks.clear();
        size = 0;
    }

    /** A request body that can be read again, for the SDK's checksums and retries. */
    RequestBody body() {
        return RequestBody.fromContentProvider(this::newStream, size, "application/octet-stream");
    }

    private InputStream newStream() {
        List<InputStream> streams = chunks.stream().<InputStream>map(ByteArrayInputStream::new).toList();
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** The 1 MiB chunks of the parts already sent, for the next ones; safe to share between threads. */
    static final class ChunkPool {
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();

        synchronized byte[] take() {
            byte[] chunk = free.poll();
            return chunk != null ? chunk : new byte[CHUNK_BYTES];
        }

        synchronized void give(byte[] chunk) {
            free.push(chunk);
        }
    }
}
