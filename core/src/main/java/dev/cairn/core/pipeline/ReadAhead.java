package dev.cairn.core.pipeline;

import dev.cairn.plugin.BoundedPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A stream read ahead by a thread of its own, so that the stage before it (reading the store, the
 * SHA-256 of the stored bytes, age decryption) runs on one core while the stage after it (zstd, the
 * consumer) runs on another: a download or a restore then goes at the speed of its slowest stage,
 * not of all of them added up. At most {@link #CHUNKS} pieces of {@link BoundedPipe#CHUNK} bytes are
 * held. The reader sees the upstream's own exception, of its own type, where the upstream failed.
 * Closing the reader stops the thread after the piece it is reading and waits for that, so that the
 * owner of the upstream may go on reading it (to drain and hash the rest of a stored object) with
 * no other thread at it; nothing upstream is closed.
 */
final class ReadAhead extends InputStream {
    static final int CHUNKS = 16;

    private final BoundedPipe pipe = new BoundedPipe(CHUNKS);
    private final InputStream source = pipe.source();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;

    private ReadAhead(InputStream upstream, String name) {
        thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> pump(upstream));
    }

    /** Reads {@code upstream} on a new thread named {@code name}, ahead of the returned stream's reader. */
    static InputStream of(InputStream upstream, String name) {
        ReadAhead ahead = new ReadAhead(upstream, name);
        ahead.thread.start();
        return ahead;
    }

    private void pump(InputStream upstream) {
        try (OutputStream sink = pipe.sink()) {
            while (!closed && pipe.writeFrom(upstream) >= 0) {
                // each read lands in the pipe's own chunk
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            pipe.fail(e);
        } catch (Error e) {
            failure = e;
            pipe.fail(e);
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        try {
            return source.read(bytes, offset, length);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw upstreamFailure(e);
        }
    }

    private IOException upstreamFailure(IOException seen) {
        Throwable cause = failure;
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof IOException io ? io : seen;
    }

    @Override
    public int available() throws IOException {
        return source.available();
    }

    /** Stops reading ahead and waits for the thread to stop; the upstream stays open for its owner. */
    @Override
    public void close() throws IOException {
        closed = true;
        source.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the read-ahead of an archive stopped");
        }
    }
}
