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
}
