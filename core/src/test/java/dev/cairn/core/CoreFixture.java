package dev.cairn.core;

import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.schedule.Timespec;
import dev.cairn.core.task.EndlessTarget;
import dev.cairn.core.task.PacedFsTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A core on a temporary data directory, with the built-in plugins and the endless and paced test targets, and helpers to set up a job. */
public final class CoreFixture {
    private CoreFixture() {
    }

    public static PluginRegistry plugins() {
        return PluginRegistry.load(CoreFixture.class.getClassLoader()).with(new EndlessTarget()).with(new PacedFsTarget());
    }

    public static Cairn start(CairnSettings settings, Clock clock) {
        return Cairn.start(settings, clock, plugins());
    }

    /** Creates a store, a target, a schedule, a retention policy and a job, and returns the job. */
    public static Job job(Cairn cairn, String targetPlugin, Map<String, Object> targetEndpoint, Path storeDir, String when) {
        var catalog = cairn.catalog();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Store store = new Store(UUID.randomUUID(), "store-" + suffix, "", "fs", Map.of("path", storeDir.toString()));
        Target target = new Target(UUID.randomUUID(), "target-" + suffix, "", targetPlugin, targetEndpoint, "");
        Schedule schedule = new Schedule(UUID.randomUUID(), "schedule-" + suffix, "", Timespec.parse(when), ZoneId.of("UTC"));
        RetentionPolicy retention = new RetentionPolicy(UUID.randomUUID(), "retention-" + suffix, "", 86400);
        catalog.stores().insert(store);
        catalog.targets().insert(target);
        catalog.schedules().insert(schedule);
        catalog.retention().insert(retention);
        Job job = new Job(UUID.randomUUID(), "job-" + suffix, "", target.uuid(), store.uuid(), schedule.uuid(),
                retention.uuid(), 50, false, null, List.of(), false);
        catalog.jobs().insert(job);
        return job;
    }
}
