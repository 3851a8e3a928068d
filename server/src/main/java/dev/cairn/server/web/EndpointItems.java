package dev.cairn.server.web;

import dev.cairn.core.targets.ConnectionTest;
import dev.cairn.plugin.PluginInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Targets or stores, as the pages of {@link EndpointItemPages} read and change them. */
interface EndpointItems<T> {
    ItemKind kind();

    /** The plugins an item of this kind can use. */
    List<PluginInfo> plugins();

    /** Every item, as the list page shows it. */
    List<ItemRow> rows();

    T get(UUID uuid);

    ItemRow row(T item);

    String plugin(T item);

    Map<String, Object> endpoint(T item);

    /** Checks and saves an item (new when {@code current} is null) with the API's rules. */
    void save(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint, String agent, T current);

    void delete(UUID uuid);

    /**
     * Connects with an endpoint as the form holds it ({@code current}: the item being edited, whose
     * saved secrets fill the ones left empty), for kinds whose {@link ItemKind#connectionTest()} is set.
     */
    default ConnectionTest.Result test(dev.cairn.core.access.Principal principal, String name, String plugin, Map<String, Object> endpoint, String agent, T current) {
        throw new UnsupportedOperationException(kind().plural() + " have no connection test");
    }
}
