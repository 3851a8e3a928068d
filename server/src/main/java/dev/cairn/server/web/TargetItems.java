package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Usage;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.core.targets.ConnectionTest;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.UserActions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Targets for the endpoint item pages. */
final class TargetItems implements EndpointItems<Target> {
    private static final ItemKind KIND = new ItemKind("target", "targets", "/targets",
            "A target is a data system to back up: a database, a directory, a queue.", true, false, true);
    private final Cairn cairn;
    private final CatalogInput input;
    private final UserActions actions;

    TargetItems(Cairn cairn) {
        this.cairn = cairn;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
    }

    @Override
    public ItemKind kind() {
        return KIND;
    }

    @Override
    public List<PluginInfo> plugins() {
        return cairn.plugins().all().stream().filter(PluginInfo::target).toList();
    }

    @Override
    public List<ItemRow> rows() {
        return cairn.catalog().targets().list(null, Usage.ANY).stream().map(this::row).toList();
    }

    @Override
    public Target get(UUID uuid) {
        return cairn.catalog().targets().get(uuid);
    }

    @Override
    public ItemRow row(Target t) {
        return new ItemRow(t.uuid(), t.name(), t.summary(), t.plugin(), Endpoints.shown(cairn, t.plugin(), t.endpoint()), t.agent(), null);
    }

    @Override
    public String plugin(Target t) {
        return t.plugin();
    }

    @Override
    public Map<String, Object> endpoint(Target t) {
        return t.endpoint();
    }

    @Override
    public void save(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint, String agent,
                     Target current) {
        Target target = input.target(uuid, name, summary, plugin, endpoint, agent, current);
        if (current == null) {
            cairn.catalog().targets().insert(target);
        } else {
            cairn.catalog().targets().update(target);
        }
    }

    @Override
    public ConnectionTest.Result test(dev.cairn.core.access.Principal principal, String name, String plugin, Map<String, Object> endpoint, String agent, Target current) {
        return actions.testEndpoint(principal, name, plugin, endpoint, agent, current == null ? null : current.uuid());
    }

    @Override
    public void delete(UUID uuid) {
        cairn.catalog().targets().delete(uuid);
    }
}
