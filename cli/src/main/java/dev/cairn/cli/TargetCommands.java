package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands on targets: the data systems Cairn backs up, each reached through a plugin. */
final class TargetCommands {

    private TargetCommands() {
    }

    @Command(name = "target", aliases = "targets", description = "Create a target: a data system to back up.")
    static final class CreateTarget extends ApiCommand {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The target's name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What the target is, for operators.")
        String summary;

        @Option(names = "--plugin", required = true, paramLabel = "PLUGIN",
                description = "The plugin that backs it up (see: cairn list plugins).")
        String plugin;

        @Option(names = "--endpoint", required = true, paramLabel = "JSON", converter = Converters.JsonObjectText.class,
                description = "How the plugin reaches the data, as a JSON object, e.g. '{\"path\":\"/srv/data\"}'.")
        String endpoint;

        @Option(names = "--agent", paramLabel = "AGENT",
                description = "The agent that runs the plugin next to the data (default: the server runs it).")
        String agent;

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            body.put("plugin", plugin).put("endpoint", endpoint);
            Fields.putIfGiven(body, "agent", agent);
            return create(Kind.TARGET, body);
        }
    }

    @Command(name = "targets", aliases = "target", description = "List targets.")
    static final class ListTargets extends ApiCommand {

        @ArgGroup(exclusive = true)
        Filters.Usage usage;

        @Option(names = "--plugin", paramLabel = "PLUGIN", description = "Only targets of this plugin.")
        String plugin;

        @Override
        public Integer call() {
            return list(Kind.TARGET, Kind.TARGET.listPath()
                    .with("plugin", plugin)
                    .with("unused", Filters.Usage.unused(usage)), TargetCommands::table);
        }
    }

    @Command(name = "target", aliases = "targets", description = "Show a target.")
    static final class ShowTarget extends ApiCommand {

        @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
        String target;

        @Override
        public Integer call() {
            return show(Kind.TARGET, target, TargetCommands::details);
        }
    }

    @Command(name = "target", aliases = "targets",
            description = "Change a target; what is not given stays as it is.")
    static final class EditTarget extends ApiCommand {

        @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
        String target;

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A new summary.")
        String summary;

        @Option(names = "--plugin", paramLabel = "PLUGIN", description = "Another plugin.")
        String plugin;

        @Option(names = "--endpoint", paramLabel = "JSON", converter = Converters.JsonObjectText.class,
                description = "A new endpoint, as a JSON object (replaces the whole endpoint).")
        String endpoint;

        @Option(names = "--agent", paramLabel = "AGENT", description = "Another agent.")
        String agent;

        @Override
        public Integer call() {
            requireChanges();
            Resolved item = resolve(Kind.TARGET, target);
            JsonNode current = fetch(Kind.TARGET, item);
            ObjectNode body = body();
            Fields.putOrKeep(body, "name", name, current);
            Fields.putSummary(body, summary, current);
            Fields.putOrKeep(body, "plugin", plugin, current);
            // A masked secret sent back as it came tells the server to keep the stored one.
            Fields.putOrKeep(body, "endpoint", endpoint, current);
            Fields.putOrKeep(body, "agent", agent, current);
            return update(Kind.TARGET, item, body);
        }
    }

    @Command(name = "target", aliases = "targets", description = "Delete a target that no job uses.")
    static final class DeleteTarget extends ApiCommand {

        @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
        String target;

        @Override
        public Integer call() {
            return delete(Kind.TARGET, target);
        }
    }

    @Command(name = "target", aliases = "targets",
            description = "Connect to a target's data system with its endpoint and say what is wrong (a wrong password, "
                    + "no such database, a host or port that does not answer, a missing directory) before the first "
                    + "backup. Changes nothing. Exits 1 when it does not connect.")
    static final class TestTarget extends ApiCommand {

        @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
        String target;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TARGET, target);
            // a target that does not connect is a 422 whose error says why: printed as "error: …", exit 1
            JsonNode reply = api().post(Kind.TARGET.itemPath(item.uuid()) + "/test", body());
            if (terminal().json()) {
                terminal().printJson(reply);
            } else {
                terminal().line("target " + item.describe() + " connects: " + text(reply, "ok"));
            }
            return 0;
        }
    }

    static Table table(List<JsonNode> targets) {
        Table table = Table.withColumns("UUID", "NAME", "PLUGIN", "AGENT", "SUMMARY");
        targets.forEach(target -> table.row(text(target, "uuid"), text(target, "name"), text(target, "plugin"),
                text(target, "agent"), text(target, "summary")));
        return table;
    }

    static Details details(JsonNode target) {
        return new Details()
                .field("UUID", text(target, "uuid"))
                .field("Name", text(target, "name"))
                .field("Summary", text(target, "summary"))
                .field("Plugin", text(target, "plugin"))
                .field("Endpoint", text(target, "endpoint"))
                .field("Agent", text(target, "agent"));
    }
}
