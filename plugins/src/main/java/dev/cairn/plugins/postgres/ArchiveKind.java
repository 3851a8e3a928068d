package dev.cairn.plugins.postgres;

import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tells the two kinds of postgres archive apart by their first bytes (pg_dump's custom format
 * starts with {@code PGDMP}; pg_dumpall writes SQL), so that restoring into the wrong kind of
 * endpoint fails before it touches the server.
 */
final class ArchiveKind {
    private static final byte[] CUSTOM_FORMAT_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    private ArchiveKind() {
    }

    /**
     * Checks that {@code in} holds one database (custom format) when {@code oneDatabase}, or all
     * databases otherwise, and returns a stream that still yields every byte of it.
     */
    static InputStream require(InputStream in, boolean oneDatabase) throws IOException {
        PushbackInputStream stream = new PushbackInputStream(in, CUSTOM_FORMAT_MAGIC.length);
        byte[] head = stream.readNBytes(CUSTOM_FORMAT_MAGIC.length);
        if (head.length == 0) {
            throw new PluginException("the archive is empty");
        }
        stream.unread(head);
        boolean customFormat = Arrays.equals(head, CUSTOM_FORMAT_MAGIC);
        if (oneDatabase && !customFormat) {
            throw new PluginException("this archive is not a pg_dump archive of one database (an archive of all"
                    + " databases is SQL): restore it into a postgres target whose 'database' is empty");
        }
        if (!oneDatabase && customFormat) {
            throw new PluginException("this archive holds one database (pg_dump custom format):"
                    + " restore it into a postgres target whose 'database' is set");
        }
        return stream;
    }

    /** How much of a custom-format archive's start {@link #databaseName} reads: its header, with room to spare. */
    private static final int HEADER_BYTES = 1024;

    /**
     * The name of the database a custom-format archive was dumped from, read from its header (pg_dump's
     * {@code archdbname}), and {@code in} again whole; the name is empty when the header does not say.
     * The header is: "PGDMP", the format version (3 bytes), the sizes of an int and of an offset, the
     * format, the compression (1 byte from version 1.15, an int before), the dump's time (7 ints, from
     * 1.4) and then the name, a string (an int length and its bytes); an int is a sign byte and then
     * int-size bytes, least significant first.
     */
    static Named databaseName(InputStream in) throws IOException {
        PushbackInputStream stream = new PushbackInputStream(in, HEADER_BYTES);
        byte[] head = stream.readNBytes(HEADER_BYTES);
        stream.unread(head);
        return new Named(parseName(head), stream);
    }

    /** A database name and the stream it was read from, still whole. */
    record Named(String name, InputStream stream) {
    }

    private static String parseName(byte[] head) {
        if (head.length < 11 || !Arrays.equals(Arrays.copyOf(head, CUSTOM_FORMAT_MAGIC.length), CUSTOM_FORMAT_MAGIC)) {
            return "";
        }
        int major = head[5] & 0xff;
        int minor = head[6] & 0xff;
        int intSize = head[8] & 0xff;
        int at = 11; // magic, version, int size, offset size, format
        int version = major * 100 + minor;
        if (intSize < 1 || intSize > 8 || version < 104) {
            return "";
        }
        at += version >= 115 ? 1 : 1 + intSize; // the compression
        at += 7 * (1 + intSize); // the dump's time
        if (at + 1 + intSize > head.length) {
            return "";
        }
        long length = 0;
        for (int b = 0; b < intSize; b++) {
            length |= (long) (head[at + 1 + b] & 0xff) << (8 * b);
        }
        at += 1 + intSize;
        if (head[at - 1 - intSize] != 0 || length < 0 || at + length > head.length) {
            return "";
        }
        return new String(head, at, (int) length, StandardCharsets.UTF_8);
    }
}
