package dev.cairn.core.pipeline;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts the bytes written through it and, when asked to, takes their SHA-256. */
final class MeasuringOutputStream extends FilterOutputStream {
    private final MessageDigest digest;
    private long count;

    MeasuringOutputStream(OutputStream out, boolean hash) {
        super(out);
        this.digest = hash ? sha256() : null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        if (digest != null) {
            digest.update(bytes, offset, length);
        }
        count += length;
    }

    long count() {
        return count;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
