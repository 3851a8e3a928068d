package dev.cairn.server.web;

import dev.cairn.core.access.Principal;
import dev.cairn.core.targets.ConnectionTest;
import dev.cairn.plugin.PluginInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Targets or stores, as the pages of {@link EndpointItemPages} read and change them on behalf of
 * the signed-in principal: each call checks what that principal may see or change.
 */
interface EndpointItems<T> {
    ItemKind kind();

    /** The plugins an item of this kind can use. */
    List<PluginInfo> plugins();

    /** Every item {@code p} may see, as the list page shows it. */
    List<ItemRow> rows(Principal p);

    /** Item {@code uuid} when {@code p} may see it; a 404 otherwise, as for an unknown uuid. */
    T get(Principal p, UUID uuid);

    ItemRow row(Principal p, T item);

    String plugin(T item);

    Map<String, Object> endpoint(T item);

    /** The permission that creating, changing and deleting items of this kind needs. */
    dev.cairn.core.access.Permission editPermission();

    /** Whether {@code p} may create items of this kind (somewhere). */
    boolean mayCreate(Principal p);

    /** Refuses (403 naming the permission) when {@code p} may not change or delete {@code item}. */
    void requireEdit(Principal p, T item);

    /** The teams a new or moved item can be given, for a kind owned by teams; none for shared kinds. */
    default List<TeamChoice> teams(Principal p, T current) {
        return List.of();
    }

    /**
     * Checks and saves an item (new when {@code current} is null) with the API's rules, after checking
     * that {@code p} may, and writes the audit row; {@code team} is the team field of the form ("" for none).
     */
    void save(Principal p, UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint,
              String agent, String team, T current);

    /** Deletes {@code item} after checking that {@code p} may, and writes the audit row. */
    void delete(Principal p, T item);

    /**
     * Connects with an endpoint as the form holds it ({@code current}: the item being edited, whose
     * saved secrets fill the ones left empty), for kinds whose {@link ItemKind#connectionTest()} is set.
     */
    default ConnectionTest.Result test(Principal principal, String name, String plugin, Map<String, Object> endpoint,
                                       String agent, T current) {
        throw new UnsupportedOperationException(kind().plural() + " have no connection test");
    }
}
