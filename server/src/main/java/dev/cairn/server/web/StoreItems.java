package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Usage;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.server.service.CatalogInput;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stores for the endpoint item pages. */
final class StoreItems implements EndpointItems<Store> {
    private static final ItemKind KIND = new ItemKind("store", "stores", "/stores",
            "A store is where archives are kept: a local directory, an S3 bucket, an SFTP server.", false, true, false);
    private final Cairn cairn;
    private final CatalogInput input;

    StoreItems(Cairn cairn) {
        this.cairn = cairn;
        this.input = new CatalogInput(cairn);
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
    public List<ItemRow> rows() {
        var health = cairn.catalog().stores().health();
        return cairn.catalog().stores().list(null, Usage.ANY).stream()
                .map(s -> row(s, health.getOrDefault(s.uuid(), StoreHealth.UNKNOWN))).toList();
    }

    @Override
    public Store get(UUID uuid) {
        return cairn.catalog().stores().get(uuid);
    }

    @Override
    public ItemRow row(Store s) {
        return row(s, cairn.catalog().stores().health(s.uuid()));
    }

    private ItemRow row(Store s, StoreHealth health) {
        return new ItemRow(s.uuid(), s.name(), s.summary(), s.plugin(), Endpoints.shown(cairn, s.plugin(), s.endpoint()), "",
                health);
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
    public void save(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint, String agent,
                     Store current) {
        Store store = input.store(uuid, name, summary, plugin, endpoint, current);
        if (current == null) {
            cairn.catalog().stores().insert(store);
        } else {
            cairn.catalog().stores().update(store);
        }
    }

    @Override
    public void delete(UUID uuid) {
        cairn.catalog().stores().delete(uuid);
    }
}
