package dev.cairn.core.pipeline;

import java.util.Objects;
import java.util.UUID;

/**
 * What the catalog knows of an archive's object, that a restore or verify checks the object read
 * back from its store against: whose it is, its checksum and its plain size.
 *
 * @param archive     the archive the object must belong to
 * @param key         the object's key in its store
 * @param manifestKey the key of the manifest beside it; null when the catalog has none
 * @param sha256      SHA-256 of the stored bytes, as measured when they were written
 * @param rawSize     the plain stream's size; negative when unknown
 */
public record StoredObject(UUID archive, String key, String manifestKey, String sha256, long rawSize) {
    public StoredObject {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
    }
}
