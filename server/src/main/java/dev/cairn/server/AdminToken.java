package dev.cairn.server;

import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server's admin API token: {@code CAIRN_TOKEN} when set, else the one in
 * {@code <data>/admin.token}, created (mode 0600) on first start.
 */
public final class AdminToken {
    private AdminToken() {
    }

    public static String resolve(Path dataDir, String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        Path file = dataDir.resolve("admin.token");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Files.createDirectories(dataDir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return token;
        } catch (IOException e) {
            throw new CairnException.Failure("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }
}
