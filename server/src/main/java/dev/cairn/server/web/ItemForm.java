package dev.cairn.server.web;

import dev.cairn.plugin.PluginInfo;
import java.util.List;
import java.util.UUID;

/**
 * The form for a new or saved target or store.
 *
 * @param uuid    the saved item, or null for a new one
 * @param plugins the plugins to choose from
 * @param fields  the inputs of the chosen plugin's endpoint
 * @param warning what to know before giving the chosen plugin an endpoint, or ""
 * @param error   why the last attempt was refused, or null
 * @param invalid the form fields the error is about
 */
public record ItemForm(UUID uuid, String name, String summary, String plugin, String agent, List<PluginInfo> plugins,
                       List<EndpointField> fields, String warning, String error, List<String> invalid) {
    public String action(ItemKind kind) {
        return uuid == null ? kind.path() : kind.path() + "/" + uuid;
    }

    /** The help text of the chosen plugin. */
    public String pluginHelp() {
        return plugins.stream().filter(p -> p.name().equals(plugin)).map(PluginInfo::help).findFirst().orElse("");
    }

    public boolean isInvalid(String field) {
        return invalid.contains(field);
    }
}
