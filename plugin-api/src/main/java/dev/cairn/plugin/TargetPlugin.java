package dev.cairn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Reads data out of a data system and writes it back, as one opaque stream.
 *
 * <p>The stream is whatever the data system's native tool produces (a {@code pg_dump} archive, a
 * tar, an RDB file): Cairn compresses, encrypts and stores it without looking inside.
 */
public interface TargetPlugin extends Plugin {

    /**
     * Writes a full backup of the data system to {@code out}, and returns once all of it is written.
     *
     * <p>Throw {@link PluginException} with one readable line when the backup cannot be made; Cairn
     * then discards whatever was written. Do not close {@code out}.
     */
    void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException;

    /**
     * Replaces the data system's content with the backup read from {@code in}, to its end.
     *
     * <p>Cairn checks the whole archive before it calls this, and the stream it hands over checks
     * it again as it is read: {@code in} throws an {@link IOException} instead of reaching its end
     * when the stored object proves damaged or changed. A plugin whose {@link #restoreMode} is
     * {@link RestoreMode#STAGED_SWAP} must therefore read {@code in} until it returns -1 before it
     * swaps the staged copy in, and must remove the staged copy when anything fails or the task is
     * cancelled, leaving the live data as it was.
     */
    void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException;

    /**
     * Connects to the data system with {@code endpoint} and returns, as one line that holds no
     * secret, what it reached once a backup could start ("connected to app@db1:5432/shop, PostgreSQL
     * 16.4"); throws {@link PluginException} with one readable line saying what is wrong otherwise
     * (a wrong password, no such database, a host or port that does not answer, a missing directory).
     *
     * <p>Cairn calls it before the first backup, outside any task, so it must be quick and change
     * nothing. The default starts a {@link #backup} and stops it as soon as the first bytes arrive:
     * honest for any plugin, but it makes the data system begin a dump. Plugins override it with a
     * cheaper check of the same access (a {@code SELECT 1}, a {@code PING}).
     */
    default String checkConnection(Endpoint endpoint, TaskContext context) throws IOException {
        return BackupProbe.probe(this, endpoint, context);
    }

    /**
     * Whether {@link #restore} into {@code endpoint} stages the data beside the live data and swaps
     * it in at the end, or overwrites in place. Plugins that cannot stage keep the default.
     */
    default RestoreMode restoreMode(Endpoint endpoint) {
        return RestoreMode.IN_PLACE;
    }

    /**
     * Removes what a restore into {@code endpoint} staged and never swapped in, when the server
     * stopped (crashed, was killed) in the middle of it. Called at the next start for each restore
     * that was running; must succeed when there is nothing to remove. At most one task runs per
     * target at a time, so a plugin may stage under a name derived from the endpoint alone.
     */
    default void discardStagedRestore(Endpoint endpoint, TaskContext context) throws IOException {
        // nothing staged by plugins that restore in place
    }

    /**
     * What this plugin's backup stream is, as a download names it (file extension, media type), for an
     * archive taken from {@code endpoint}. The default is an opaque binary stream.
     */
    default DownloadFormat downloadFormat(Endpoint endpoint) {
        return DownloadFormat.RAW;
    }

    /**
     * The formats (besides {@link #downloadFormat}'s own) a backup of {@code endpoint} can be turned into
     * on the fly by {@link #convert}, e.g. {@code sql} for a PostgreSQL custom-format dump. None by default.
     */
    default List<DownloadFormat> conversions(Endpoint endpoint) {
        return List.of();
    }

    /**
     * Writes the backup stream {@code raw} turned into {@code format} (one of {@link #conversions}) to
     * {@code out}. {@code clean} asks for output that replaces what already exists when replayed (SQL that
     * drops objects before creating them). A failure of {@code raw} must fail this, never end {@code out}
     * as if complete.
     */
    default void convert(Endpoint endpoint, String format, boolean clean, InputStream raw,
                         OutputStream out, TaskContext context) throws IOException {
        throw new PluginException("this plugin cannot turn its backups into " + format);
    }
}
