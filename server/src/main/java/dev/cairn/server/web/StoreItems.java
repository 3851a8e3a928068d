package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Usage;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.server.service.CatalogInput;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stores for the endpoint item pages: every signed-in user sees them, only admins (manage-shared) change them. */
final class StoreItems implements EndpointItems<Store> {
    private static final ItemKind KIND = new ItemKind("store", "stores", "/stores",
            "A store is where archives are kept: a local directory, an S3 bucket, an SFTP server.", false, true, false);
    private final Cairn cairn;
    private final CatalogInput input;
    private final WebAudit audit;

    StoreItems(Cairn cairn) {
        this.cairn = cairn;
        this.input = new CatalogInput(cairn);
        this.audit = new WebAudit(cairn.access());
    }

    @Override
    public ItemKind kind() {
        return KIND;
    }

    @Override
    public List<PluginInfo> plugins() {
        return cairn.plugins().all().stream().filter(PluginInfo::store).toList();
    }

    @Override
    public List<ItemRow> rows(Principal p) {
        var health = cairn.catalog().stores().health();
        return cairn.catalog().stores().list(null, Usage.ANY).stream()
                .map(s -> row(p, s, health.getOrDefault(s.uuid(), StoreHealth.UNKNOWN))).toList();
    }

    @Override
    public Store get(Principal p, UUID uuid) {
        return cairn.catalog().stores().get(uuid);
    }

    @Override
    public ItemRow row(Principal p, Store s) {
        return row(p, s, cairn.catalog().stores().health(s.uuid()));
    }

    private ItemRow row(Principal p, Store s, StoreHealth health) {
        return new ItemRow(s.uuid(), s.name(), s.summary(), s.plugin(), Endpoints.shown(cairn, s.plugin(), s.endpoint()), "",
                health, "", p.admin(), "", false, false);
    }

    @Override
    public Permission editPermission() {
        return Permission.MANAGE_SHARED;
    }

    @Override
    public boolean mayCreate(Principal p) {
        return p.admin();
    }

    @Override
    public void requireEdit(Principal p, Store item) {
        p.require(Permission.MANAGE_SHARED);
    }

    @Override
    public String plugin(Store s) {
        return s.plugin();
    }

    @Override
    public Map<String, Object> endpoint(Store s) {
        return s.endpoint();
    }

    @Override
    public void save(Principal p, UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint,
                     String agent, String team, Store current) {
        audit.run(p, current == null ? "store.create" : "store.update", () -> {
            p.require(Permission.MANAGE_SHARED);
            return new AuditObject("store", uuid, name, null);
        }, () -> {
            Store store = input.store(uuid, name, summary, plugin, endpoint, current);
            if (current == null) {
                cairn.catalog().stores().insert(store);
            } else {
                cairn.catalog().stores().update(store);
            }
        });
    }

    @Override
    public void delete(Principal p, Store s) {
        audit.run(p, "store.delete", () -> {
            p.require(Permission.MANAGE_SHARED);
            return new AuditObject("store", s.uuid(), s.name(), null);
        }, () -> cairn.catalog().stores().delete(s.uuid()));
    }
}
