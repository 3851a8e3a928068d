package dev.cairn.plugins.mysql;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dump of every database with the {@code mysql} system database left out: mariadb-dump starts
 * each database with a {@code -- Current Database: `name`} comment line, and the lines from that of
 * {@code mysql} to the next database's are dropped. That part holds the source server's accounts,
 * passwords and grants (and its FLUSH PRIVILEGES), which must never reach an engine's server.
 *
 * <p>Line by line in bounded memory: only the first bytes of a line are looked at; the rest of a long
 * line (an extended INSERT) streams through. Failures of the source propagate.
 */
final class SystemSchemaFilter extends FilterInputStream {
    private static final byte[] MARKER = "-- Current Database: `".getBytes(StandardCharsets.UTF_8);
    private static final int NAME_LIMIT = 1024;
    private static final String SYSTEM_DATABASE = "mysql";

    private boolean atLineStart = true;
    private boolean skipping;
    private boolean ended;

    SystemSchemaFilter(InputStream in) {
        super(new BufferedInputStream(in, 64 * 1024));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length && !ended) {
            if (atLineStart) {
                lookAtLineStart();
                atLineStart = false;
            }
            int next = in.read();
            if (next < 0) {
                ended = true;
                break;
            }
            if (!skipping) {
                buffer[offset + count++] = (byte) next;
            }
            if (next == '\n') {
                atLineStart = true;
                if (count > 0 && in.available() == 0) {
                    break; // hand over what there is rather than block for more
                }
            }
        }
        return count == 0 && ended ? -1 : count;
    }

    /** Starts or stops skipping when the line about to be read names the database that follows. */
    private void lookAtLineStart() throws IOException {
        in.mark(MARKER.length + NAME_LIMIT);
        byte[] head = in.readNBytes(MARKER.length);
        if (Arrays.equals(head, MARKER)) {
            byte[] rest = new byte[NAME_LIMIT];
            int length = 0;
            for (int next; length < NAME_LIMIT && (next = in.read()) >= 0 && next != '`' && next != '\n'; ) {
                rest[length++] = (byte) next;
            }
            skipping = new String(rest, 0, length, StandardCharsets.UTF_8).equals(SYSTEM_DATABASE);
        }
        in.reset();
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a filtered dump is read, not skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
