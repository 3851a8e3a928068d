package dev.cairn.plugins.sqlite;

import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sqlite target's connection test: the database file exists, can be read, and starts with the
 * SQLite header (an empty file is an empty database to SQLite).
 */
final class DatabaseFileCheck {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DatabaseFileCheck() {
    }

    static String check(Path database) {
        if (!Files.exists(database)) {
            throw new PluginException("database file " + database + " does not exist"
                    + (Files.isDirectory(database.getParent()) ? "" : " (nor does its directory " + database.getParent() + ")"));
        }
        if (!Files.isRegularFile(database)) {
            throw new PluginException(database + " is not a file (a directory or a device?)");
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(database)) {
            start = in.readNBytes(MAGIC.length);
        } catch (AccessDeniedException e) {
            throw new PluginException("cannot read database file " + database + ": permission denied", e);
        } catch (IOException e) {
            throw new PluginException("cannot read database file " + database + ": " + e.getMessage(), e);
        }
        if (start.length == 0) {
            return database + " is an empty file, which SQLite reads as an empty database";
        }
        if (!Arrays.equals(start, MAGIC)) {
            throw new PluginException(database + " is not a SQLite database (it does not start with the SQLite header)");
        }
        return database + " is a readable SQLite database";
    }
}
