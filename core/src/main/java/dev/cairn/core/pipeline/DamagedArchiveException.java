package dev.cairn.core.pipeline;

import dev.cairn.plugin.PluginException;

/**
 * The stored object of an archive proved damaged or not to be the archive's: its checksum does not
 * match, it cannot be decrypted or decompressed to its end, it is cut short, or its manifest names
 * another archive. The message names the object and what was found; the archive is then marked
 * {@code damaged}.
 */
public final class DamagedArchiveException extends PluginException {
    public DamagedArchiveException(String message) {
        super(message);
    }

    public DamagedArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
