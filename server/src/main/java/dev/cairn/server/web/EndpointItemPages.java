package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Principal;
import dev.cairn.server.auth.Principals;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.targets.ConnectionTest;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The list, form and delete pages of targets or stores, with endpoint forms made from each plugin's
 * fields (one JSON input for a plugin that declares none). A new item's form starts on the plugin
 * the user picks ({@code ?plugin=} or the select), never on whichever comes first; a target's form
 * can test the connection of what it holds. Each page acts as the signed-in principal: the list shows
 * what they may see, a form they may not save is shown read-only, and every post checks again.
 */
final class EndpointItemPages<T> {
    private final EndpointItems<T> items;
    private final EndpointForm endpoints;
    private final Pages pages;

    EndpointItemPages(EndpointItems<T> items, PluginRegistry plugins, Pages pages) {
        this.items = items;
        this.endpoints = new EndpointForm(plugins);
        this.pages = pages;
    }

    void register(RoutesConfig routes) {
        String path = items.kind().path();
        routes.get(path, this::list);
        routes.get(path + "/new", ctx -> {
            requireCreate(Principals.of(ctx));
            Optional<PluginInfo> chosen = chosen(ctx.queryParam("plugin"));
            form(ctx, 200, null, chosen, chosen.map(plugin -> endpoints.fields(plugin, Map.of(), Map.of(), List.of()))
                    .orElse(List.of()), null, List.of(), null);
        });
        routes.get(path + "/fields", this::fields);
        routes.post(path, ctx -> save(ctx, null));
        routes.get(path + "/{uuid}", ctx -> {
            T item = item(ctx);
            PluginInfo plugin = plugin(items.plugin(item));
            Map<String, Object> saved = savedFor(item, plugin);
            form(ctx, 200, item, Optional.of(plugin), endpoints.fields(plugin, saved, saved, List.of()), null, List.of(), null);
        });
        if (items.kind().connectionTest()) {
            // {uuid} is "new" for the form of a new item: the path mirrors the form's own
            routes.post(path + "/{uuid}/test", this::testConnection);
        }
        routes.post(path + "/{uuid}", ctx -> save(ctx, item(ctx)));
        routes.get(path + "/{uuid}/delete", ctx -> {
            T item = item(ctx);
            items.requireEdit(Principals.of(ctx), item);
            confirmDelete(ctx, item, null);
        });
        routes.post(path + "/{uuid}/delete", this::delete);
    }

    /** Refuses the form of a new item to a user who may not create one anywhere. */
    private void requireCreate(Principal p) {
        if (!items.mayCreate(p)) {
            String permission = items.editPermission().wire();
            throw new CairnException.Forbidden(permission, "permission '" + permission + "' is needed to create a "
                    + items.kind().noun() + "; " + p.name() + " has it nowhere");
        }
    }

    private T item(Context ctx) {
        return items.get(Principals.of(ctx), Pages.uuid(ctx, items.kind().noun()));
    }

    private void list(Context ctx) {
        ItemKind kind = items.kind();
        Principal p = Principals.of(ctx);
        pages.page(ctx, "items.jte", kind.title() + "s", kind.plural(), Pages.params("kind", kind,
                "rows", items.rows(p), "mayCreate", items.mayCreate(p)));
    }

    /** The endpoint inputs of the plugin chosen in the form, swapped in by htmx; none while no plugin is chosen. */
    private void fields(Context ctx) {
        String uuid = ctx.queryParam("uuid");
        T current = uuid == null || uuid.isEmpty() ? null : items.get(Principals.of(ctx), UUID.fromString(uuid));
        Optional<PluginInfo> chosen = chosen(ctx.queryParam("plugin"));
        if (chosen.isEmpty()) {
            pages.fragment(ctx, 200, "fields.jte", Pages.params("fields", List.of(), "help", "", "warning", "", "error", null));
            return;
        }
        PluginInfo plugin = chosen.get();
        Map<String, Object> saved = savedFor(current, plugin);
        pages.fragment(ctx, 200, "fields.jte", Pages.params("fields", endpoints.fields(plugin, saved, saved, List.of()),
                "help", plugin.help(), "warning", endpoints.warning(plugin), "error", null));
    }

    /**
     * Tests the connection of the endpoint the form holds, saving nothing: htmx gets the outcome to
     * swap in beside the button, a plain post the form again with the outcome and what was typed.
     */
    private void testConnection(Context ctx) {
        T current = "new".equals(ctx.pathParam("uuid")) ? null : item(ctx);
        Form form = Form.of(ctx);
        String pluginName = form.text("plugin");
        ConnectionTest.Result result;
        try {
            form.require("plugin");
            PluginInfo plugin = plugin(pluginName);
            result = items.test(Principals.of(ctx), form.text("name"), pluginName,
                    endpoints.read(ctx, plugin, savedFor(current, plugin)), form.text("agent"), current);
        } catch (CairnException | PluginException e) {
            result = new ConnectionTest.Result(false, e.getMessage());
        }
        if (ctx.header("HX-Request") != null) {
            // 200 either way: htmx swaps in only successful replies
            pages.fragment(ctx, 200, "connection.jte", Pages.params("result", result));
            return;
        }
        PluginInfo plugin = plugin(pluginName);
        form(ctx, result.connected() ? 200 : 422, current, Optional.of(plugin),
                endpoints.posted(ctx, plugin, savedFor(current, plugin), List.of()), null, List.of(), result);
    }

    private void save(Context ctx, T current) {
        Form form = Form.of(ctx);
        String pluginName = form.text("plugin");
        PluginInfo plugin = plugin(pluginName);
        Principal p = Principals.of(ctx);
        UUID uuid = current == null ? UUID.randomUUID() : items.row(p, current).uuid();
        Map<String, Object> saved = savedFor(current, plugin);
        try {
            form.require(endpoints.required(plugin));
            // the posted name, not the fallback: an unknown plugin is refused by the same check as in the API
            items.save(p, uuid, form.text("name"), form.text("summary"), pluginName,
                    endpoints.read(ctx, plugin, saved), form.text("agent"), form.text("team"), current);
        } catch (CairnException.Forbidden | CairnException.NotFound e) {
            // not theirs to change: the refusal page, not the form again
            throw e;
        } catch (CairnException | PluginException e) {
            List<String> invalid = endpoints.invalid(plugin, e);
            // a new item posted without a known plugin keeps its form without one
            Optional<PluginInfo> chosen = current == null ? chosen(pluginName) : Optional.of(plugin);
            form(ctx, Statuses.of(e), current, chosen, chosen.isEmpty() ? List.of() : endpoints.posted(ctx, plugin, saved, invalid),
                    e.getMessage(), invalid, null);
            return;
        }
        Pages.done(ctx, items.kind().path(), items.kind().title() + " '" + form.text("name") + "' "
                + (current == null ? "created." : "saved."));
    }

    /**
     * Shows the form: for a new item when {@code current} is null, with {@code fields} as the endpoint
     * inputs of the {@code chosen} plugin. A new item's form without a chosen plugin has no endpoint
     * inputs until the user picks one.
     */
    private void form(Context ctx, int status, T current, Optional<PluginInfo> chosen, List<EndpointField> fields,
                      String error, List<String> invalid, ConnectionTest.Result connection) {
        ItemKind kind = items.kind();
        if (items.plugins().isEmpty()) {
            plugin(""); // says that there are none
        }
        Principal p = Principals.of(ctx);
        ItemRow row = current == null ? null : items.row(p, current);
        boolean posted = error != null || connection != null;
        String team = posted ? Form.of(ctx).text("team") : row == null ? "" : teamOf(current);
        ItemForm form = new ItemForm(row == null ? null : row.uuid(),
                posted ? Form.of(ctx).text("name") : row == null ? "" : row.name(),
                posted ? Form.of(ctx).text("summary") : row == null ? "" : row.summary(), chosen.map(PluginInfo::name).orElse(""),
                posted ? Form.of(ctx).text("agent") : row == null ? "" : row.agent(), items.plugins(),
                fields, chosen.map(endpoints::warning).orElse(""), error, invalid, connection, items.teams(p, current), team,
                row == null ? "" : row.team(), row == null ? items.mayCreate(p) : row.editable());
        pages.page(ctx, status, "item-form.jte", (current == null ? "New " + kind.noun() : kind.title() + " " + row.name()),
                kind.plural(), Pages.params("kind", kind, "form", form));
    }

    /** The team uuid of a saved target as the form's value, "" for none or a store. */
    private static String teamOf(Object item) {
        return item instanceof dev.cairn.core.catalog.Target t && t.team() != null ? t.team().toString() : "";
    }

    /** The stored endpoint when the item keeps {@code plugin}, else nothing (no secret carries over to another plugin). */
    private Map<String, Object> savedFor(T current, PluginInfo plugin) {
        return current != null && items.plugin(current).equals(plugin.name()) ? items.endpoint(current) : Map.of();
    }

    /** The plugin {@code name} when this kind can use it; empty when none is named or it is unknown. */
    private Optional<PluginInfo> chosen(String name) {
        return items.plugins().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The plugin {@code name} when this kind can use it; else the first one, so a form always has fields. */
    private PluginInfo plugin(String name) {
        List<PluginInfo> plugins = items.plugins();
        if (plugins.isEmpty()) {
            throw new CairnException.Conflict("this server has no " + items.kind().noun() + " plugins");
        }
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst().orElse(plugins.getFirst());
    }

    private void confirmDelete(Context ctx, T item, String error) {
        ItemKind kind = items.kind();
        ItemRow row = items.row(Principals.of(ctx), item);
        pages.page(ctx, error == null ? 200 : 409, "confirm.jte", "Delete " + kind.noun() + " " + row.name(), kind.plural(),
                Pages.params("question", "Delete " + kind.noun() + " '" + row.name() + "'?",
                        "consequence", "Its settings are removed from the catalog. Archives already taken are not touched, "
                                + "but a " + kind.noun() + " that a job or a stored archive still needs cannot be deleted.",
                        "action", kind.path() + "/" + row.uuid() + "/delete", "button", "Delete " + kind.noun(),
                        "back", kind.path(), "error", error));
    }

    private void delete(Context ctx) {
        T item = item(ctx);
        Principal p = Principals.of(ctx);
        ItemRow row = items.row(p, item);
        try {
            items.delete(p, item);
        } catch (CairnException.Conflict e) {
            confirmDelete(ctx, item, e.getMessage());
            return;
        }
        Pages.done(ctx, items.kind().path(), items.kind().title() + " '" + row.name() + "' deleted.");
    }
}
