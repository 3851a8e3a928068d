package dev.cairn.core.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Streams as the channels age encryption reads and writes, passing each of its 64 KiB chunks to
 * the stream in one call. {@link java.nio.channels.Channels#newChannel} would copy every chunk
 * through a buffer of its own 8 KiB at a time: eight calls into the stream (and eight reads of a
 * stored file) per chunk, which cost a 2 GB download a tenth of its time on the decrypting core.
 */
final class StreamChannels {
    /** The most a direct buffer is copied through at a time (age's chunks never are direct). */
    private static final int CHUNK = 64 * 1024;

    private StreamChannels() {
    }

    /** {@code in} as a channel; closing the channel closes {@code in}. */
    static ReadableByteChannel readable(InputStream in) {
        return new Readable(in);
    }

    /** {@code out} as a channel; closing the channel closes {@code out}. */
    static WritableByteChannel writable(OutputStream out) {
        return new Writable(out);
    }

    private abstract static class Open {
        private boolean open = true;

        public final boolean isOpen() {
            return open;
        }

        final void ensureOpen() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
        }

        final void markClosed() {
            open = false;
        }
    }

    private static final class Readable extends Open implements ReadableByteChannel {
        private final InputStream in;

        Readable(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (dst.hasArray()) {
                int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            byte[] bytes = new byte[Math.min(dst.remaining(), CHUNK)];
            int n = in.read(bytes, 0, bytes.length);
            if (n > 0) {
                dst.put(bytes, 0, n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            markClosed();
            in.close();
        }
    }

    private static final class Writable extends Open implements WritableByteChannel {
        private final OutputStream out;

        Writable(OutputStream out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ensureOpen();
            int n = src.remaining();
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] bytes = new byte[Math.min(n, CHUNK)];
                while (src.hasRemaining()) {
                    int piece = Math.min(src.remaining(), bytes.length);
                    src.get(bytes, 0, piece);
                    out.write(bytes, 0, piece);
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            markClosed();
            out.close();
        }
    }
}
