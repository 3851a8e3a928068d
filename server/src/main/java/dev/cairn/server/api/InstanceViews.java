package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.Team;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.instances.Image;
import dev.cairn.core.instances.Instance;
import dev.cairn.server.service.InstanceActions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of images and instances in API v1. */
final class InstanceViews {
    private final Cairn cairn;
    private final InstanceActions actions;

    InstanceViews(Cairn cairn, InstanceActions actions) {
        this.cairn = cairn;
        this.actions = actions;
    }

    Map<String, Object> image(Image i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", i.id());
        v.put("uuid", i.uuid().toString());
        v.put("name", i.name());
        v.put("state", i.state().wire());
        v.put("ready", i.ready());
        v.put("error", i.error());
        v.put("plugin", i.plugin());
        v.put("archive_uuid", i.archive().toString());
        v.put("target_uuid", i.target().toString());
        v.put("target_name", cairn.catalog().targets().find(i.target()).map(Target::name).orElse(""));
        v.put("task_uuid", i.task().toString());
        v.put("owner", i.ownerName());
        v.put("server", i.server());
        v.put("clone_backend", i.cloneBackend());
        v.put("size", i.sizeBytes());
        v.put("databases", i.databases());
        v.put("anonymised", !i.script().isBlank());
        v.put("sanitised", i.sanitised());
        v.put("rules_version", i.rulesVersion());
        v.put("instances", cairn.instances().instances().ofImage(i.id()).size());
        v.put("backed_up_at", Times.format(i.backedUpAt()));
        v.put("created_at", Times.format(i.createdAt()));
        v.put("updated_at", Times.format(i.updatedAt()));
        team(v, i.team());
        return v;
    }

    /** An instance as {@code p} may see it: its password only when {@code p} made it. */
    Map<String, Object> instance(Instance i, Principal p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", i.id());
        v.put("uuid", i.uuid().toString());
        v.put("image_id", i.image());
        v.put("plugin", cairn.instances().images().find(i.image()).map(Image::plugin).orElse(""));
        v.put("state", i.state().wire());
        v.put("reason", i.reason());
        v.put("host", i.host());
        v.put("port", i.port());
        v.put("user", i.user());
        v.put("database", i.database());
        if (InstanceActions.owner(p, i)) {
            v.put("password", i.password());
        }
        v.put("owner", i.ownerName());
        v.put("server", i.server());
        v.put("clone_backend", i.cloneBackend());
        v.put("copy_on_write", i.copyOnWrite());
        v.put("slow_full_copy", i.state().live() && !i.cloneBackend().isEmpty() && !i.copyOnWrite());
        v.put("own_bytes", actions.ownBytes(i));
        v.put("expires_at", Times.format(i.expiresAt()));
        v.put("expires_in", i.state() == Instance.State.DESTROYED ? 0
                : Math.max(0, Duration.between(cairn.clock().instant(), i.expiresAt()).toSeconds()));
        v.put("created_at", Times.format(i.createdAt()));
        v.put("updated_at", Times.format(i.updatedAt()));
        team(v, i.team());
        return v;
    }

    private void team(Map<String, Object> v, UUID team) {
        v.put("team", team == null ? "" : team.toString());
        v.put("team_name", team == null ? "" : cairn.access().teams().find(team).map(Team::name).orElse(""));
    }
}
