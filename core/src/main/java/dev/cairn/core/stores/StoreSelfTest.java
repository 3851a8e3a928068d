package dev.cairn.core.stores;

import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a store works end to end: writes a blob of random bytes, reads it back, compares,
 * purges it and checks it is gone. The outcome is recorded on the store, so lists show each
 * store's health; the scheduler runs it on every store periodically.
 */
public final class StoreSelfTest {
    /** Where test blobs go in a store, apart from archives. */
    static final String PREFIX = "cairn-self-test/";
    private static final int BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(StoreSelfTest.class);
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public StoreSelfTest(Repositories catalog, PluginRegistry plugins, Clock clock) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.clock = clock;
    }

    /** The outcome of one self-test: healthy, or the one line that says what failed. */
    public record Result(boolean healthy, String error) {
    }

    /** Tests store {@code uuid} now and records the outcome. */
    public Result test(UUID uuid) {
        return test(catalog.stores().get(uuid));
    }

    private Result test(Store store) {
        Result result = run(store);
        catalog.stores().recordHealth(store.uuid(), result.healthy(), result.error(), clock.instant());
        if (!result.healthy()) {
            LOG.warn("store {} failed its self-test: {}", store.name(), result.error());
        }
        return result;
    }

    /** Tests every store in the catalog; one failing store does not stop the others. */
    public void testAll() {
        for (Store store : catalog.stores().list(null, dev.cairn.core.catalog.Usage.ANY)) {
            try {
                test(store);
            } catch (RuntimeException e) {
                LOG.warn("cannot self-test store {}: {}", store.name(), e.getMessage());
            }
        }
    }

    private Result run(Store store) {
        Endpoint endpoint;
        StorePlugin plugin;
        try {
            endpoint = plugins.endpoint(store.plugin(), store.endpoint());
            plugin = plugins.store(store.plugin());
        } catch (RuntimeException e) {
            return new Result(false, e.getMessage());
        }
        byte[] written = new byte[BYTES];
        random.nextBytes(written);
        String name = PREFIX + UUID.randomUUID() + ".bin";
        String step = "write";
        String key = null;
        try (QuietContext context = new QuietContext("self-test of store " + store.name(), endpoint.secrets())) {
            key = plugin.store(endpoint, name, new ByteArrayInputStream(written), context);
            step = "read back";
            byte[] read;
            try (InputStream in = plugin.retrieve(endpoint, key)) {
                read = in.readAllBytes();
            }
            if (!Arrays.equals(written, read)) {
                return new Result(false, "read back " + read.length + " bytes that differ from the " + BYTES
                        + " bytes written to " + key);
            }
            step = "purge";
            plugin.purge(endpoint, key);
            step = "check the purge of";
            if (plugin.exists(endpoint, key)) {
                return new Result(false, "purged " + key + " but it is still there");
            }
            key = null;
            return new Result(true, null);
        } catch (IOException | RuntimeException e) {
            return new Result(false, "cannot " + step + " a test blob: " + e.getMessage());
        } finally {
            if (key != null) {
                try {
                    plugin.purge(endpoint, key);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cannot remove test blob {} from store {}: {}", key, store.name(), e.getMessage());
                }
            }
        }
    }
}
