package dev.cairn.server.service;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Names;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.schedule.Timespec;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * Builds the catalog records a client asks to save, with every check the API makes: known plugin
 * of the right kind, endpoint valid for its plugin (masked secrets keep the stored ones), timespec
 * and zone readable, and jobs naming things that exist. Front ends check required fields first.
 */
public final class CatalogInput {
    private final Cairn cairn;

    public CatalogInput(Cairn cairn) {
        this.cairn = cairn;
    }

    /**
     * A target to save; {@code current} is the saved one when updating (its team stays: give the
     * result another with {@link Target#ownedBy}), else null (no team).
     */
    public Target target(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint,
                         String agent, Target current) {
        Names.checkName("agent", agent);
        cairn.plugins().target(plugin);
        Map<String, Object> accepted = cairn.plugins().accept(plugin, endpoint,
                current == null ? null : new PluginRegistry.Stored(current.plugin(), current.endpoint()));
        return new Target(uuid, name, summary == null ? "" : summary, plugin, accepted, agent == null ? "" : agent,
                current == null ? null : current.team());
    }

    /** A store to save; {@code current} is the saved one when updating, else null. */
    public Store store(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint, Store current) {
        cairn.plugins().store(plugin);
        Map<String, Object> accepted = cairn.plugins().accept(plugin, endpoint,
                current == null ? null : new PluginRegistry.Stored(current.plugin(), current.endpoint()));
        return new Store(uuid, name, summary == null ? "" : summary, plugin, accepted);
    }

    /** A schedule to save; a null {@code timezone} keeps {@code fallback}. */
    public static Schedule schedule(UUID uuid, String name, String summary, String when, String timezone, ZoneId fallback) {
        return new Schedule(uuid, name, summary, Timespec.parse(when), timezone == null ? fallback : zone(timezone));
    }

    /** The zone {@code text} names, or a 400 that gives examples. */
    public static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new CairnException.InvalidInput("timezone must be a zone such as UTC or Europe/Paris, got " + text);
        }
    }

    /** A job to save; each item it names must exist (a 400 naming the field, not a 404). */
    public Job job(UUID uuid, String name, String summary, UUID target, UUID store, UUID schedule, UUID retention,
                   int priority, boolean paused, List<UUID> copies, boolean verify) {
        List<String> variants = uuid == null ? List.of()
                : cairn.catalog().jobs().find(uuid).map(Job::variants).orElse(List.of());
        return job(uuid, name, summary, target, store, schedule, retention, priority, paused, copies, verify, variants);
    }

    /** As the other, with the sanitised {@code variants} the job makes after each good backup. */
    public Job job(UUID uuid, String name, String summary, UUID target, UUID store, UUID schedule, UUID retention,
                   int priority, boolean paused, List<UUID> copies, boolean verify, List<String> variants) {
        Repositories catalog = cairn.catalog();
        mustExist(catalog.targets().find(target).isPresent(), "target", target);
        mustExist(catalog.stores().find(store).isPresent(), "store", store);
        mustExist(catalog.schedules().find(schedule).isPresent(), "schedule", schedule);
        mustExist(catalog.retention().find(retention).isPresent(), "retention", retention);
        copies.forEach(copy -> mustExist(catalog.stores().find(copy).isPresent(), "copies: store", copy));
        return new Job(uuid, name, summary, target, store, schedule, retention, priority, paused, null, copies, verify,
                variants);
    }

    private static void mustExist(boolean exists, String field, UUID uuid) {
        if (!exists) {
            throw new CairnException.InvalidInput(field + " " + uuid + " does not exist");
        }
    }
}
