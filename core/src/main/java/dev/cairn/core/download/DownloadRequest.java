package dev.cairn.core.download;

import java.time.Instant;
import java.util.UUID;

/**
 * What a client asked to download: one {@code archive} (null: the newest usable one), or the newest
 * taken {@code before} an instant (null: any time); a {@code variant} (null: the full archive); a
 * {@code format} to turn it into (null: the archive's own); {@code clean} SQL that replaces what exists.
 */
public record DownloadRequest(UUID archive, Instant before, String variant, String format, boolean clean) {
    public static final DownloadRequest LATEST = new DownloadRequest(null, null, null, null, false);

    public DownloadRequest {
        variant = variant == null || variant.isBlank() ? null : variant.strip();
        format = format == null || format.isBlank() ? null : format.strip().toLowerCase();
    }
}
