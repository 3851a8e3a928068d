package dev.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from the plugin's backup (writing) to the HTTP upload (reading): at most a fixed
 * number of 64 KiB chunks are held, whatever the size of the backup.
 *
 * <p>{@link #fail} makes the reader's next read throw, so the upload breaks instead of ending as if
 * the backup were complete; closing the reader makes the plugin's next write throw.
 */
final class UploadPipe {
    private static final int CHUNK = 64 * 1024;
    private static final int CAPACITY = 32;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CAPACITY);
    private volatile IOException failure;
    private volatile boolean readerClosed;

    /** Ends the stream with {@code cause}, which the reader sees instead of the end of the data. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = new IOException("the backup failed: " + cause.getMessage(), cause);
        }
        chunks.clear();
        chunks.offer(END);
    }

    OutputStream sink() {
        return new OutputStream() {
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
                    filled += n;
                    offset += n;
                    length -= n;
                    if (filled == CHUNK) {
                        flush();
                    }
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
        };
    }

    InputStream source() {
        return new InputStream() {
            private byte[] current;
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (current == null || position == current.length) {
                    if (current == END) {
                        return endOrFailure();
                    }
                    try {
                        current = chunks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading the backup");
                    }
                    position = 0;
                }
                int n = Math.min(length, current.length - position);
                System.arraycopy(current, position, bytes, offset, n);
                position += n;
                return n;
            }

            private int endOrFailure() throws IOException {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }

            @Override
            public void close() {
                readerClosed = true;
                chunks.clear();
            }
        };
    }

    private void hand(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerClosed || failure != null) {
                    throw new IOException("the upload to the core stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the backup");
        }
    }
}
