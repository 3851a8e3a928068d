package dev.cairn.core.keys;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's age identity ({@code <data>/cairn.key}, in the {@code age-keygen} file format so that
 * {@code age -d -i cairn.key} reads archives without Cairn) and the recipients archives are
 * encrypted to: the core's own public key plus any configured extra ones, such as an offline
 * recovery key.
 */
public final class AgeKeys {
    private final String identity;
    private final String publicKey;
    private final List<String> extraRecipients;

    private AgeKeys(String identity, String publicKey, List<String> extraRecipients) {
        this.identity = identity;
        this.publicKey = publicKey;
        this.extraRecipients = List.copyOf(extraRecipients);
    }

    /** Reads {@code keyFile}, creating it (mode 0600) with a new identity when it does not exist. */
    public static AgeKeys loadOrCreate(Path keyFile, List<String> extraRecipients, Clock clock) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile, clock);
            }
            String identity = null;
            String publicKey = null;
            for (String line : Files.readAllLines(keyFile, StandardCharsets.UTF_8)) {
                if (line.startsWith("AGE-SECRET-KEY-1")) {
                    identity = line.trim();
                } else if (line.startsWith("# public key: ")) {
                    publicKey = line.substring("# public key: ".length()).trim();
                }
            }
            if (identity == null || publicKey == null) {
                throw new CairnException.InvalidInput(keyFile + " is not an age identity file (no AGE-SECRET-KEY-1 line or public key comment)");
            }
            for (String recipient : extraRecipients) {
                X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
            }
            return new AgeKeys(identity, publicKey, extraRecipients);
        } catch (IOException e) {
            throw new CairnException.Failure("cannot read or create the key file " + keyFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CairnException.InvalidInput("an extra recipient is not an age public key (age1…): " + e.getMessage());
        }
    }

    private static void create(Path keyFile, Clock clock) throws IOException, GeneralSecurityException {
        KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
        String text = "# created: " + clock.instant() + "\n"
                + "# public key: " + pair.getPublic() + "\n"
                + pair.getPrivate() + "\n";
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path partial = keyFile.resolveSibling(keyFile.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(partial, keyFile, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The core's public key ({@code age1…}). */
    public String publicKey() {
        return publicKey;
    }

    /** Every public key archives are encrypted to. */
    public List<String> recipients() {
        List<String> all = new ArrayList<>();
        all.add(publicKey);
        all.addAll(extraRecipients);
        return all;
    }

    /** Stanza writers for encrypting to every recipient. */
    public List<RecipientStanzaWriter> writers() {
        try {
            List<RecipientStanzaWriter> writers = new ArrayList<>();
            for (String recipient : recipients()) {
                writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient));
            }
            return writers;
        } catch (GeneralSecurityException e) {
            throw new CairnException.Failure("cannot prepare age recipients: " + e.getMessage(), e);
        }
    }

    /** A stanza reader for decrypting with the core's identity. */
    public List<RecipientStanzaReader> readers() {
        try {
            return List.of(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity));
        } catch (GeneralSecurityException e) {
            throw new CairnException.Failure("cannot load the age identity: " + e.getMessage(), e);
        }
    }

    /** A 256-bit key derived from the identity, for sealing secrets in the catalog. */
    public byte[] derivedKey(String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("cairn/" + purpose + "/").getBytes(StandardCharsets.UTF_8));
            return sha.digest(identity.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
