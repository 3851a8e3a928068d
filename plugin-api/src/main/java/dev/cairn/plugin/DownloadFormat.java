package dev.cairn.plugin;

import java.util.Objects;

/**
 * What a downloaded stream is, for a client to name and open it: a short name ({@code custom},
 * {@code sql}, {@code tar}), the file name extension without its dot, and the media type.
 */
public record DownloadFormat(String name, String extension, String contentType) {
    /** An archive's raw stream that no plugin described. */
    public static final DownloadFormat RAW = new DownloadFormat("raw", "bin", "application/octet-stream");
    /** SQL text, as psql and mariadb read it. */
    public static final DownloadFormat SQL = new DownloadFormat("sql", "sql", "application/sql");

    public DownloadFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(contentType, "contentType");
    }
}
