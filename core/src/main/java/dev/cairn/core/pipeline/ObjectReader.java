package dev.cairn.core.pipeline;

import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.github.luben.zstd.ZstdInputStream;
import dev.cairn.core.keys.AgeKeys;
import dev.cairn.core.pipeline.MeasuringInputStream.StoreReadException;
import dev.cairn.plugin.BoundedPipe;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * Reads an archive's object back from its store: checks it whole before a restore (manifest,
 * SHA-256, decryption and decompression to the end), and streams it into a target so that the
 * stream fails, instead of ending, when the object proves damaged.
 *
 * <p>Failures are sorted: a {@link DamagedArchiveException} when the bytes are wrong, a
 * {@link PluginException} when this server's key cannot open an intact object, and the store's own
 * {@link IOException} when it could not be read at all.
 */
final class ObjectReader {
    private final AgeKeys keys;

    ObjectReader(AgeKeys keys) {
        this.keys = keys;
    }

    /** Opens the plain stream of an object read from a store: age decryption, then zstd. */
    InputStream decryptAndDecompress(InputStream stored) throws IOException {
        try {
            InputStream decrypted = Channels.newInputStream(new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(StreamChannels.readable(stored), keys.readers()));
            // reading, hashing and decrypting on one core, decompressing and the consumer on another
            return new ZstdInputStream(ReadAhead.of(decrypted, "cairn-decrypt"));
        } catch (UnsupportedRecipientStanzaException e) {
            if (noIdentityMatched(e)) {
                throw new KeyMismatch("no identity in this server's key (cairn.key, public key " + keys.publicKey()
                        + ") opens it: it was encrypted to other recipients, or its header is damaged");
            }
            throw new DamagedArchiveException("it is damaged or not a Cairn archive: its age header holds no X25519 "
                    + "recipient (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new DamagedArchiveException("it is damaged or not a Cairn archive: its age header cannot be read ("
                    + e.getMessage() + ")", e);
        }
    }

    /** A recipient stanza of this server's kind was there, but no identity of this server unwrapped it. */
    private static boolean noIdentityMatched(UnsupportedRecipientStanzaException e) {
        return Arrays.stream(e.getSuppressed()).anyMatch(AEADBadTagException.class::isInstance)
                || String.valueOf(e.getMessage()).contains("not matched");
    }

    /** An intact object (so far as decryption can tell) encrypted to keys this server does not hold. */
    static final class KeyMismatch extends PluginException {
        KeyMismatch(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code object} from {@code store} to its end without writing it anywhere: the manifest
     * beside it must name its archive, its bytes must match its SHA-256, and it must decrypt and
     * decompress to its end (to {@code rawSize} bytes when known). Returns the plain size.
     */
    long verify(StorePlugin store, Endpoint endpoint, StoredObject object, TaskContext context) throws IOException {
        Manifest manifest = checkManifest(store, endpoint, object, context);
        try (MeasuringInputStream stored = new MeasuringInputStream(store.retrieve(endpoint, object.key()))) {
            long plain = 0;
            try (InputStream raw = decryptAndDecompress(kept(stored))) {
                byte[] buffer = new byte[BoundedPipe.CHUNK];
                for (int n; (n = raw.read(buffer)) >= 0; ) {
                    plain += n;
                    if (context.cancelled()) {
                        throw new InterruptedIOException("the task was stopped while its archive was checked");
                    }
                }
                stored.drain();
            } catch (IOException | PluginException e) {
                if (e instanceof StoreReadException || stopped(e) || context.cancelled()) {
                    throw e;
                }
                stored.drain();
                throw unreadable(object, manifest, stored.sha256Hex(), plain, e);
            }
            String actual = stored.sha256Hex();
            if (!object.sha256().equals(actual)) {
                throw new DamagedArchiveException(checksumMismatch(object, actual));
            }
            if (object.rawSize() >= 0 && plain != object.rawSize()) {
                throw new DamagedArchiveException("object " + object.key() + " decompresses to " + plain
                        + " bytes; the catalog recorded " + object.rawSize());
            }
            return plain;
        }
    }

    /** Why an object that failed to decrypt or decompress failed: its bytes, or this server's key. */
    private PluginException unreadable(StoredObject object, Manifest manifest, String actual, long plain, Exception e) {
        if (!object.sha256().equals(actual)) {
            return new DamagedArchiveException(checksumMismatch(object, actual) + "; it cannot be decrypted and "
                    + "decompressed (after " + plain + " plain bytes): " + e.getMessage(), e);
        }
        if (e instanceof KeyMismatch) {
            List<String> recipients = manifest == null ? List.of() : manifest.recipients();
            String to = recipients == null || recipients.isEmpty() ? ""
                    : " (its manifest lists " + String.join(", ", recipients) + ")";
            return new PluginException("object " + object.key() + " is intact (its sha256 matches) but this server "
                    + "cannot decrypt it: it was encrypted to other keys than this server's cairn.key (public key "
                    + keys.publicKey() + ")" + to + "; start Cairn with the key the archive was made with", e);
        }
        return new DamagedArchiveException("object " + object.key() + " matches its checksum but cannot be decrypted and "
                + "decompressed (after " + plain + " plain bytes): " + e.getMessage(), e);
    }

    private static String checksumMismatch(StoredObject object, String actual) {
        return "object " + object.key() + " is damaged or is not this archive's: expected sha256 " + object.sha256()
                + ", read " + actual;
    }

    /**
     * Reads the manifest beside {@code object}, when the catalog knows of one, and refuses an object
     * whose manifest names another archive or another checksum. Returns null when there is none to read.
     */
    private static Manifest checkManifest(StorePlugin store, Endpoint endpoint, StoredObject object, TaskContext context)
            throws IOException {
        if (object.manifestKey() == null || object.manifestKey().isBlank()) {
            return null;
        }
        byte[] json;
        try (InputStream in = store.retrieve(endpoint, object.manifestKey())) {
            json = in.readNBytes(1 << 20);
        } catch (IOException | PluginException e) {
            if (stopped(e)) {
                throw e;
            }
            context.log("cannot read the manifest " + object.manifestKey() + " beside object " + object.key() + " ("
                    + e.getMessage() + "); checking the object against the catalog's checksum alone");
            return null;
        }
        Manifest manifest;
        try {
            manifest = Manifest.fromJson(json);
        } catch (RuntimeException e) {
            throw new DamagedArchiveException("the manifest " + object.manifestKey() + " beside object " + object.key()
                    + " is not a Cairn manifest: " + e.getMessage(), e);
        }
        if (!object.archive().toString().equals(manifest.archiveUuid())) {
            throw new DamagedArchiveException("object " + object.key() + " is not this archive's: its manifest belongs to "
                    + "archive " + manifest.archiveUuid() + " (target " + manifest.targetName() + ", taken "
                    + manifest.takenAt() + "), not to archive " + object.archive());
        }
        if (manifest.sha256() != null && !manifest.sha256().equals(object.sha256())) {
            throw new DamagedArchiveException("object " + object.key() + "'s manifest records sha256 " + manifest.sha256()
                    + ", the catalog " + object.sha256());
        }
        return manifest;
    }

    /**
     * Streams {@code object} into {@code target}: the plugin reads a stream that checks the SHA-256
     * and plain size when it reaches the end, and throws instead of ending when they are wrong or the
     * object breaks off. What the plugin leaves unread is read and checked afterwards.
     */
    void restore(StorePlugin store, Endpoint storeEndpoint, StoredObject object, TargetPlugin target,
                 Endpoint targetEndpoint, TaskContext context) throws IOException {
        try (MeasuringInputStream stored = new MeasuringInputStream(store.retrieve(storeEndpoint, object.key()));
             InputStream raw = openChecked(stored, object)) {
            CheckedPlainStream plain = new CheckedPlainStream(raw, stored, object, context::cancelled);
            try {
                target.restore(targetEndpoint, plain, context);
            } catch (IOException | RuntimeException e) {
                Optional<DamagedArchiveException> damage = plain.damage();
                if (damage.isPresent()) {
                    throw withCause(damage.get(), e);
                }
                throw e;
            }
            plain.readRest();
        }
    }

    /**
     * Opens {@code object}'s plain stream for a reader outside any task (a download): it checks the
     * SHA-256 and plain size at its end and throws instead of ending when they are wrong. Closing it
     * closes the store's stream.
     */
    InputStream open(StorePlugin store, Endpoint endpoint, StoredObject object) throws IOException {
        MeasuringInputStream stored = new MeasuringInputStream(store.retrieve(endpoint, object.key()));
        try {
            InputStream raw = openChecked(stored, object);
            CheckedPlainStream plain = new CheckedPlainStream(raw, stored, object, () -> false);
            return new FilterInputStream(plain) {
                @Override
                public void close() throws IOException {
                    try (stored; raw) {
                        // both closed, the store's stream last
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    private InputStream openChecked(MeasuringInputStream stored, StoredObject object) throws IOException {
        try {
            return decryptAndDecompress(kept(stored));
        } catch (PluginException e) {
            throw new DamagedArchiveException("object " + object.key() + " changed after it was checked: " + e.getMessage(), e);
        }
    }

    private static DamagedArchiveException withCause(DamagedArchiveException damage, Exception plugin) {
        if (damage != plugin) {
            damage.addSuppressed(plugin);
        }
        return damage;
    }

    /**
     * {@code stored} as decryption reads it: decryption closes its source when it fails, and the
     * rest of the object must still be read, to tell damage from a key that does not match.
     */
    private static InputStream kept(InputStream stored) {
        return new FilterInputStream(stored) {
            @Override
            public void close() {
                // the object's stream is closed by whoever opened it
            }
        };
    }

    static boolean stopped(Throwable e) {
        return e instanceof InterruptedIOException || e instanceof ClosedByInterruptException
                || e.getCause() instanceof InterruptedIOException || e.getCause() instanceof ClosedByInterruptException;
    }
}
