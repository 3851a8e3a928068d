package dev.cairn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
     */
    void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException;
}
