package dev.cairn.core.pipeline;

import java.util.List;

/**
 * What the pipeline measured of one backup: the plugin's raw size, the stored (compressed,
 * encrypted) size and the SHA-256 of the stored bytes, and how each copy fared in its store. Every
 * copy holds the same bytes.
 */
public record Packed(long rawSize, long storedSize, String sha256, List<Copy> copies) {
    public Packed {
        copies = List.copyOf(copies);
    }

    /** One store's copy: its key when it landed, else the error that stopped it. */
    public record Copy(Destination destination, String key, Throwable error) {
        public boolean landed() {
            return error == null;
        }
    }

    /** The copies that landed. */
    public List<Copy> landed() {
        return copies.stream().filter(Copy::landed).toList();
    }

    /** The copies that failed. */
    public List<Copy> failed() {
        return copies.stream().filter(c -> !c.landed()).toList();
    }
}
