package dev.cairn.plugins.sqlite;

import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Checks that a file is a whole SQLite database by its 100-byte header: the magic string, a valid
 * page size, and a length that matches the page count the header records (when it records one).
 */
final class SqliteHeader {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 100;

    private SqliteHeader() {
    }

    /** Throws a {@link PluginException} unless {@code file} is empty or a complete SQLite database. */
    static void requireWholeDatabase(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length == 0) {
                return; // SQLite treats an empty file as an empty database
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // read the whole header
            }
            header.flip();
            byte[] magic = new byte[MAGIC.length];
            if (header.remaining() < HEADER_BYTES || !Arrays.equals(magic(header, magic), MAGIC)) {
                throw new PluginException("the archive is not a SQLite database (it does not start with the SQLite header)");
            }
            int rawPageSize = Short.toUnsignedInt(header.getShort(16));
            long pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
            if (pageSize < 512 || pageSize > 65536 || Long.bitCount(pageSize) != 1) {
                throw new PluginException("the archive is not a SQLite database (page size " + rawPageSize + ")");
            }
            if (length % pageSize != 0) {
                throw new PluginException("the archive is cut off: " + length + " bytes is not a whole number of "
                        + pageSize + "-byte pages");
            }
            long changeCounter = Integer.toUnsignedLong(header.getInt(24));
            long pages = Integer.toUnsignedLong(header.getInt(28));
            long validFor = Integer.toUnsignedLong(header.getInt(92));
            if (pages > 0 && validFor == changeCounter && pages * pageSize != length) {
                throw new PluginException("the archive is cut off: its header says " + pages + " pages of " + pageSize
                        + " bytes, but it holds " + length + " bytes");
            }
        }
    }

    private static byte[] magic(ByteBuffer header, byte[] into) {
        header.get(0, into);
        return into;
    }
}
