package dev.cairn.plugins.mysql;

import dev.cairn.plugin.PluginException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which database a dump holds from its header comment ({@code -- Host: h    Database: shop},
 * where an empty name means every database), so that an archive of one database is not replayed
 * into a whole-server endpoint or the other way round, before the server is touched.
 *
 * <p>A dump without that header (written with --skip-comments, or by another tool) is let through.
 */
final class DumpScope {
    private static final int HEADER_BYTES = 8 * 1024;
    private static final Pattern HEADER = Pattern.compile("(?m)^-- Host: .*?Database: ?(.*)$");

    private DumpScope() {
    }

    /** Checks {@code in} against {@code db} and returns a stream that still yields every byte of it. */
    static InputStream require(InputStream in, MySqlConnection db) throws IOException {
        BufferedInputStream stream = new BufferedInputStream(in, HEADER_BYTES);
        stream.mark(HEADER_BYTES);
        byte[] head = stream.readNBytes(HEADER_BYTES);
        stream.reset();
        if (head.length == 0) {
            throw new PluginException("the archive is empty");
        }
        Optional<String> dumped = dumpedDatabase(new String(head, StandardCharsets.UTF_8));
        if (dumped.isPresent()) {
            boolean allDatabases = dumped.get().isEmpty();
            if (allDatabases && !db.allDatabases()) {
                throw new PluginException("this archive holds every database of a server: restore it into a mysql"
                        + " target whose 'database' is empty");
            }
            if (!allDatabases && db.allDatabases()) {
                throw new PluginException("this archive holds one database (" + dumped.get() + "): restore it into"
                        + " a mysql target whose 'database' is set");
            }
        }
        return stream;
    }

    /** The database named in a dump's header: empty for all databases, absent without a header. */
    static Optional<String> dumpedDatabase(String head) {
        Matcher matcher = HEADER.matcher(head);
        return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }
}
