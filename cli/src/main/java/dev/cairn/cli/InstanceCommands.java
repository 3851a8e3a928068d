package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Images (an archive loaded into a sealed data system, optionally anonymised) and the throw-away
 * instances cloned from them, each a database of its own on its own port; {@code cairn env} prints
 * the variables its client reads, for {@code eval $(cairn env 4)}.
 */
final class InstanceCommands {
    private static final String IMAGES = "/v1/images";
    private static final String INSTANCES = "/v1/instances";

    private InstanceCommands() {
    }

    /** The source of an image: {@code {"target": uuid}} for a target's latest good archive, else {@code {"archive": uuid}}. */
    static ObjectNode source(ApiCommand command, String reference) {
        ObjectNode body = ApiCommand.body();
        if (!NameResolver.isUuid(reference) && !reference.equals(NameResolver.LATEST)) {
            try {
                return body.put("target", command.resolve(Kind.TARGET, reference).uuid());
            } catch (CliException notATarget) {
                // an archive's uuid prefix, then
            }
        }
        if (NameResolver.isUuid(reference)) {
            try {
                command.api().get(Kind.TARGET.itemPath(reference));
                return body.put("target", reference);
            } catch (CliException notATarget) {
                return body.put("archive", reference);
            }
        }
        return body.put("archive", command.resolve(Kind.ARCHIVE, reference).uuid());
    }

    @Command(name = "image", aliases = "images",
            description = "Make an image of an archive, or of a target's latest good archive: loaded into a data system "
                    + "of its own, anonymised by a SQL script, compacted and sealed, ready to clone into instances.")
    static final class CreateImage extends ApiCommand {

        @Option(names = "--from", required = true, paramLabel = "TARGET|ARCHIVE",
                description = "A target (its latest good archive), or an archive's uuid, a unique prefix of it, or 'latest'.")
        String from;

        @Option(names = "--script", paramLabel = "FILE", description = "SQL run on the loaded data before it is sealed.")
        Path script;

        @Option(names = "--rules", description = "Apply the target's sanitising rules to the loaded data (before the script).")
        boolean rules;

        @Option(names = "--name", paramLabel = "NAME", description = "What to call the image.")
        String name;

        @Option(names = "--wait", description = "Follow the image task, printing its log; exit 0 only if it succeeds.")
        boolean waitForTask;

        @Override
        public Integer call() {
            ObjectNode body = source(this, from);
            Fields.putIfGiven(body, "name", name);
            if (rules) {
                body.put("rules", true);
            }
            if (script != null) {
                try {
                    body.put("script", Files.readString(script));
                } catch (IOException e) {
                    throw new CliException("cannot read the script " + script + ": " + e.getMessage());
                }
            }
            JsonNode reply = api().post(IMAGES, body);
            return scheduled(reply, "image " + text(reply.path("image"), "id") + " ('" + text(reply.path("image"), "name")
                    + "')", waitForTask);
        }
    }

    @Command(name = "images", aliases = "image", description = "List images, newest first.")
    static final class ListImages extends ApiCommand {
        @Override
        public Integer call() {
            return printList("images", api().list(ApiPath.of(IMAGES)), InstanceCommands::images);
        }
    }

    @Command(name = "image", aliases = "images", description = "Show an image.")
    static final class ShowImage extends ApiCommand {
        @Parameters(paramLabel = "IMAGE", description = "The image's number.")
        long image;

        @Override
        public Integer call() {
            JsonNode item = api().get("/v1/image/" + image);
            if (terminal().json()) {
                terminal().printJson(item);
            } else {
                terminal().print(new Details().field("Image", text(item, "id") + " " + text(item, "name"))
                        .field("State", text(item, "state") + (text(item, "error").isEmpty() ? "" : ": " + text(item, "error")))
                        .field("Plugin", text(item, "plugin"))
                        .field("Archive", text(item, "archive_uuid"))
                        .field("Target", text(item, "target_name"))
                        .field("Task", text(item, "task_uuid"))
                        .field("Size", Fields.size(item, "size"))
                        .field("Clone backend", text(item, "clone_backend"))
                        .field("Databases", String.join(", ", strings(item.path("databases"))))
                        .field("Instances", text(item, "instances"))
                        .field("Team", text(item, "team_name")));
            }
            return 0;
        }
    }

    @Command(name = "image", aliases = "images", description = "Delete an image.")
    static final class DeleteImage extends ApiCommand {
        @Parameters(paramLabel = "IMAGE", description = "The image's number.")
        long image;

        @Option(names = "--force", description = "Destroy its instances too.")
        boolean force;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            confirm(yes, "Delete image " + image + (force ? " and destroy its instances" : "") + "?");
            return report(api().delete("/v1/image/" + image + (force ? "?force=true" : "")), "deleted image " + image);
        }
    }

    @Command(name = "instance", aliases = "instances",
            description = "Make a throw-away instance of an image, or of a target's or archive's data (its image is made first).")
    static final class CreateInstance extends ApiCommand {

        @Parameters(paramLabel = "IMAGE|TARGET|ARCHIVE",
                description = "An image's number, a target (its latest good archive), or an archive.")
        String from;

        @Option(names = "--ttl", paramLabel = "DURATION", description = "How long it lives (8h, 2d; default: the server's, 24h).")
        String ttl;

        @Option(names = "--script", paramLabel = "FILE", description = "For a target or archive: SQL run on its image.")
        Path script;

        @Option(names = "--rules", description = "For a target or archive: its image gets the target's sanitising rules.")
        boolean rules;

        @Option(names = "--wait", description = "Wait until it runs (its image built first); exit 0 only if it does.")
        boolean waitForIt;

        @Override
        public Integer call() {
            ObjectNode body = from.matches("\\d{1,18}") ? ApiCommand.body().put("image", Long.parseLong(from)) : source(this, from);
            if (rules) {
                body.put("rules", true);
            }
            if (ttl != null) {
                try {
                    body.put("ttl", DurationText.parseSeconds(ttl));
                } catch (IllegalArgumentException e) {
                    throw usageError("--ttl: " + e.getMessage());
                }
            }
            if (script != null) {
                try {
                    body.put("script", Files.readString(script));
                } catch (IOException e) {
                    throw new CliException("cannot read the script " + script + ": " + e.getMessage());
                }
            }
            JsonNode reply = api().post(INSTANCES, body);
            JsonNode instance = reply.path("instance");
            String id = text(instance, "id");
            if (waitForIt) {
                if (reply.has("task_uuid") && !terminal().json()) {
                    terminal().line("building image " + text(reply.path("image"), "id") + " first: task "
                            + text(reply, "task_uuid"));
                }
                instance = awaitRunning(id);
            }
            if (terminal().json()) {
                terminal().printJson(waitForIt ? instance : reply);
            } else {
                terminal().line((text(instance, "state").equals("running") ? "instance " + id + " runs on "
                        + text(instance, "host") + ":" + text(instance, "port")
                        : "instance " + id + " is " + text(instance, "state") + " (" + text(instance, "reason") + ")")
                        + "; connect with: eval $(cairn env " + id + ")");
            }
            return text(instance, "state").equals("destroyed") ? 1 : 0;
        }

        private JsonNode awaitRunning(String id) {
            while (true) {
                JsonNode instance = api().get("/v1/instance/" + id);
                String state = text(instance, "state");
                if (state.equals("running") || state.equals("destroyed")) {
                    return instance;
                }
                pause();
            }
        }
    }

    @Command(name = "instances", aliases = "instance", description = "List instances, newest first.")
    static final class ListInstances extends ApiCommand {
        @Override
        public Integer call() {
            return printList("instances", api().list(ApiPath.of(INSTANCES)), InstanceCommands::instances);
        }
    }

    @Command(name = "instance", aliases = "instances", description = "Show an instance.")
    static final class ShowInstance extends ApiCommand {
        @Parameters(paramLabel = "INSTANCE", description = "The instance's number.")
        long instance;

        @Override
        public Integer call() {
            JsonNode item = api().get("/v1/instance/" + instance);
            if (terminal().json()) {
                terminal().printJson(item);
            } else {
                terminal().print(new Details().field("Instance", text(item, "id"))
                        .field("State", text(item, "state") + (text(item, "reason").isEmpty() ? "" : " (" + text(item, "reason") + ")"))
                        .field("Image", text(item, "image_id"))
                        .field("Address", text(item, "host") + ":" + text(item, "port"))
                        .field("User", text(item, "user"))
                        .field("Database", text(item, "database"))
                        .field("Expires at", time(item, "expires_at") + " (in " + DurationText.format(
                                item.path("expires_in").asLong()) + ")")
                        .field("Own writes", Fields.size(item, "own_bytes"))
                        .field("Clone backend", text(item, "clone_backend")
                                + (item.path("slow_full_copy").asBoolean() ? " (a slow, full-size copy)" : ""))
                        .field("Owner", text(item, "owner")));
            }
            return 0;
        }
    }

    @Command(name = "instance", aliases = "instances", description = "Put an instance back to its image's state, same port and password.")
    static final class ResetInstance extends ApiCommand {
        @Parameters(paramLabel = "INSTANCE", description = "The instance's number.")
        long instance;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            confirm(yes, "Reset instance " + instance + "? Everything written to it is lost.");
            return report(api().post("/v1/instance/" + instance + "/reset", ApiCommand.body()), "reset instance " + instance);
        }
    }

    @Command(name = "instance", aliases = "instances", description = "Stop an instance and remove it.")
    static final class DeleteInstance extends ApiCommand {
        @Parameters(paramLabel = "INSTANCE", description = "The instance's number.")
        long instance;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            confirm(yes, "Delete instance " + instance + "? Everything written to it is lost.");
            return report(api().delete("/v1/instance/" + instance), "deleted instance " + instance);
        }
    }

    @Command(name = "env", description = "Print the variables a client reads to connect to an instance: "
            + "eval $(cairn env INSTANCE), then psql or mariadb.")
    static final class Env extends ApiCommand {
        @Parameters(paramLabel = "INSTANCE", description = "The instance's number.")
        long instance;

        @Override
        public Integer call() {
            JsonNode item = api().get("/v1/instance/" + instance);
            if (!item.has("password")) {
                throw new CliException("instance " + instance + " was made by " + text(item, "owner")
                        + "; only they see its password");
            }
            if (!"running".equals(text(item, "state"))) {
                throw new CliException("instance " + instance + " is " + text(item, "state")
                        + (text(item, "reason").isEmpty() ? "" : " (" + text(item, "reason") + ")"));
            }
            terminal().line(exports(item));
            return 0;
        }
    }

    /** {@code export PGHOST=… …} for a postgres instance, {@code export MYSQL_HOST=… …} for a mysql one. */
    static String exports(JsonNode instance) {
        List<String> names = "mysql".equals(text(instance, "plugin"))
                ? List.of("MYSQL_HOST", "MYSQL_TCP_PORT", "USER", "MYSQL_PWD")
                : List.of("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE");
        List<String> values = List.of(text(instance, "host"), text(instance, "port"), text(instance, "user"),
                text(instance, "password"), text(instance, "database"));
        StringBuilder line = new StringBuilder("export");
        for (int i = 0; i < names.size(); i++) {
            line.append(' ').append(names.get(i)).append('=').append(quoted(values.get(i)));
        }
        return line.toString();
    }

    /** {@code value} as one shell word: as it is when it is plain, else in single quotes. */
    static String quoted(String value) {
        return value.matches("[A-Za-z0-9_./:@%+-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    static Table images(List<JsonNode> images) {
        Table table = Table.withColumns("ID", "NAME", "STATE", "PLUGIN", "TARGET", "SIZE", "INSTANCES", "BACKED UP AT");
        images.forEach(i -> table.row(text(i, "id"), text(i, "name"), text(i, "state"), text(i, "plugin"),
                text(i, "target_name"), Fields.size(i, "size"), text(i, "instances"), time(i, "backed_up_at")));
        return table;
    }

    static Table instances(List<JsonNode> instances) {
        Table table = Table.withColumns("ID", "IMAGE", "STATE", "ADDRESS", "USER", "DATABASE", "EXPIRES AT", "OWNER");
        instances.forEach(i -> table.row(text(i, "id"), text(i, "image_id"), text(i, "state"),
                text(i, "host") + ":" + text(i, "port"), text(i, "user"), text(i, "database"), time(i, "expires_at"),
                text(i, "owner")));
        return table;
    }
}
