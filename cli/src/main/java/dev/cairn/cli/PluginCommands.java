package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Commands on plugins: what the server can back up and where it can keep archives. */
final class PluginCommands {

    private PluginCommands() {
    }

    @Command(name = "plugins", aliases = "plugin", description = "List the plugins the server knows.")
    static final class ListPlugins extends ApiCommand {

        @Override
        public Integer call() {
            return printList("plugins", api().list(ApiPath.of("/v1/plugins")), PluginCommands::table);
        }
    }

    @Command(name = "plugin", aliases = "plugins", description = "Show a plugin and the endpoint fields it takes.")
    static final class ShowPlugin extends ApiCommand {

        @Parameters(paramLabel = "PLUGIN", description = "The plugin's name, e.g. postgres.")
        String plugin;

        @Override
        public Integer call() {
            JsonNode item = api().get("/v1/plugin/" + URLEncoder.encode(plugin, StandardCharsets.UTF_8));
            if (terminal().json()) {
                terminal().printJson(item);
            } else {
                terminal().print(details(item));
            }
            return 0;
        }
    }

    static Table table(List<JsonNode> plugins) {
        Table table = Table.withColumns("NAME", "VERSION", "TARGET", "STORE", "TITLE");
        plugins.forEach(plugin -> table.row(text(plugin, "name"), text(plugin, "version"),
                Fields.yesNo(plugin.path("features"), "target"), Fields.yesNo(plugin.path("features"), "store"),
                text(plugin, "title")));
        return table;
    }

    static Details details(JsonNode plugin) {
        Table fields = Table.withColumns("FIELD", "TYPE", "REQUIRED", "SECRET", "DEFAULT", "HELP");
        plugin.path("fields").forEach(field -> fields.row(text(field, "name"), text(field, "type"),
                Fields.yesNo(field, "required"), Fields.yesNo(field, "secret"), text(field, "default"),
                text(field, "help")));
        return new Details()
                .field("Name", text(plugin, "name"))
                .field("Title", text(plugin, "title"))
                .field("Author", text(plugin, "author"))
                .field("Version", text(plugin, "version"))
                .field("Target", Fields.yesNo(plugin.path("features"), "target"))
                .field("Store", Fields.yesNo(plugin.path("features"), "store"))
                .section("Endpoint fields", plugin.path("fields").isEmpty() ? null : fields.render())
                .section("Help", text(plugin, "help"));
    }
}
