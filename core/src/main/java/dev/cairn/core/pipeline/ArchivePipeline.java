package dev.cairn.core.pipeline;

import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.cairn.core.CairnException;
import dev.cairn.core.keys.AgeKeys;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves one archive between a data system and a store as a stream:
 * {@code target.backup → zstd → age → SHA-256 → store} and back again for a restore. Nothing is
 * written to a temporary file, and memory is bounded by the pipe between the two threads
 * (a backup's plugin writes on one, the store reads on the other).
 *
 * <p>The stored object is {@code age(zstd(raw))}, so {@code age -d -i cairn.key OBJECT | zstd -d}
 * gives the plugin's raw stream back without Cairn.
 */
public final class ArchivePipeline {
    /** Pipe capacity in 64 KiB chunks: 2 MiB between the plugin and the store. */
    private static final int PIPE_CHUNKS = 32;
    private final AgeKeys keys;
    private final int zstdLevel;
    private final int zstdWorkers;

    public ArchivePipeline(AgeKeys keys, int zstdLevel, int zstdWorkers) {
        this.keys = keys;
        this.zstdLevel = zstdLevel;
        this.zstdWorkers = zstdWorkers;
    }

    public String compression() {
        return "zstd-" + zstdLevel;
    }

    public String encryption() {
        return "age-x25519";
    }

    /** The public keys archives are encrypted to. */
    public java.util.List<String> recipients() {
        return keys.recipients();
    }

    /**
     * Backs {@code target} up into {@code store} under {@code name} and returns what was measured.
     * On any failure nothing is left in the store and the plugin's error is thrown.
     */
    public Packed backup(TargetPlugin target, Endpoint targetEndpoint, StorePlugin store, Endpoint storeEndpoint,
                         String name, TaskContext context) throws IOException {
        BoundedPipe pipe = new BoundedPipe(PIPE_CHUNKS);
        MeasuringOutputStream stored = new MeasuringOutputStream(pipe.sink(), true);
        AtomicReference<Throwable> producerError = new AtomicReference<>();
        long[] rawSize = new long[1];
        Thread producer = Thread.ofPlatform().daemon().name("backup-" + name).start(() -> {
            try (MeasuringOutputStream raw = new MeasuringOutputStream(compressAndEncrypt(stored), false)) {
                target.backup(targetEndpoint, raw, context);
                raw.flush();
                rawSize[0] = raw.count();
            } catch (Throwable e) {
                producerError.set(e);
                pipe.fail(e);
            }
        });
        String key;
        InputStream source = pipe.source();
        try {
            key = store.store(storeEndpoint, name, source, context);
        } catch (IOException | RuntimeException e) {
            source.close();
            join(producer);
            throw producerFailure(producerError.get(), e);
        }
        join(producer);
        if (producerError.get() != null) {
            store.purge(storeEndpoint, key);
            throw producerFailure(producerError.get(), null);
        }
        return new Packed(key, rawSize[0], stored.count(), stored.sha256Hex());
    }

    private OutputStream compressAndEncrypt(OutputStream stored) throws IOException {
        try {
            OutputStream encrypted = Channels.newOutputStream(new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(stored), keys.writers()));
            // age works in 64 KiB chunks; handing it pieces of that size keeps it on its fast path.
            OutputStream chunked = new BufferedOutputStream(encrypted, BoundedPipe.CHUNK);
            ZstdOutputStream zstd = new ZstdOutputStream(chunked, zstdLevel);
            if (zstdWorkers > 0) {
                zstd.setWorkers(zstdWorkers);
            }
            return zstd;
        } catch (GeneralSecurityException e) {
            throw new CairnException.Failure("cannot start age encryption: " + e.getMessage(), e);
        }
    }

    private static void join(Thread producer) throws IOException {
        try {
            producer.join();
        } catch (InterruptedException e) {
            producer.interrupt();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the backup to finish");
        }
    }

    private static IOException producerFailure(Throwable producer, Exception consumer) {
        Throwable cause = producer != null ? producer : consumer;
        if (cause instanceof PluginException p) {
            throw p;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        return new IOException(cause.getMessage(), cause);
    }

    /**
     * Reads the object {@code key} back from {@code store}, decrypts and decompresses it into
     * {@code target}, and checks the stored bytes against {@code expectedSha256}.
     */
    public void restore(StorePlugin store, Endpoint storeEndpoint, String key, String expectedSha256,
                        TargetPlugin target, Endpoint targetEndpoint, TaskContext context) throws IOException {
        try (MeasuringInputStream stored = new MeasuringInputStream(store.retrieve(storeEndpoint, key));
             InputStream raw = decryptAndDecompress(stored)) {
            target.restore(targetEndpoint, new NonClosingInputStream(raw), context);
            stored.drain();
            String actual = stored.sha256Hex();
            if (expectedSha256 != null && !expectedSha256.equals(actual)) {
                throw new PluginException("object " + key + " does not match its checksum: expected sha256 "
                        + expectedSha256 + ", read " + actual);
            }
        }
    }

    /** Opens the plain stream of an object read from a store: age decryption, then zstd. */
    public InputStream decryptAndDecompress(InputStream stored) throws IOException {
        try {
            InputStream decrypted = Channels.newInputStream(new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(stored), keys.readers()));
            return new ZstdInputStream(decrypted);
        } catch (GeneralSecurityException e) {
            throw new PluginException("cannot decrypt the archive with this server's key (cairn.key): " + e.getMessage());
        }
    }

    /** Keeps a plugin from closing the pipeline's stream before the checksum is read to the end. */
    private static final class NonClosingInputStream extends FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the pipeline closes it
        }
    }
}
