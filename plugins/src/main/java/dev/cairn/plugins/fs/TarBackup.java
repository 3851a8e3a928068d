package dev.cairn.plugins.fs;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes the selected content of a directory to a stream as a POSIX (pax) tar: directories,
 * regular files and symbolic links (as links), each with its mode, modification time and numeric
 * owner, in name order.
 *
 * <p>Files are read in bounded pieces. Sockets, FIFOs and devices are skipped with a log line; a
 * file that vanishes during the walk is skipped, and one that changes size is cut or padded to the
 * size it had when listed, because a tar header announces the size before the content.
 */
final class TarBackup {
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime";
    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR_FILE = 0100000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path root;
    private final PathSelection selection;
    private final TaskContext context;
    private final TarArchiveOutputStream tar;
    private final Set<Path> writtenDirectories = new HashSet<>();
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private long entries;

    private TarBackup(Path root, PathSelection selection, OutputStream out, TaskContext context) {
        this.root = root;
        this.selection = selection;
        this.context = context;
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Writes the tar of {@code root} to {@code out}, which is flushed but not closed. */
    static void write(Path root, PathSelection selection, OutputStream out, TaskContext context) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new PluginException("directory " + root + " does not exist");
        }
        TarBackup backup = new TarBackup(root, selection, out, context);
        backup.walk(root);
        if (backup.entries == 0 && selection.narrowed()) {
            throw new PluginException("nothing under " + root + " matches the selection (" + selection
                    + "): an empty backup would look like a good one");
        }
        if (backup.entries == 0) {
            context.log("directory " + root + " is empty");
        }
        // finish, not close: the stream belongs to the caller
        backup.tar.finish();
        out.flush();
        context.log("archived " + backup.entries + " entries of " + root);
    }

    private void walk(Path directory) throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(directory)) {
            children = listing.sorted().toList();
        } catch (AccessDeniedException e) {
            throw new PluginException("cannot list " + directory + ": permission denied", e);
        }
        for (Path child : children) {
            if (context.cancelled()) {
                throw new PluginException("backup of " + root + " was cancelled");
            }
            Path relative = root.relativize(child);
            if (selection.excludes(relative)) {
                continue;
            }
            Map<String, Object> attributes;
            try {
                attributes = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                context.log("skipping " + relative + ": it was removed during the backup");
                continue;
            }
            int type = (Integer) attributes.get("mode") & TYPE_MASK;
            if (type == DIRECTORY) {
                if (selection.selects(relative)) {
                    writeDirectory(relative, attributes);
                }
                walk(child);
            } else if (!selection.selects(relative)) {
                continue;
            } else if (type == REGULAR_FILE) {
                writeFile(child, relative, attributes);
            } else if (type == SYMBOLIC_LINK) {
                writeSymbolicLink(child, relative, attributes);
            } else {
                context.log("skipping " + relative + ": not a file, directory or symbolic link");
            }
        }
    }

    private void writeDirectory(Path relative, Map<String, Object> attributes) throws IOException {
        if (writtenDirectories.contains(relative)) {
            return;
        }
        writeParents(relative);
        putEmpty(entry(relative + "/", TarConstants.LF_DIR, attributes));
        writtenDirectories.add(relative);
    }

    /** Writes the directories above {@code relative} that are not in the archive yet, as tar readers expect. */
    private void writeParents(Path relative) throws IOException {
        Path parent = relative.getParent();
        if (parent != null && !writtenDirectories.contains(parent)) {
            writeDirectory(parent, Files.readAttributes(root.resolve(parent), ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private void writeFile(Path file, Path relative, Map<String, Object> attributes) throws IOException {
        long size = (Long) attributes.get("size");
        TarArchiveEntry entry = entry(relative.toString(), TarConstants.LF_NORMAL, attributes);
        entry.setSize(size);
        try (InputStream in = open(file, relative)) {
            if (in == null) {
                return;
            }
            writeParents(relative);
            tar.putArchiveEntry(entry);
            copyExactly(in, size, relative);
            tar.closeArchiveEntry();
            entries++;
        }
    }

    private InputStream open(Path file, Path relative) throws IOException {
        try {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            context.log("skipping " + relative + ": it was removed during the backup");
            return null;
        } catch (AccessDeniedException e) {
            throw new PluginException("cannot read " + file + ": permission denied", e);
        }
    }

    private void copyExactly(InputStream in, long size, Path relative) throws IOException {
        long remaining = size;
        int read;
        while (remaining > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) >= 0) {
            tar.write(buffer, 0, read);
            remaining -= read;
        }
        if (remaining > 0) {
            context.log(relative + " shrank while it was read: padded with zeros to its listed size of " + size + " bytes");
            Arrays.fill(buffer, (byte) 0);
            while (remaining > 0) {
                int zeros = (int) Math.min(buffer.length, remaining);
                tar.write(buffer, 0, zeros);
                remaining -= zeros;
            }
        } else if (in.read() >= 0) {
            context.log(relative + " grew while it was read: the archive holds its first " + size + " bytes");
        }
    }

    private void writeSymbolicLink(Path link, Path relative, Map<String, Object> attributes) throws IOException {
        Path target;
        try {
            target = Files.readSymbolicLink(link);
        } catch (NoSuchFileException e) {
            context.log("skipping " + relative + ": it was removed during the backup");
            return;
        }
        TarArchiveEntry entry = entry(relative.toString(), TarConstants.LF_SYMLINK, attributes);
        entry.setLinkName(target.toString());
        writeParents(relative);
        putEmpty(entry);
    }

    private void putEmpty(TarArchiveEntry entry) throws IOException {
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        entries++;
    }

    private static TarArchiveEntry entry(String name, byte type, Map<String, Object> attributes) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode((Integer) attributes.get("mode"));
        entry.setLastModifiedTime((FileTime) attributes.get("lastModifiedTime"));
        entry.setUserId(((Integer) attributes.get("uid")).longValue());
        entry.setGroupId(((Integer) attributes.get("gid")).longValue());
        return entry;
    }
}
