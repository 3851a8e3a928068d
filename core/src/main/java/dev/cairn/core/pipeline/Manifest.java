package dev.cairn.core.pipeline;

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

    public byte[] toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    public static Manifest fromJson(byte[] json) {
        return JSON.readValue(json, Manifest.class);
    }
}
