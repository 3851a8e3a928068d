package dev.cairn.core.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) the bytes read through it from a store. A read the store itself fails
 * is thrown as a {@link StoreReadException}, so that it is never taken for damage of the object.
 */
final class MeasuringInputStream extends FilterInputStream {
    private final MessageDigest digest = MeasuringOutputStream.sha256();
    private long count;
    private String sha256;

    MeasuringInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(bytes, offset, length);
        } catch (InterruptedIOException | ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            throw new StoreReadException("reading it from its store failed after " + count + " bytes: " + e.getMessage(), e);
        }
        if (n > 0) {
            digest.update(bytes, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Reads what is left, so that the hash covers the whole stream. */
    void drain() throws IOException {
        byte[] scratch = new byte[64 * 1024];
        while (read(scratch, 0, scratch.length) >= 0) {
            // hash only
        }
    }

    long count() {
        return count;
    }

    /** The SHA-256 of what was read; the hash is finished at the first call. */
    String sha256Hex() {
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    /** A read that the store failed (a broken connection, a missing file), as opposed to bytes that are wrong. */
    static final class StoreReadException extends IOException {
        StoreReadException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
