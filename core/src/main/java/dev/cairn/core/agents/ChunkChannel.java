package dev.cairn.core.agents;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over of data chunks between an HTTP handler and a task's thread, with waits that
 * time out so that the task's side can look at the agent and the task between chunks.
 *
 * <p>Either side can {@link #fail} it; the other side then gets that error from its next call.
 */
final class ChunkChannel {
    static final int CHUNK = 64 * 1024;
    private static final int CAPACITY = 32;
    private static final byte[] END = new byte[0];
    private static final byte[] FAILED = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CAPACITY);
    private volatile IOException failure;

    /** Puts {@code chunk}, or {@link #END}; false when there was no room within {@code wait}. */
    boolean offer(byte[] chunk, Duration wait) throws IOException {
        throwIfFailed();
        try {
            boolean taken = chunks.offer(chunk, wait.toMillis(), TimeUnit.MILLISECONDS);
            throwIfFailed();
            return taken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing data over");
        }
    }

    /** Puts the end of the stream, waiting as {@link #offer} does. */
    boolean offerEnd(Duration wait) throws IOException {
        return offer(END, wait);
    }

    /** The next chunk, an empty array at the end of the stream, or null when none came within {@code wait}. */
    byte[] poll(Duration wait) throws IOException {
        throwIfFailed();
        byte[] chunk;
        try {
            chunk = chunks.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for data");
        }
        if (chunk == FAILED) {
            throwIfFailed();
        }
        return chunk;
    }

    /** Ends the hand-over with {@code cause}: the other side's next call throws it. The first failure stays. */
    void fail(IOException cause) {
        if (failure == null) {
            failure = cause;
        }
        chunks.clear();
        chunks.offer(FAILED);
    }

    static boolean isEnd(byte[] chunk) {
        return chunk == END;
    }

    private void throwIfFailed() throws IOException {
        IOException cause = failure;
        if (cause != null) {
            throw new IOException(cause.getMessage(), cause);
        }
    }
}
