package dev.cairn.core.pipeline;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The small JSON document kept beside every stored object, so that a store can be understood, and
 * the catalog rebuilt, without the catalog. A sanitised variant's manifest also names its
 * {@code variant}, the full archive it was made from ({@code source_archive}) and the version of
 * the rules ({@code rules_version}); a full archive's has none of the three (nor has any manifest
 * written before variants), so a rebuilt catalog tells the two apart.
 */
public record Manifest(String archiveUuid, String targetUuid, String targetName, String targetPlugin,
                       String storeUuid, String jobUuid, String objectKey, long rawSize, long storedSize,
                       String sha256, String compression, String encryption, List<String> recipients,
                       Instant takenAt, Instant expiresAt, String cairnVersion, String readWithoutCairn,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String sourceArchive,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer rulesVersion) {

    /** A full archive's manifest: no variant. */
    public Manifest(String archiveUuid, String targetUuid, String targetName, String targetPlugin,
                    String storeUuid, String jobUuid, String objectKey, long rawSize, long storedSize,
                    String sha256, String compression, String encryption, List<String> recipients,
                    Instant takenAt, Instant expiresAt, String cairnVersion, String readWithoutCairn) {
        this(archiveUuid, targetUuid, targetName, targetPlugin, storeUuid, jobUuid, objectKey, rawSize, storedSize, sha256,
                compression, encryption, recipients, takenAt, expiresAt, cairnVersion, readWithoutCairn, null, null, null);
    }

    public Manifest {
        variant = variant == null || variant.isEmpty() ? null : variant;
    }

    /** Whether this manifest is a sanitised variant's. */
    public boolean describesVariant() {
        return variant != null;
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /** The manifest's name beside the object {@code objectName}. */
    public static String nameFor(String objectName) {
        return objectName + ".manifest.json";
    }

    /**
     * Purges an object and the manifest beside it from a store, the object first: whatever purges
     * an archive's object purges its manifest with it.
     */
    public static void purgeWithObject(StorePlugin store, Endpoint endpoint, String objectKey, String manifestKey)
            throws IOException {
        store.purge(endpoint, objectKey);
        store.purge(endpoint, manifestKey);
    }

    public byte[] toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    public static Manifest fromJson(byte[] json) {
        return JSON.readValue(json, Manifest.class);
    }
}
