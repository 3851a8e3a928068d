package dev.cairn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Keeps blobs somewhere (a directory, a bucket, a server) and gives them back by key.
 *
 * <p>Keys are the names Cairn asks for: a store writes the blob named {@code name} so that
 * {@link #purge} of that same name removes it, complete or not. That is how Cairn cleans up after a
 * crash, when it knows only the name it asked for.
 */
public interface StorePlugin extends Plugin {

    /**
     * Stores the stream read from {@code in} to its end under {@code name} and returns its key.
     *
     * <p>The blob must not be visible under its key until it is complete (write to a temporary
     * name and rename, or finish a multipart upload): a reader never sees half a blob. On failure,
     * remove what was written and throw.
     */
    String store(Endpoint endpoint, String name, InputStream in, TaskContext context) throws IOException;

    /** Opens the blob stored under {@code key} for reading; the caller closes it. */
    InputStream retrieve(Endpoint endpoint, String key) throws IOException;

    /**
     * Removes the blob under {@code key}, and any partial upload of it. Removing a blob that is not
     * there succeeds: purge is retried until it does.
     */
    void purge(Endpoint endpoint, String key) throws IOException;

    /** Whether a complete blob exists under {@code key}. */
    boolean exists(Endpoint endpoint, String key) throws IOException;

    /**
     * The keys of the complete blobs whose names start with {@code prefix} ("" for all), in no
     * particular order. Cairn lists a store to rebuild a lost catalog from the manifests beside the
     * objects; a store that cannot list says so by keeping this default, which throws.
     */
    default List<String> list(Endpoint endpoint, String prefix) throws IOException {
        throw new PluginException("store plugin " + info().name() + " cannot list its objects");
    }
}
