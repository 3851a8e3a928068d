package dev.cairn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pipe between a writing thread and a reading thread that holds at most a fixed number of
 * chunks, so memory stays bounded whatever flows through it.
 *
 * <p>Either side can fail the other: {@link #fail} makes the reader's next read throw the writer's
 * error (and any further write throw too, so a writer still going is stopped), and closing the
 * reader makes the writer's next write throw, so neither blocks forever.
 */
public final class BoundedPipe {
    /** The size of the pieces the pipe holds. */
    public static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks;
    /** Chunks the reader is done with, for the writer to fill again instead of allocating. */
    private final BlockingQueue<byte[]> spare;
    private volatile boolean readerClosed;
    private volatile IOException writerError;
    private final Sink sink = new Sink();
    private final Source source = new Source();

    /** A pipe holding at most {@code capacityChunks} pieces of {@link #CHUNK} bytes. */
    public BoundedPipe(int capacityChunks) {
        this.chunks = new ArrayBlockingQueue<>(capacityChunks);
        this.spare = new ArrayBlockingQueue<>(capacityChunks + 2);
    }

    /** The writing side; closing it ends the stream. */
    public OutputStream sink() {
        return sink;
    }

    /** The reading side; closing it makes the writer's next write throw. */
    public InputStream source() {
        return source;
    }

    /**
     * Reads {@code in} once, straight into the chunk the writing side is filling (no copy through a
     * buffer of the caller's), and hands the chunk on when it is full. Returns the bytes read, or -1
     * at the end of {@code in}; the stream is ended by closing {@link #sink()} as usual.
     */
    public int writeFrom(InputStream in) throws IOException {
        return sink.readOnce(in);
    }

    /** Ends the stream with an error the reader will see instead of end-of-stream. */
    public void fail(Throwable cause) {
        writerError = cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        chunks.clear();
        chunks.offer(END);
    }

    private final class Sink extends OutputStream {
        private byte[] buffer = new byte[CHUNK];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, CHUNK - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                offset += n;
                length -= n;
                filled(n);
            }
        }

        int readOnce(InputStream in) throws IOException {
            int n = in.read(buffer, filled, CHUNK - filled);
            if (n > 0) {
                filled(n);
            }
            return n;
        }

        /** Counts {@code n} more bytes in the chunk being filled, and hands it on when it is full. */
        private void filled(int n) throws IOException {
            filled += n;
            if (filled == CHUNK) {
                hand(buffer);
                byte[] reused = spare.poll();
                buffer = reused != null ? reused : new byte[CHUNK];
                filled = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            if (filled > 0) {
                hand(Arrays.copyOf(buffer, filled));
                filled = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                flush();
                hand(END);
            }
        }

        private void hand(byte[] chunk) throws IOException {
            try {
                while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    if (readerClosed) {
                        throw new IOException("the reading side of the pipe stopped");
                    }
                    if (writerError != null) {
                        throw new IOException("the pipe was failed: " + writerError.getMessage(), writerError);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing to the pipe");
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] current;
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, bytes, offset, n);
            position += n;
            return n;
        }

        /** Hands each chunk straight to {@code out}, without copying it through a buffer first. */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            long moved = 0;
            while (fill()) {
                int n = current.length - position;
                out.write(current, position, n);
                position += n;
                moved += n;
            }
            return moved;
        }

        /** Makes {@code current} a chunk with bytes left to read; false at the end of the stream. */
        private boolean fill() throws IOException {
            while (current == null || position == current.length) {
                recycle();
                if (ended) {
                    throwIfFailed();
                    return false;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from the pipe");
                }
                position = 0;
                if (current == END) {
                    ended = true;
                    current = null;
                    throwIfFailed();
                    return false;
                }
            }
            return true;
        }

        /** Gives a fully read chunk back to the writer, to be filled again. */
        private void recycle() {
            if (current != null && current.length == CHUNK) {
                spare.offer(current);
            }
            current = null;
        }

        /** At the end of the stream: the writer's error, if it failed the pipe. */
        private void throwIfFailed() throws IOException {
            if (writerError != null) {
                throw writerError;
            }
        }

        @Override
        public void close() {
            readerClosed = true;
            chunks.clear();
        }
    }
}
