package dev.cairn.plugins.sftp;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The objects of an {@code sftp} store as files under one remote directory, over one connection;
 * an object's key is the name it was stored under, which may hold '/' to make sub-directories.
 *
 * <p>An object is written to {@code NAME.partial}, synced where the server offers
 * {@code fsync@openssh.com}, and renamed to {@code NAME}, so a reader sees a whole object or none.
 * When the connection itself is lost mid-upload the partial file cannot be removed; purging the
 * object removes it later.
 */
final class RemoteDirectory {
    /** The suffix of an upload in progress. */
    static final String PARTIAL = ".partial";

    private static final int BUFFER_BYTES = 64 * 1024;
    /** A concurrent purge may remove a sub-directory we just created; trying again re-creates it. */
    private static final int CREATE_ATTEMPTS = 3;

    private final SftpConnection connection;
    private final SftpClient sftp;
    private final SftpLocation location;

    RemoteDirectory(SftpConnection connection) {
        this.connection = connection;
        this.sftp = connection.sftp();
        this.location = connection.location();
    }

    /** Writes {@code in} to its end as object {@code name} and returns its key (the name). */
    String store(String name, InputStream in, TaskContext context) throws IOException {
        String object = location.objectPath(name);
        String partial = object + PARTIAL;
        try {
            write(partial, in, name, context);
            remote("cannot rename " + partial + " to", object, () -> rename(partial, object));
        } catch (IOException | RuntimeException | Error e) {
            try {
                removeIfPresent(partial);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
                context.log("could not remove " + partial + " on " + server() + "; a later purge of the object removes it");
            }
            throw e;
        }
        context.log("stored " + object + " on " + server());
        return name;
    }

    /** Opens object {@code name} as a stream that closes the connection when it is closed. */
    InputStream retrieve(String name) {
        String object = location.objectPath(name);
        try {
            InputStream file = sftp.read(object, BUFFER_BYTES);
            return new FilterInputStream(file) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        connection.close();
                    }
                }
            };
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw new PluginException("no object " + name + " in store " + server() + " " + location.root(), e);
            }
            throw failure("cannot read", object, e);
        } catch (IOException e) {
            throw failure("cannot read", object, e);
        }
    }

    /** Removes object {@code name}, its partial upload and the sub-directories left empty; succeeds when none exists. */
    void purge(String name) {
        String object = location.objectPath(name);
        remote("cannot remove", object, () -> removeIfPresent(object));
        remote("cannot remove", object + PARTIAL, () -> removeIfPresent(object + PARTIAL));
        removeEmptyDirectories(parentOf(object));
    }

    /** Whether a complete object {@code name} exists. */
    boolean exists(String name) {
        String object = location.objectPath(name);
        try {
            return sftp.stat(object).isRegularFile();
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw failure("cannot look up", object, e);
        } catch (IOException e) {
            throw failure("cannot look up", object, e);
        }
    }

    /**
     * The keys of the complete objects whose names start with {@code prefix}, found by walking the
     * directory; partial files of uploads in progress are left out.
     */
    List<String> list(String prefix) {
        String root = location.root().isEmpty() ? "/" : location.root();
        if (!isDirectory(root)) {
            throw new PluginException("store directory " + root + " on " + server() + " does not exist");
        }
        List<String> keys = new ArrayList<>();
        walk(root, "", prefix, keys);
        return keys;
    }

    private void walk(String directory, String relative, String prefix, List<String> keys) {
        Collection<SftpClient.DirEntry> entries;
        try {
            entries = sftp.readEntries(directory);
        } catch (IOException e) {
            throw failure("cannot list", directory, e);
        }
        for (SftpClient.DirEntry entry : entries) {
            String name = entry.getFilename();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            String key = relative + name;
            SftpClient.Attributes attributes = entry.getAttributes();
            if (attributes.isDirectory()) {
                String subdirectory = key + "/";
                if (subdirectory.startsWith(prefix) || prefix.startsWith(subdirectory)) {
                    walk(directory.endsWith("/") ? directory + name : directory + "/" + name, subdirectory, prefix, keys);
                }
            } else if (attributes.isRegularFile() && key.startsWith(prefix) && !key.endsWith(PARTIAL)) {
                keys.add(key);
            }
        }
    }

    private void write(String partial, InputStream in, String name, TaskContext context) throws IOException {
        try (CloseableHandle handle = create(partial)) {
            OutputStream out = new SftpOutputStreamAsync((AbstractSftpClient) sftp, BUFFER_BYTES, partial, handle, false);
            try {
                byte[] buffer = new byte[BUFFER_BYTES];
                int read;
                while ((read = in.read(buffer)) >= 0) { // the source's own failures pass through as they are
                    if (context.cancelled()) {
                        throw new PluginException("storing " + name + " on " + server() + " was cancelled");
                    }
                    int length = read;
                    remote("cannot write", partial, () -> out.write(buffer, 0, length));
                }
                remote("cannot write", partial, out::close);
            } catch (IOException | RuntimeException | Error e) {
                try {
                    out.close();
                } catch (IOException | RuntimeException ignored) {
                    // the write already failed; this is only to stop the stream
                }
                throw e;
            }
            OpenSSHFsyncExtension fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
            if (fsync != null && fsync.isSupported()) {
                remote("cannot sync", partial, () -> fsync.fsync(handle));
            }
        }
    }

    private CloseableHandle create(String partial) {
        for (int attempt = 1; ; attempt++) {
            createDirectories(parentOf(partial));
            try {
                return sftp.open(partial, EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate));
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE || attempt == CREATE_ATTEMPTS) {
                    throw failure("cannot create", partial, e);
                }
            } catch (IOException e) {
                throw failure("cannot create", partial, e);
            }
        }
    }

    private void rename(String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (posix != null && posix.isSupported()) {
            posix.posixRename(from, to);
        } else {
            removeIfPresent(to); // plain SFTP v3 rename refuses to replace a file
            sftp.rename(from, to);
        }
    }

    private void removeIfPresent(String path) throws IOException {
        try {
            sftp.remove(path);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
    }

    private void createDirectories(String directory) {
        if (directory.isEmpty() || isDirectory(directory)) {
            return;
        }
        StringBuilder path = new StringBuilder(directory.startsWith("/") ? "/" : "");
        for (String segment : directory.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (!path.isEmpty() && path.charAt(path.length() - 1) != '/') {
                path.append('/');
            }
            path.append(segment);
            String current = path.toString();
            if (!isDirectory(current)) {
                try {
                    sftp.mkdir(current);
                } catch (IOException e) {
                    if (!isDirectory(current)) { // another upload may have made it meanwhile
                        throw failure("cannot create directory", current, e);
                    }
                }
            }
        }
    }

    private boolean isDirectory(String path) {
        try {
            SftpClient.Attributes attributes = sftp.stat(path);
            if (!attributes.isDirectory()) {
                throw new PluginException(path + " on " + server() + " is not a directory");
            }
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw failure("cannot look up", path, e);
        } catch (IOException e) {
            throw failure("cannot look up", path, e);
        }
    }

    private void removeEmptyDirectories(String directory) {
        String root = location.root();
        for (String current = directory; current.startsWith(root + "/") && current.length() > root.length() + 1;
             current = parentOf(current)) {
            try {
                sftp.rmdir(current);
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return; // not empty: another object lives there
                }
            } catch (IOException e) {
                throw failure("cannot remove directory", current, e);
            }
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : slash == 0 ? "/" : path.substring(0, slash);
    }

    private String server() {
        return "sftp server " + location.address();
    }

    private void remote(String doing, String path, RemoteAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw failure(doing, path, e);
        }
    }

    private PluginException failure(String doing, String path, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new PluginException(doing + " " + path + " on " + server() + ": " + reason, e);
    }

    /** One SFTP request, whose failure is reported with what was being done to which path. */
    @FunctionalInterface
    private interface RemoteAction {
        void run() throws IOException;
    }
}
