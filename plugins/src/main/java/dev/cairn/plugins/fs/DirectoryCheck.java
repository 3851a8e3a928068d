package dev.cairn.plugins.fs;

import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fs target's connection test: the directory exists and its entries can be listed. */
final class DirectoryCheck {
    private DirectoryCheck() {
    }

    static String check(Path directory) {
        if (!Files.exists(directory)) {
            throw new PluginException("directory " + directory + " does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new PluginException(directory + " is not a directory");
        }
        int entries = 0;
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
            for (Path ignored : listing) {
                entries++;
            }
        } catch (AccessDeniedException e) {
            throw new PluginException("cannot list directory " + directory + ": permission denied", e);
        } catch (IOException e) {
            throw new PluginException("cannot list directory " + directory + ": " + e.getMessage(), e);
        }
        return "directory " + directory + " can be read (" + entries + (entries == 1 ? " entry" : " entries") + " at its top)";
    }
}
