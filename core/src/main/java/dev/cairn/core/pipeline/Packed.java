package dev.cairn.core.pipeline;

/**
 * What the pipeline measured of one stored archive: its store key, the plugin's raw size, the
 * stored (compressed, encrypted) size and the SHA-256 of the stored bytes.
 */
public record Packed(String key, long rawSize, long storedSize, String sha256) {
}
