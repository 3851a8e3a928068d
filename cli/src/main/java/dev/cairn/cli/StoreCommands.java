package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands on stores: the places archives are kept, each reached through a plugin. */
final class StoreCommands {

    private StoreCommands() {
    }

    @Command(name = "store", aliases = "stores", description = "Create a store: a place to keep archives.")
    static final class CreateStore extends ApiCommand {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The store's name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What the store is, for operators.")
        String summary;

        @Option(names = "--plugin", required = true, paramLabel = "PLUGIN",
                description = "The plugin that keeps the archives (see: cairn list plugins).")
        String plugin;

        @Option(names = "--endpoint", required = true, paramLabel = "JSON", converter = Converters.JsonObjectText.class,
                description = "How the plugin reaches the store, as a JSON object, e.g. '{\"path\":\"/srv/backups\"}'.")
        String endpoint;

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            body.put("plugin", plugin).put("endpoint", endpoint);
            return create(Kind.STORE, body);
        }
    }

    @Command(name = "stores", aliases = "store", description = "List stores.")
    static final class ListStores extends ApiCommand {

        @ArgGroup(exclusive = true)
        Filters.Usage usage;

        @Option(names = "--plugin", paramLabel = "PLUGIN", description = "Only stores of this plugin.")
        String plugin;

        @Override
        public Integer call() {
            return list(Kind.STORE, Kind.STORE.listPath()
                    .with("plugin", plugin)
                    .with("unused", Filters.Usage.unused(usage)), StoreCommands::table);
        }
    }

    @Command(name = "store", aliases = "stores", description = "Show a store.")
    static final class ShowStore extends ApiCommand {

        @Parameters(paramLabel = "STORE", description = "The store's name or uuid.")
        String store;

        @Override
        public Integer call() {
            return show(Kind.STORE, store, StoreCommands::details);
        }
    }

    @Command(name = "store", aliases = "stores",
            description = "Change a store; what is not given stays as it is.")
    static final class EditStore extends ApiCommand {

        @Parameters(paramLabel = "STORE", description = "The store's name or uuid.")
        String store;

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A new summary.")
        String summary;

        @Option(names = "--plugin", paramLabel = "PLUGIN", description = "Another plugin.")
        String plugin;

        @Option(names = "--endpoint", paramLabel = "JSON", converter = Converters.JsonObjectText.class,
                description = "A new endpoint, as a JSON object (replaces the whole endpoint).")
        String endpoint;

        @Override
        public Integer call() {
            requireChanges();
            Resolved item = resolve(Kind.STORE, store);
            JsonNode current = fetch(Kind.STORE, item);
            ObjectNode body = body();
            Fields.putOrKeep(body, "name", name, current);
            Fields.putSummary(body, summary, current);
            Fields.putOrKeep(body, "plugin", plugin, current);
            // A masked secret sent back as it came tells the server to keep the stored one.
            Fields.putOrKeep(body, "endpoint", endpoint, current);
            return update(Kind.STORE, item, body);
        }
    }

    @Command(name = "store", aliases = "stores", description = "Delete a store that no job uses.")
    static final class DeleteStore extends ApiCommand {

        @Parameters(paramLabel = "STORE", description = "The store's name or uuid.")
        String store;

        @Override
        public Integer call() {
            return delete(Kind.STORE, store);
        }
    }

    static Table table(List<JsonNode> stores) {
        Table table = Table.withColumns("UUID", "NAME", "PLUGIN", "HEALTH", "ARCHIVES", "USED", "SUMMARY");
        stores.forEach(store -> table.row(text(store, "uuid"), text(store, "name"), text(store, "plugin"),
                health(store), text(store, "archives"), Fields.size(store, "bytes_used"), text(store, "summary")));
        return table;
    }

    static Details details(JsonNode store) {
        return new Details()
                .field("UUID", text(store, "uuid"))
                .field("Name", text(store, "name"))
                .field("Summary", text(store, "summary"))
                .field("Plugin", text(store, "plugin"))
                .field("Endpoint", text(store, "endpoint"))
                .field("Health", health(store))
                .field("Last self-test", time(store, "health_checked_at"))
                .field("Self-test error", text(store, "health_error"))
                .field("Archives", text(store, "archives"))
                .field("Bytes used", Fields.size(store, "bytes_used"))
                .field("Orphans", text(store, "orphans"));
    }

    /** "healthy", "FAILING" or "untested", from the last self-test. */
    static String health(JsonNode store) {
        JsonNode healthy = store.path("healthy");
        return !healthy.isBoolean() ? "untested" : healthy.asBoolean() ? "healthy" : "FAILING";
    }

    @Command(name = "store", aliases = "stores",
            description = "Self-test a store now: write random bytes, read them back, compare, purge. "
                    + "Exits 1 when the store fails.")
    static final class TestStore extends ApiCommand {

        @Parameters(paramLabel = "STORE", description = "The store's name or uuid.")
        String store;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.STORE, store);
            JsonNode reply = api().post(Kind.STORE.itemPath(item.uuid()) + "/test", body());
            boolean healthy = reply.path("healthy").asBoolean(false);
            if (terminal().json()) {
                terminal().printJson(reply);
            } else if (healthy) {
                terminal().line("store " + item.describe() + " is healthy");
            } else {
                terminal().error("store " + item.describe() + " failed its self-test: " + text(reply, "error"));
            }
            return healthy ? 0 : 1;
        }
    }

    @Command(name = "recover",
            description = "Rebuild the catalog's archive records from the manifests kept in a store, after the "
                    + "catalog was lost: create the store again (same plugin and endpoint), then run this.")
    static final class Recover extends ApiCommand {

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store to read manifests from.")
        String store;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.STORE, store);
            JsonNode reply = api().post(Kind.STORE.itemPath(item.uuid()) + "/recover", body());
            if (terminal().json()) {
                terminal().printJson(reply);
                return 0;
            }
            Terminal out = terminal();
            out.line("recovered " + reply.path("recovered").size() + " archive(s) from store " + item.describe()
                    + "; " + reply.path("already_known").asInt() + " already in the catalog");
            reply.path("created_targets").forEach(t -> out.line("created target " + t.asString()
                    + " with an empty endpoint: set it with 'cairn edit target', or restore with --to"));
            reply.path("missing_objects").forEach(o -> out.line("manifest without its object: " + o.asString()));
            reply.path("unreadable").forEach(u -> out.line("unreadable manifest: " + u.asString()));
            return 0;
        }
    }
}
