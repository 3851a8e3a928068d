package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.access.Team;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.server.service.EndpointJson;
import dev.cairn.server.service.NextRuns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The API's JSON shapes, field for field as seed 004 writes them, plus the extra fields a client
 * needs (names beside uuids, sizes, next runs, the owning team of targets, jobs, archives and tasks). Endpoints are JSON-encoded strings with secrets masked.
 */
final class Views {
    private final Cairn cairn;
    private final NextRuns nextRuns;

    Views(Cairn cairn) {
        this.cairn = cairn;
        this.nextRuns = new NextRuns(cairn);
    }

    private String endpoint(String plugin, Map<String, Object> endpoint) {
        return EndpointJson.masked(cairn.plugins(), plugin, endpoint);
    }

    Map<String, Object> target(Target t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", t.uuid().toString());
        v.put("name", t.name());
        v.put("summary", t.summary());
        v.put("plugin", t.plugin());
        v.put("endpoint", endpoint(t.plugin(), t.endpoint()));
        v.put("agent", t.agent());
        team(v, t.team());
        return v;
    }

    /** The {@code team} (uuid, "" for none) and {@code team_name} of an item. */
    private void team(Map<String, Object> v, UUID team) {
        v.put("team", team == null ? "" : team.toString());
        v.put("team_name", team == null ? "" : cairn.access().teams().find(team).map(Team::name).orElse(""));
    }

    Map<String, Object> store(Store s) {
        return store(s, cairn.catalog().stores().health(s.uuid()));
    }

    /**
     * A store with its health: the last self-test ({@code healthy} null until one ran), what it holds,
     * and how many objects failed backups left in it wait for a purge.
     */
    Map<String, Object> store(Store s, StoreHealth health) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", s.uuid().toString());
        v.put("name", s.name());
        v.put("summary", s.summary());
        v.put("plugin", s.plugin());
        v.put("endpoint", endpoint(s.plugin(), s.endpoint()));
        v.put("healthy", health.healthy());
        v.put("health_error", health.error());
        v.put("health_checked_at", Times.format(health.checkedAt()));
        v.put("archives", health.archives());
        v.put("bytes_used", health.bytesUsed());
        v.put("orphans", health.orphans());
        return v;
    }

    Map<String, Object> schedule(Schedule s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", s.uuid().toString());
        v.put("name", s.name());
        v.put("summary", s.summary());
        v.put("when", s.when().text());
        v.put("timezone", s.timezone().getId());
        v.put("canonical", s.when().canonical());
        v.put("next_runs", s.when().nextRuns(cairn.clock().instant().atZone(s.timezone()), 5).stream()
                .map(Times::formatLocal).toList());
        return v;
    }

    Map<String, Object> retention(RetentionPolicy p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", p.uuid().toString());
        v.put("name", p.name());
        v.put("summary", p.summary());
        v.put("expires", p.expires());
        v.put("keep_daily", p.keep().daily());
        v.put("keep_weekly", p.keep().weekly());
        v.put("keep_monthly", p.keep().monthly());
        v.put("keep_yearly", p.keep().yearly());
        return v;
    }

    Map<String, Object> job(Job j) {
        var catalog = cairn.catalog();
        Optional<RetentionPolicy> retention = catalog.retention().find(j.retention());
        Optional<Schedule> schedule = catalog.schedules().find(j.schedule());
        Optional<Store> store = catalog.stores().find(j.store());
        Optional<Target> target = catalog.targets().find(j.target());
        Optional<Task> last = catalog.tasks().lastOfJob(j.uuid());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", j.uuid().toString());
        v.put("name", j.name());
        v.put("summary", j.summary());
        v.put("retention_name", retention.map(RetentionPolicy::name).orElse(null));
        v.put("retention_uuid", j.retention().toString());
        v.put("expiry", retention.map(RetentionPolicy::expires).orElse(null));
        v.put("schedule_name", schedule.map(Schedule::name).orElse(null));
        v.put("schedule_uuid", j.schedule().toString());
        v.put("schedule", schedule.map(s -> s.when().text()).orElse(null));
        v.put("schedule_when", schedule.map(s -> s.when().text()).orElse(null));
        v.put("paused", j.paused());
        v.put("store_uuid", j.store().toString());
        v.put("store_name", store.map(Store::name).orElse(null));
        v.put("store_plugin", store.map(Store::plugin).orElse(null));
        v.put("store_endpoint", store.map(s -> endpoint(s.plugin(), s.endpoint())).orElse(null));
        v.put("target_uuid", j.target().toString());
        v.put("target_name", target.map(Target::name).orElse(null));
        v.put("target_plugin", target.map(Target::plugin).orElse(null));
        v.put("target_endpoint", target.map(t -> endpoint(t.plugin(), t.endpoint())).orElse(null));
        v.put("agent", target.map(Target::agent).orElse(""));
        v.put("priority", j.priority());
        v.put("copies", j.copies().stream().map(UUID::toString).toList());
        v.put("copy_names", j.copies().stream().map(c -> catalog.stores().find(c).map(Store::name).orElse(null)).toList());
        v.put("verify", j.verify());
        v.put("variants", j.variants());
        v.put("next_run", Times.format(nextRuns.of(j)));
        v.put("last_run", last.map(t -> Times.format(t.startedAt() != null ? t.startedAt() : t.requestedAt())).orElse(""));
        v.put("last_status", last.map(t -> t.status().wire()).orElse(null));
        team(v, target.map(Target::team).orElse(null));
        return v;
    }

    Map<String, Object> archive(Archive a) {
        var catalog = cairn.catalog();
        Optional<Store> store = catalog.stores().find(a.store());
        Optional<Target> target = catalog.targets().find(a.target());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", a.uuid().toString());
        v.put("store_key", a.storeKey());
        v.put("key", a.storeKey());
        v.put("taken_at", Times.format(a.takenAt()));
        v.put("expires_at", Times.format(a.expiresAt()));
        v.put("notes", a.notes());
        v.put("status", a.status().wire());
        if (a.status() == Archive.Status.DAMAGED) {
            v.put("damage", catalog.archives().damage(a.uuid()).orElse(null));
        }
        v.put("store_uuid", a.store().toString());
        v.put("store_name", store.map(Store::name).orElse(null));
        v.put("store_plugin", store.map(Store::plugin).orElse(null));
        v.put("store_endpoint", store.map(s -> endpoint(s.plugin(), s.endpoint())).orElse(null));
        v.put("target_uuid", a.target().toString());
        v.put("target_name", target.map(Target::name).orElse(null));
        v.put("target_plugin", a.plugin());
        v.put("target_endpoint", target.map(t -> endpoint(t.plugin(), t.endpoint())).orElse(null));
        v.put("job_uuid", a.job() == null ? null : a.job().toString());
        v.put("job_name", jobName(a.job()));
        v.put("size", a.rawSize());
        v.put("stored_size", a.storedSize());
        v.put("sha256", a.sha256());
        v.put("compression", a.compression());
        v.put("encryption", a.encryption());
        v.put("variant", a.variant());
        v.put("source_archive", a.sourceArchive() == null ? "" : a.sourceArchive().toString());
        v.put("rules_version", a.rulesVersion());
        team(v, a.team());
        return v;
    }

    /** A task, its log from character {@code logOffset} on, and where the next read should start. */
    Map<String, Object> task(Task t, int logOffset) {
        String log = t.log() == null ? "" : t.log();
        int from = Math.max(0, Math.min(logOffset, log.length()));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", t.uuid().toString());
        v.put("owner", t.owner());
        v.put("owner_note", t.ownerNote());
        v.put("type", t.op().wire());
        v.put("job_uuid", t.job() == null ? null : t.job().toString());
        v.put("archive_uuid", t.archive() == null ? null : t.archive().toString());
        v.put("target_uuid", t.target() == null ? null : t.target().toString());
        v.put("job_name", jobName(t.job()));
        v.put("target_name", t.target() == null ? null
                : cairn.catalog().targets().find(t.target()).map(Target::name).orElse(null));
        v.put("status", t.status().wire());
        v.put("reason", t.failureReason());
        v.put("requested_at", Times.format(t.requestedAt()));
        v.put("started_at", Times.format(t.startedAt()));
        v.put("stopped_at", Times.format(t.stoppedAt()));
        // when a running task is stopped for taking too long, as SHIELD's tasks tell it; "" when not running
        v.put("timeout_at", t.startedAt() == null || t.stoppedAt() != null ? ""
                : Times.format(t.startedAt().plus(cairn.settings().runner().timeout())));
        v.put("log", log.substring(from));
        v.put("next_log_offset", log.length());
        team(v, t.team());
        return v;
    }

    private String jobName(UUID job) {
        return job == null ? null : cairn.catalog().jobs().find(job).map(Job::name).orElse(null);
    }

    Map<String, Object> plugin(PluginInfo p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", p.name());
        v.put("title", p.title());
        v.put("author", p.author());
        v.put("version", p.version());
        v.put("features", Map.of("target", p.target() ? "yes" : "no", "store", p.store() ? "yes" : "no"));
        v.put("fields", p.fields().stream().map(Views::field).toList());
        // a seed-protocol program (no fields) gets its endpoint as --endpoint JSON: any local user can read it
        v.put("endpoint_on_command_line", cairn.plugins().endpointOnCommandLine(p.name()));
        v.put("help", p.help());
        return v;
    }

    private static Map<String, Object> field(ConfigField f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", f.name());
        v.put("type", f.type().name().toLowerCase());
        v.put("required", f.required());
        v.put("default", f.defaultValue());
        v.put("help", f.help());
        v.put("secret", f.secret());
        if (f.type() == ConfigField.Type.INTEGER && f.minimum() != Long.MIN_VALUE) {
            v.put("minimum", f.minimum());
        }
        if (f.type() == ConfigField.Type.INTEGER && f.maximum() != Long.MAX_VALUE) {
            v.put("maximum", f.maximum());
        }
        return v;
    }

    static Map<String, Object> ok(String what) {
        return Map.of("ok", what);
    }

    static Map<String, Object> created(UUID uuid) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ok", "created");
        v.put("uuid", uuid.toString());
        return v;
    }

    static Map<String, Object> scheduled(Task task) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ok", "scheduled");
        v.put("task_uuid", task.uuid().toString());
        return v;
    }

    static <T> List<Map<String, Object>> all(List<T> items, Function<T, Map<String, Object>> view) {
        return items.stream().map(view).toList();
    }
}
