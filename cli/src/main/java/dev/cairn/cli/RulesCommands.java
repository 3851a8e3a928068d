package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code cairn show rules TARGET}, {@code cairn edit rules TARGET --file F} and
 * {@code cairn check rules TARGET}: a target's sanitising rules, a new version of them, and their
 * strict report and preview on the target's latest archive.
 */
final class RulesCommands {
    private RulesCommands() {
    }

    private static String rulesPath(String uuid) {
        return Kind.TARGET.itemPath(uuid) + "/rules";
    }

    @Command(name = "rules", description = "Show a target's sanitising rules (the latest version, or --version N).")
    static final class ShowRules extends ApiCommand {

        @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
        String target;

        @Option(names = "--version", paramLabel = "N", description = "An earlier version.")
        Integer version;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TARGET, target);
            JsonNode rules = api().get(rulesPath(item.uuid()) + (version == null ? "" : "?version=" + version));
            if (terminal().json()) {
                terminal().printJson(rules);
                return 0;
            }
            terminal().line("# rules of target " + item.describe() + ", version " + rules.path("version").intValue()
                    + ", saved " + rules.path("saved_at").stringValue() + " by " + rules.path("saved_by").stringValue());
            terminal().line(rules.path("document").stringValue().stripTrailing());
            return 0;
        }
    }

    @Command(name = "rules", description = "Save a new version of a target's sanitising rules from a JSON or YAML file.")
    static final class EditRules extends ApiCommand {

        @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
        String target;

        @Option(names = "--file", paramLabel = "FILE", required = true, description = "The rules document (JSON or YAML).")
        Path file;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TARGET, target);
            String document;
            try {
                document = Files.readString(file);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
            JsonNode saved = api().put(rulesPath(item.uuid()), body().put("document", document));
            if (terminal().json()) {
                terminal().printJson(saved);
            } else {
                terminal().line("saved rules of target " + item.describe() + " as version " + saved.path("version").intValue());
            }
            return 0;
        }
    }

    @Command(name = "rules", description = "Check a target's sanitising rules on its latest archive (strict report) and "
            + "show a few rows of each table before and after them.")
    static final class CheckRules extends ApiCommand {

        @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
        String target;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "3", description = "Rows per table in the preview (default 3).")
        int rows;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TARGET, target);
            JsonNode check = api().post(rulesPath(item.uuid()) + "/check", null);
            JsonNode preview = api().post(rulesPath(item.uuid()) + "/preview?rows=" + rows, null);
            if (terminal().json()) {
                terminal().printJson(body().<tools.jackson.databind.node.ObjectNode>set("check", check).set("preview", preview));
                return check.path("ok").booleanValue() ? 0 : 1;
            }
            terminal().line("rules version " + check.path("rules_version").intValue() + " on archive "
                    + check.path("archive_uuid").stringValue() + " (taken " + check.path("archive_taken_at").stringValue() + "): "
                    + (check.path("ok").booleanValue() ? "ok" : check.path("problems").size() + " problem(s)"));
            check.path("problems").forEach(p -> terminal().line("  problem: " + p.stringValue()));
            check.path("personal").forEach(c -> terminal().line("  looks personal: " + c.path("table").stringValue() + "."
                    + c.path("column").stringValue() + (c.path("marked_safe").booleanValue() ? " (marked safe)" : " (no rule)")));
            for (JsonNode table : preview.path("tables")) {
                terminal().line("");
                terminal().line(table.path("table").stringValue() + " (" + table.path("rows").stringValue() + ", "
                        + table.path("total").longValue() + " rows)");
                List<String> columns = new ArrayList<>();
                table.path("columns").forEach(c -> columns.add(c.stringValue()));
                for (int i = 0; i < table.path("before").size(); i++) {
                    terminal().line("  before: " + row(columns, table.path("before").get(i)));
                    JsonNode after = table.path("after").get(i);
                    terminal().line("  after:  " + (after == null ? "(not kept)" : row(columns, after)));
                }
            }
            return check.path("ok").booleanValue() ? 0 : 1;
        }

        private static String row(List<String> columns, JsonNode values) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                JsonNode value = values.get(i);
                cells.add(columns.get(i) + "=" + (value == null || value.isNull() ? "NULL" : value.stringValue()));
            }
            return String.join(", ", cells);
        }
    }

    /** {@code cairn check NOUN}. */
    @Command(name = "check", synopsisSubcommandLabel = "NOUN",
            description = "Check a target's sanitising rules on its latest archive.",
            subcommands = CheckRules.class)
    static final class CheckVerb extends Verbs.VerbCommand {
    }

}
