package dev.cairn.core.pipeline;

import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.cairn.core.CairnException;
import dev.cairn.core.keys.AgeKeys;
import dev.cairn.plugin.BoundedPipe;
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
import java.util.ArrayList;
import java.util.List;
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
     * Backs {@code target} up, reading it once, into every one of {@code destinations} under
     * {@code name}, and returns what was measured and where each copy landed.
     *
     * <p>A store that fails loses only its own copy; the others go on. When the backup itself fails,
     * or every store does, nothing is left in any store and the first cause is thrown.
     */
    public Packed backup(TargetPlugin target, Endpoint targetEndpoint, List<Destination> destinations,
                         String name, TaskContext context) throws IOException {
        List<BoundedPipe> pipes = destinations.stream().map(d -> new BoundedPipe(PIPE_CHUNKS)).toList();
        MeasuringOutputStream stored = new MeasuringOutputStream(
                new FanOut(pipes.stream().map(BoundedPipe::sink).toList()), true);
        AtomicReference<Throwable> producerError = new AtomicReference<>();
        long[] rawSize = new long[1];
        Thread producer = Thread.ofPlatform().daemon().name("backup-" + name).start(() -> {
            try (MeasuringOutputStream raw = new MeasuringOutputStream(compressAndEncrypt(stored), false)) {
                target.backup(targetEndpoint, raw, context);
                raw.flush();
                rawSize[0] = raw.count();
            } catch (Throwable e) {
                producerError.set(e);
                pipes.forEach(pipe -> pipe.fail(e));
            }
        });
        Packed.Copy[] copies = new Packed.Copy[destinations.size()];
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            int index = i;
            Destination destination = destinations.get(i);
            InputStream source = pipes.get(i).source();
            consumers.add(Thread.ofPlatform().daemon().name("store-" + destination.name() + "-" + name).start(() -> {
                try {
                    copies[index] = new Packed.Copy(destination,
                            destination.plugin().store(destination.endpoint(), name, source, context), null);
                } catch (Throwable e) {
                    copies[index] = new Packed.Copy(destination, null, e);
                } finally {
                    closeQuietly(source);
                }
            }));
        }
        joinAll(producer, consumers, pipes);
        Packed packed = new Packed(rawSize[0], stored.count(), stored.sha256Hex(), List.of(copies));
        Throwable produced = producerError.get();
        if (produced != null && !(produced instanceof FanOut.AllOutputsFailed)) {
            purgeLanded(packed, name, produced);
            throw producerFailure(produced, null);
        }
        if (packed.landed().isEmpty()) {
            throw producerFailure(packed.copies().getFirst().error(), null);
        }
        return packed;
    }

    private static void purgeLanded(Packed packed, String name, Throwable cause) {
        for (Packed.Copy copy : packed.landed()) {
            try {
                copy.destination().plugin().purge(copy.destination().endpoint(), copy.key());
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(new IOException("cannot remove " + name + " from store "
                        + copy.destination().name() + ": " + e.getMessage(), e));
            }
        }
    }

    /** Waits for the plugin and every store; when interrupted (a cancel), stops them all first. */
    private static void joinAll(Thread producer, List<Thread> consumers, List<BoundedPipe> pipes) throws IOException {
        List<Thread> all = new ArrayList<>(consumers);
        all.addFirst(producer);
        try {
            for (Thread thread : all) {
                thread.join();
            }
        } catch (InterruptedException e) {
            java.util.concurrent.CancellationException stopped = new java.util.concurrent.CancellationException("task was stopped");
            pipes.forEach(pipe -> pipe.fail(stopped));
            all.forEach(Thread::interrupt);
            for (Thread thread : all) {
                try {
                    thread.join(java.time.Duration.ofSeconds(30));
                } catch (InterruptedException again) {
                    break;
                }
            }
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the backup to finish");
        }
    }

    private static void closeQuietly(InputStream source) {
        try {
            source.close();
        } catch (IOException e) {
            // the pipe's reading side cannot fail to close
        }
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

    /**
     * Reads the object {@code key} back from {@code store} to its end, checks its SHA-256 against
     * {@code expectedSha256}, and decrypts and decompresses all of it without writing it anywhere.
     * Returns the plain size; throws a {@link PluginException} that says what is wrong.
     */
    public long verify(StorePlugin store, Endpoint storeEndpoint, String key, String expectedSha256) throws IOException {
        try (MeasuringInputStream stored = new MeasuringInputStream(store.retrieve(storeEndpoint, key))) {
            long plain = 0;
            InputStream raw = null;
            try {
                raw = decryptAndDecompress(stored);
                byte[] buffer = new byte[BoundedPipe.CHUNK];
                for (int n; (n = raw.read(buffer)) >= 0; ) {
                    plain += n;
                }
            } catch (IOException | RuntimeException e) {
                stored.drain();
                throw new PluginException(checksumVerdict(key, expectedSha256, stored.sha256Hex())
                        + "; it cannot be decrypted and decompressed: " + e.getMessage());
            }
            stored.drain();
            String actual = stored.sha256Hex();
            raw.close();
            if (!expectedSha256.equals(actual)) {
                throw new PluginException(checksumVerdict(key, expectedSha256, actual));
            }
            return plain;
        }
    }

    private static String checksumVerdict(String key, String expected, String actual) {
        return expected.equals(actual) ? "object " + key + " matches its checksum"
                : "object " + key + " does not match its checksum: expected sha256 " + expected + ", read " + actual;
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
