package dev.cairn.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stream of {@code size} pseudo-random bytes made on the fly (nothing held in memory), the same
 * for the same seed, with an optional action run once when a given number of bytes has been read:
 * stopping a server mid-upload, cancelling the task, or failing like a broken upstream pipeline.
 */
public final class GeneratedStream extends InputStream {
    private final long size;
    private final long triggerAt;
    private final Trigger trigger;
    private long state;
    private long position;
    private boolean triggered;

    /** What happens at the trigger point; it may throw to make the stream fail there. */
    @FunctionalInterface
    public interface Trigger {
        void fire() throws IOException;
    }

    private GeneratedStream(long size, long seed, long triggerAt, Trigger trigger) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        this.triggerAt = triggerAt;
        this.trigger = trigger;
    }

    public static GeneratedStream of(long size, long seed) {
        return new GeneratedStream(size, seed, -1, null);
    }

    /** A stream that runs {@code trigger} once after {@code triggerAt} bytes have been read. */
    public static GeneratedStream triggering(long size, long seed, long triggerAt, Trigger trigger) {
        return new GeneratedStream(size, seed, triggerAt, trigger);
    }

    /** A stream that throws {@code IOException("source broke")} after {@code failAt} bytes. */
    public static GeneratedStream failing(long size, long seed, long failAt) {
        return triggering(size, seed, failAt, () -> {
            throw new IOException("source broke");
        });
    }

    /** The SHA-256 (hex) of the stream {@code of(size, seed)} gives. */
    public static String sha256(long size, long seed) throws IOException {
        try (InputStream in = of(size, seed)) {
            return sha256(in);
        }
    }

    /** The SHA-256 (hex) of what {@code in} holds, read to its end. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (trigger != null && !triggered && position >= triggerAt) {
            triggered = true;
            trigger.fire();
        }
        if (position >= size) {
            return -1;
        }
        long limit = size;
        if (trigger != null && !triggered) {
            limit = Math.min(limit, triggerAt);
        }
        int count = (int) Math.min(length, limit - position);
        for (int i = 0; i < count; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            buffer[offset + i] = (byte) state;
        }
        position += count;
        return count;
    }
}
