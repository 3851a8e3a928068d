package dev.cairn.core.pipeline;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The small JSON document kept beside every stored object, so that a store can be understood, and
 * the catalog rebuilt, without the catalog.
 */
public record Manifest(String archiveUuid, String targetUuid, String targetName, String targetPlugin,
                       String storeUuid, String jobUuid, String objectKey, long rawSize, long storedSize,
                       String sha256, String compression, String encryption, List<String> recipients,
                       Instant takenAt, Instant expiresAt, String cairnVersion, String readWithoutCairn) {

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
