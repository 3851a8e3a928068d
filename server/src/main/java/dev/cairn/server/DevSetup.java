package dev.cairn.server;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.schedule.Timespec;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code cairn dev} puts in a fresh catalog so that a first backup needs only a target and a
 * job: a local store under the data directory, a daily schedule and a week's retention.
 */
public final class DevSetup {
    private DevSetup() {
    }

    public static void seed(Cairn cairn, Path dataDir) {
        var catalog = cairn.catalog();
        if (catalog.stores().list(null, Usage.ANY).isEmpty()) {
            catalog.stores().insert(new Store(UUID.randomUUID(), "local", "archives under the dev data directory", "fs",
                    Map.of("path", dataDir.resolve("store").toAbsolutePath().toString())));
        }
        if (catalog.schedules().list(Usage.ANY).isEmpty()) {
            catalog.schedules().insert(new Schedule(UUID.randomUUID(), "nightly", "every night at 4am",
                    Timespec.parse("daily 4am"), ZoneId.of("UTC")));
        }
        if (catalog.retention().list(Usage.ANY).isEmpty()) {
            catalog.retention().insert(new RetentionPolicy(UUID.randomUUID(), "week", "keep archives for seven days", 7 * 86400));
        }
    }
}
