package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands on retention policies: how long archives are kept. The noun reads "retention",
 * "retention policy", "retention policies", "policy" or "policies", so that every way of saying
 * it works.
 */
final class RetentionCommands {

    private static final Set<String> POLICY_WORDS = Set.of("policy", "policies");

    private RetentionCommands() {
    }

    /** The word "policy" after "retention", which carries no meaning of its own. */
    static final class PolicyWord {

        @Parameters(arity = "0..1", paramLabel = "policy", hidden = true)
        String word;

        void check(CommandSpec command) {
            if (word != null && !POLICY_WORDS.contains(word)) {
                throw new ParameterException(command.commandLine(), "unexpected argument '" + word + "'");
            }
        }
    }

    /** A policy's name or uuid, optionally after the word "policy" ("retention policy month"). */
    static final class PolicyReference {

        @Parameters(index = "0", paramLabel = "POLICY", description = "The retention policy's name or uuid.")
        String first;

        @Parameters(index = "1", arity = "0..1", hidden = true)
        String second;

        String reference(CommandSpec command) {
            if (second == null) {
                return first;
            }
            if (!POLICY_WORDS.contains(first)) {
                throw new ParameterException(command.commandLine(), "unexpected argument '" + second + "'");
            }
            return second;
        }
    }

    @Command(name = "retention", aliases = {"policy", "policies"},
            description = "Create a retention policy: how long archives are kept.")
    static final class CreatePolicy extends ApiCommand {

        @Mixin
        PolicyWord policyWord;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The policy's name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What the policy is for.")
        String summary;

        @Option(names = "--expires", required = true, paramLabel = "DURATION", converter = Converters.Seconds.class,
                description = "How long archives are kept: seconds, or 90m, 12h, 7d, 4w (at least 1h).")
        Long expires;

        @Override
        public Integer call() {
            policyWord.check(spec);
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            body.put("expires", expires);
            return create(Kind.RETENTION, body);
        }
    }

    @Command(name = "retention", aliases = {"policies", "policy"}, description = "List retention policies.")
    static final class ListPolicies extends ApiCommand {

        @Mixin
        PolicyWord policyWord;

        @ArgGroup(exclusive = true)
        Filters.Usage usage;

        @Override
        public Integer call() {
            policyWord.check(spec);
            return list(Kind.RETENTION, Kind.RETENTION.listPath().with("unused", Filters.Usage.unused(usage)),
                    RetentionCommands::table);
        }
    }

    @Command(name = "retention", aliases = {"policy", "policies"}, description = "Show a retention policy.")
    static final class ShowPolicy extends ApiCommand {

        @Mixin
        PolicyReference policy;

        @Override
        public Integer call() {
            return show(Kind.RETENTION, policy.reference(spec), RetentionCommands::details);
        }
    }

    @Command(name = "retention", aliases = {"policy", "policies"},
            description = "Change a retention policy; what is not given stays as it is.")
    static final class EditPolicy extends ApiCommand {

        @Mixin
        PolicyReference policy;

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A new summary.")
        String summary;

        @Option(names = "--expires", paramLabel = "DURATION", converter = Converters.Seconds.class,
                description = "A new duration: seconds, or 90m, 12h, 7d, 4w (at least 1h).")
        Long expires;

        @Override
        public Integer call() {
            String reference = policy.reference(spec);
            requireChanges();
            Resolved item = resolve(Kind.RETENTION, reference);
            JsonNode current = fetch(Kind.RETENTION, item);
            ObjectNode body = body();
            Fields.putOrKeep(body, "name", name, current);
            Fields.putSummary(body, summary, current);
            if (expires != null) {
                body.put("expires", expires);
            } else {
                Fields.putOrKeep(body, "expires", null, current);
            }
            return update(Kind.RETENTION, item, body);
        }
    }

    @Command(name = "retention", aliases = {"policy", "policies"},
            description = "Delete a retention policy that no job uses.")
    static final class DeletePolicy extends ApiCommand {

        @Mixin
        PolicyReference policy;

        @Override
        public Integer call() {
            return delete(Kind.RETENTION, policy.reference(spec));
        }
    }

    static Table table(List<JsonNode> policies) {
        Table table = Table.withColumns("UUID", "NAME", "EXPIRES", "SUMMARY");
        policies.forEach(policy -> table.row(text(policy, "uuid"), text(policy, "name"),
                Fields.duration(policy, "expires"), text(policy, "summary")));
        return table;
    }

    static Details details(JsonNode policy) {
        String expires = Fields.duration(policy, "expires");
        String seconds = text(policy, "expires");
        return new Details()
                .field("UUID", text(policy, "uuid"))
                .field("Name", text(policy, "name"))
                .field("Summary", text(policy, "summary"))
                .field("Expires", expires == null || expires.equals(seconds) ? expires
                        : expires + " (" + seconds + " seconds)");
    }
}
