package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a target's hash key, and the type-keeping hashes built on it. Not thread-safe:
 * one instance per thread.
 *
 * <p>Integers are permuted rather than hashed: a keyed Feistel network (with cycle walking; its
 * round function AES-128 under a key derived from the hash key, as in NIST's FF1) maps
 * the values of each bit length onto the values of that bit length, and negatives onto negatives.
 * So the result fits any integer column the original fitted, two different values never collide
 * (primary keys stay unique) and the result depends on the value only, not on the column's type,
 * so a foreign key of another integer type still matches.
 */
final class KeyedHash {
    private static final int ROUNDS = 4;
    private static final int MIN_KEY_BYTES = 16;
    private final Mac mac;
    private final Cipher rounds;
    private final byte[] block = new byte[16];
    private final byte[] out = new byte[16];

    KeyedHash(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new CairnException.InvalidInput("a sanitising hash key needs at least " + MIN_KEY_BYTES + " bytes, got "
                    + (key == null ? 0 : key.length));
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] roundKey = java.util.Arrays.copyOf(digest("integer-feistel", ""), 16);
            rounds = Cipher.getInstance("AES/ECB/NoPadding");
            rounds.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(roundKey, "AES"));
        } catch (GeneralSecurityException e) {
            throw new CairnException.Failure("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** The HMAC of {@code purpose} and {@code value}, which are kept apart so that no two pairs collide. */
    byte[] digest(String purpose, String value) {
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The first eight bytes of {@link #digest} as a number. */
    long number(String purpose, String value) {
        return ByteBuffer.wrap(digest(purpose, value)).getLong();
    }

    /** Hex text of the keyed hash of {@code value}, {@code length} characters (at most 64). */
    String text(String value, int length) {
        String hex = HexFormat.of().formatHex(digest("text", value));
        return hex.substring(0, Math.min(length, hex.length()));
    }

    /** A version-4-shaped uuid from the keyed hash of {@code value} (its canonical lower-case text). */
    UUID uuid(String value) {
        ByteBuffer bytes = ByteBuffer.wrap(digest("uuid", value.toLowerCase()));
        long high = (bytes.getLong() & ~0xF000L) | 0x4000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** {@code value} permuted among the integers of its sign and bit length. */
    long integer(long value) {
        if (value < 0) {
            return -1 - integer(-1 - value);
        }
        int bits = 64 - Long.numberOfLeadingZeros(value);
        if (bits <= 1) {
            return value;
        }
        int offsetBits = bits - 1;
        long base = 1L << offsetBits;
        long size = base;
        long offset = value - base;
        int width = offsetBits + (offsetBits & 1);
        long permuted = offset;
        do {
            permuted = feistel(permuted, width, offsetBits);
        } while (Long.compareUnsigned(permuted, size) >= 0);
        return base + permuted;
    }

    private long feistel(long value, int width, int band) {
        int half = width / 2;
        long mask = (1L << half) - 1;
        long left = value >>> half;
        long right = value & mask;
        for (int round = 0; round < ROUNDS; round++) {
            long next = left ^ (round(band, round, right) & mask);
            left = right;
            right = next;
        }
        return (left << half) | right;
    }

    private long round(int band, int round, long half) {
        // the block is band, round (big-endian ints) and half (a big-endian long)
        long head = ((long) band << 32) | (round & 0xFFFFFFFFL);
        for (int i = 0; i < 8; i++) {
            block[i] = (byte) (head >>> (56 - 8 * i));
            block[8 + i] = (byte) (half >>> (56 - 8 * i));
        }
        try {
            rounds.doFinal(block, 0, 16, out, 0);
        } catch (GeneralSecurityException e) {
            throw new CairnException.Failure("AES failed: " + e.getMessage(), e);
        }
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result = (result << 8) | (out[i] & 0xFF);
        }
        return result;
    }
}
