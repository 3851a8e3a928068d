package dev.cairn.plugins.fs;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.DownloadFormat;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code fs} plugin: as a target it backs up a local directory as a tar and restores one over
 * it; as a store it keeps objects as files under a local directory.
 *
 * <p>One class plays both roles so that one name maps to one {@link PluginInfo}; the endpoint field
 * {@code path} is the directory backed up (target) or the directory objects live in (store).
 */
public final class FsPlugin implements TargetPlugin, StorePlugin {
    private static final DownloadFormat TAR = new DownloadFormat("tar", "tar", "application/x-tar");

    private static final String HELP = """
            As a target, backs up the directory 'path' as a POSIX tar: directories, files and symbolic \
            links (kept as links), with their mode, modification time and numeric owner; sockets, FIFOs \
            and devices are skipped. 'include' and 'exclude' (targets only) narrow it down with globs \
            relative to 'path': a pattern without '/' matches a name at any depth (*.log), one with '/' \
            matches the relative path (logs/*.gz; ** crosses directories), and a matching directory \
            takes its whole subtree; exclude wins. Restoring replaces the directory's content: files and \
            directories that are not in the archive are removed, except those that include/exclude \
            leave out of backups; entries that would land outside 'path' are refused; owners are \
            restored only when Cairn runs as root. The restore is extracted beside the directory \
            (.NAME.cairn-restore in the same parent) and swapped in only once the whole archive is read \
            and checked, so a failed or cancelled restore leaves the directory as it was; a directory \
            that is a mount point, or whose parent Cairn may not write in, is restored in place. \
            As a store, keeps each object as a file under 'path' (created when missing), written to \
            NAME.partial, synced and renamed, so a half-written object is never visible. \
            To read a target's archive by hand: age -d -i cairn.key OBJECT | zstd -d | tar -x -C DIR.""";

    private static final PluginInfo INFO = new PluginInfo("fs", "Local directory", "Cairn", "0.1.0", true, true,
            List.of(
                    ConfigField.required("path", Type.STRING,
                            "absolute path: the directory to back up (target), or to keep objects in (store)"),
                    ConfigField.optional("include", Type.LIST, null, "target only: globs of what to back up; empty for everything"),
                    ConfigField.optional("exclude", Type.LIST, null, "target only: globs of what to leave out")),
            HELP);

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public FsPlugin() {
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        TarBackup.write(directory(endpoint), selection(endpoint), out, context);
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        Path directory = directory(endpoint);
        PathSelection selection = selection(endpoint);
        if (StagedRestore.possible(directory)) {
            StagedRestore.restore(directory, selection, in, context);
        } else {
            context.log(directory + " cannot be restored beside itself (it is a mount point, or its parent directory is "
                    + "not writable): restoring in place");
            TarRestore.extractInPlace(directory, selection, in, context);
        }
    }

    /**
     * Staged beside the directory and swapped in, unless the directory is a mount point or its
     * parent is not writable: then in place.
     */
    @Override
    public RestoreMode restoreMode(Endpoint endpoint) {
        return StagedRestore.possible(directory(endpoint)) ? RestoreMode.STAGED_SWAP : RestoreMode.IN_PLACE;
    }

    @Override
    public void discardStagedRestore(Endpoint endpoint, TaskContext context) throws IOException {
        StagedRestore.discard(directory(endpoint), context);
    }

    /** Checks that the directory exists and can be listed, and that the include and exclude patterns are valid. */
    @Override
    public String checkConnection(Endpoint endpoint, TaskContext context) {
        selection(endpoint);
        return DirectoryCheck.check(directory(endpoint));
    }

    @Override
    public String store(Endpoint endpoint, String name, InputStream in, TaskContext context) throws IOException {
        return objects(endpoint).store(name, in, context);
    }

    @Override
    public InputStream retrieve(Endpoint endpoint, String key) throws IOException {
        return objects(endpoint).retrieve(key);
    }

    @Override
    public void purge(Endpoint endpoint, String key) throws IOException {
        objects(endpoint).purge(key);
    }

    @Override
    public List<String> list(Endpoint endpoint, String prefix) throws IOException {
        return objects(endpoint).list(prefix);
    }

    @Override
    public boolean exists(Endpoint endpoint, String key) {
        return objects(endpoint).exists(key);
    }

    /** Refuses a relative path, one holding NUL, and include or exclude patterns that are not globs. */
    @Override
    public void check(Endpoint endpoint) {
        directory(endpoint);
        selection(endpoint);
    }

    private static Path directory(Endpoint endpoint) {
        String path = endpoint.require("path");
        if (path.indexOf('\0') >= 0) {
            throw new PluginException("fs endpoint field 'path' must not hold a NUL character");
        }
        try {
            Path directory = Path.of(path);
            if (!directory.isAbsolute()) {
                throw new PluginException("fs endpoint field 'path' must be an absolute path, got " + path);
            }
            return directory.normalize();
        } catch (InvalidPathException e) {
            throw new PluginException("fs endpoint field 'path' is not a valid path: " + e.getMessage(), e);
        }
    }

    private static PathSelection selection(Endpoint endpoint) {
        return PathSelection.of(endpoint.list("include"), endpoint.list("exclude"));
    }

    private static ObjectDirectory objects(Endpoint endpoint) {
        return new ObjectDirectory(directory(endpoint));
    }

    /** Downloads are {@code tar}: a tar stream of the directory. */
    @Override
    public DownloadFormat downloadFormat(Endpoint endpoint) {
        return TAR;
    }
}
