package dev.cairn.core.pipeline;

import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
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
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves one archive between a data system and a store as a stream:
 * {@code target.backup → zstd → age → SHA-256 → store} and back again for a restore. Nothing is
 * written to a temporary file, and memory is bounded by the pipes between the threads of a backup:
 * the plugin writes on one, compression and encryption run on a second (so that, as in
 * {@code dump | zstd | age}, the dump program never waits while a block is compressed), and each
 * store reads on its own.
 *
 * <p>The stored object is {@code age(zstd(raw))}, so {@code age -d -i cairn.key OBJECT | zstd -d}
 * gives the plugin's raw stream back without Cairn.
 */
public final class ArchivePipeline {
    /**
     * Capacity in 64 KiB chunks of the pipe between the plugin and compression: 1 MiB, so that the
     * data system's dump program keeps writing while a block is being compressed, as it would into
     * {@code | zstd}.
     */
    private static final int RAW_PIPE_CHUNKS = 16;
    /** Capacity in 64 KiB chunks of each pipe between encryption and a store: 2 MiB. */
    private static final int PIPE_CHUNKS = 32;
    private final AgeKeys keys;
    private final int zstdLevel;
    private final int zstdWorkers;
    private final ObjectReader reader;

    public ArchivePipeline(AgeKeys keys, int zstdLevel, int zstdWorkers) {
        this.keys = keys;
        this.reader = new ObjectReader(keys);
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
    public List<String> recipients() {
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
        BoundedPipe raw = new BoundedPipe(RAW_PIPE_CHUNKS);
        List<BoundedPipe> pipes = destinations.stream().map(d -> new BoundedPipe(PIPE_CHUNKS)).toList();
        MeasuringOutputStream stored = new MeasuringOutputStream(
                new FanOut(pipes.stream().map(BoundedPipe::sink).toList()), true);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long[] rawSize = new long[1];
        // Only a side that succeeded ends its stream; one that fails fails the pipes after it
        // instead, so that no store ever sees the end of a stream that was cut short.
        Thread producer = Thread.ofPlatform().daemon().name("backup-" + name).start(() -> {
            MeasuringOutputStream plain = new MeasuringOutputStream(raw.sink(), false);
            try {
                target.backup(targetEndpoint, plain, context);
                plain.close();
                rawSize[0] = plain.count();
            } catch (Throwable e) {
                firstFailure.compareAndSet(null, e);
                raw.fail(e);
            }
        });
        Thread packer = Thread.ofPlatform().daemon().name("pack-" + name).start(() -> {
            InputStream plain = raw.source();
            OutputStream packed = null;
            try {
                packed = compressAndEncrypt(stored);
                plain.transferTo(packed);
                packed.close();
            } catch (Throwable e) {
                // recorded before the plugin's side of the pipe is closed, so that the plugin's
                // "reading side stopped" never hides why packing stopped
                firstFailure.compareAndSet(null, e);
                pipes.forEach(pipe -> pipe.fail(e));
                closeQuietly(packed);
            } finally {
                closeQuietly(plain);
            }
        });
        Packed.Copy[] copies = new Packed.Copy[destinations.size()];
        List<Thread> threads = new ArrayList<>(List.of(producer, packer));
        for (int i = 0; i < destinations.size(); i++) {
            int index = i;
            Destination destination = destinations.get(i);
            InputStream source = pipes.get(i).source();
            threads.add(Thread.ofPlatform().daemon().name("store-" + destination.name() + "-" + name).start(() -> {
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
        List<BoundedPipe> allPipes = new ArrayList<>(pipes);
        allPipes.add(raw);
        joinAll(threads, allPipes);
        Packed packed = new Packed(rawSize[0], stored.count(), stored.sha256Hex(), List.of(copies));
        Throwable failure = firstFailure.get();
        if (failure != null && !(failure instanceof FanOut.AllOutputsFailed)) {
            purgeLanded(packed, name, failure);
            throw asThrown(failure);
        }
        if (packed.landed().isEmpty()) {
            throw asThrown(packed.copies().getFirst().error());
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
    private static void joinAll(List<Thread> all, List<BoundedPipe> pipes) throws IOException {
        try {
            for (Thread thread : all) {
                thread.join();
            }
        } catch (InterruptedException e) {
            CancellationException stopped = new CancellationException("task was stopped");
            pipes.forEach(pipe -> pipe.fail(stopped));
            all.forEach(Thread::interrupt);
            for (Thread thread : all) {
                try {
                    thread.join(Duration.ofSeconds(30));
                } catch (InterruptedException again) {
                    break;
                }
            }
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the backup to finish");
        }
    }

    private static void closeQuietly(Closeable stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // a pipe's reading side cannot fail to close; compression closed after a failure only
            // frees its native memory, and its last bytes go to pipes that were already failed
        }
    }

    private OutputStream compressAndEncrypt(OutputStream stored) throws IOException {
        try {
            OutputStream encrypted = Channels.newOutputStream(new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(StreamChannels.writable(stored), keys.writers()));
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

    /** {@code cause} as what {@link #backup} throws: unchecked ones as they are, the rest as an IOException. */
    private static IOException asThrown(Throwable cause) {
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
     * Reads {@code object} from {@code store} to its end without writing it anywhere, and returns
     * its plain size: the manifest beside it must name its archive, its bytes must match its
     * SHA-256, and it must decrypt and decompress to its end. Throws a
     * {@link DamagedArchiveException} when the object is damaged or another archive's, a
     * {@link PluginException} when this server's key cannot open an intact object, and the store's
     * {@link IOException} when it cannot be read.
     */
    public long verify(StorePlugin store, Endpoint storeEndpoint, StoredObject object, TaskContext context)
            throws IOException {
        return reader.verify(store, storeEndpoint, object, context);
    }

    /**
     * Reads {@code object} from {@code store} a second time, decrypts and decompresses it into
     * {@code target}. Call {@link #verify} first: this only guards the target against an object
     * that changes in between, by handing the plugin a stream that throws instead of ending when the
     * SHA-256 or plain size read at its end is wrong (then this throws a
     * {@link DamagedArchiveException}, whatever the plugin made of it).
     */
    public void restore(StorePlugin store, Endpoint storeEndpoint, StoredObject object, TargetPlugin target,
                        Endpoint targetEndpoint, TaskContext context) throws IOException {
        reader.restore(store, storeEndpoint, object, target, targetEndpoint, context);
    }

    /**
     * Opens {@code object}'s plain stream, read from {@code store}, for a consumer outside a task (a
     * download): decrypted and decompressed as it is read, its SHA-256 and plain size checked at its
     * end, where it throws an {@link IOException} caused by a {@link DamagedArchiveException} instead
     * of ending when they are wrong. Memory is bounded whatever the size; the caller closes it.
     */
    public InputStream open(StorePlugin store, Endpoint storeEndpoint, StoredObject object) throws IOException {
        return reader.open(store, storeEndpoint, object);
    }

    /**
     * Opens the plain stream of an object read from a store: age decryption, then zstd. A header
     * that is not age's, or is damaged, is a {@link DamagedArchiveException}; an intact one that no
     * identity of this server opens is a {@link PluginException} that says so.
     */
    public InputStream decryptAndDecompress(InputStream stored) throws IOException {
        return reader.decryptAndDecompress(stored);
    }
}
