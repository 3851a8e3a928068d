package dev.cairn.server.web;

import dev.cairn.core.targets.ConnectionTest;
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
 * @param plugin  the chosen plugin, or empty while none is (a new item's form starts so)
 * @param invalid the form fields the error is about
 * @param connection the outcome of the connection test just asked for, or null
 * @param teams   the teams the item can be given (targets; none for stores)
 * @param team    the chosen team's uuid, or "" for none
 * @param teamName the saved item's team name, shown when the form is read-only
 * @param editable whether the signed-in user may save it; otherwise the form is shown read-only
 */
public record ItemForm(UUID uuid, String name, String summary, String plugin, String agent, List<PluginInfo> plugins,
                       List<EndpointField> fields, String warning, String error, List<String> invalid,
                       ConnectionTest.Result connection, List<TeamChoice> teams, String team, String teamName,
                       boolean editable) {
    public String action(ItemKind kind) {
        return uuid == null ? kind.path() : kind.path() + "/" + uuid;
    }

    /** The help text of the chosen plugin. */
    public String pluginHelp() {
        return plugins.stream().filter(p -> p.name().equals(plugin)).map(PluginInfo::help).findFirst().orElse("");
    }

    /** Where the form posts to test the connection of what it holds: {@code /targets/new/test} or {@code /targets/UUID/test}. */
    public String testAction(ItemKind kind) {
        return kind.path() + "/" + (uuid == null ? "new" : uuid) + "/test";
    }

    public boolean isInvalid(String field) {
        return invalid.contains(field);
    }
}
