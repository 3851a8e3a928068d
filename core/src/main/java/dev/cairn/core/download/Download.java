package dev.cairn.core.download;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Store;
import dev.cairn.plugin.DownloadFormat;
import java.time.Instant;

/**
 * A download chosen and allowed, before its bytes flow: the archive and the store it is read from,
 * what the stream is ({@code format}), whether the plugin converts it, a readable file name, the
 * length when known ({@code -1} when converted), and what caches compare ({@code etag}, {@code lastModified}).
 */
public record Download(Archive archive, Store store, String targetName, DownloadFormat format, boolean converted,
                       boolean clean, String fileName, long length, String etag, Instant lastModified) {
}
