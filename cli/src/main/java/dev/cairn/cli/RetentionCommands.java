package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.util.ArrayList;
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

    /**
     * The grandfather-father-son rules: beside its expiry, a policy may keep the newest archive of
     * each of the last N days, weeks, months and years.
     */
    static final class KeepOptions {

        @Option(names = "--keep-daily", paramLabel = "N",
                description = "Also keep the newest archive of each of the last N days (UTC) that have one; 0 for none.")
        Integer daily;

        @Option(names = "--keep-weekly", paramLabel = "N",
                description = "Also keep the newest archive of each of the last N weeks (ISO, UTC); 0 for none.")
        Integer weekly;

        @Option(names = "--keep-monthly", paramLabel = "N",
                description = "Also keep the newest archive of each of the last N months; 0 for none.")
        Integer monthly;

        @Option(names = "--keep-yearly", paramLabel = "N",
                description = "Also keep the newest archive of each of the last N years; 0 for none.")
        Integer yearly;

        /** Puts the rules given; those not given are left out (the server keeps what it has). */
        void put(ObjectNode body) {
            putIfGiven(body, "keep_daily", daily);
            putIfGiven(body, "keep_weekly", weekly);
            putIfGiven(body, "keep_monthly", monthly);
            putIfGiven(body, "keep_yearly", yearly);
        }

        private static void putIfGiven(ObjectNode body, String field, Integer value) {
            if (value != null) {
                body.put(field, value);
            }
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

        @Mixin
        KeepOptions keep;

        @Override
        public Integer call() {
            policyWord.check(spec);
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            body.put("expires", expires);
            keep.put(body);
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

        @Mixin
        KeepOptions keep;

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
            keep.put(body);
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
        Table table = Table.withColumns("UUID", "NAME", "EXPIRES", "KEEP", "SUMMARY");
        policies.forEach(policy -> table.row(text(policy, "uuid"), text(policy, "name"),
                Fields.duration(policy, "expires"), keep(policy), text(policy, "summary")));
        return table;
    }

    /** The rules in short, {@code 7 daily, 4 weekly, 12 monthly}; empty when the policy has none (or a server without them). */
    static String keep(JsonNode policy) {
        List<String> rules = new ArrayList<>();
        for (String period : List.of("daily", "weekly", "monthly", "yearly")) {
            int n = policy.path("keep_" + period).asInt(0);
            if (n > 0) {
                rules.add(n + " " + period);
            }
        }
        return String.join(", ", rules);
    }

    /** The rules told as periods, {@code 7 days, 4 weeks, 12 months}. */
    private static String periods(JsonNode policy) {
        List<String> rules = new ArrayList<>();
        List<String> periods = List.of("daily", "weekly", "monthly", "yearly");
        List<String> words = List.of("day", "week", "month", "year");
        for (int i = 0; i < periods.size(); i++) {
            int n = policy.path("keep_" + periods.get(i)).asInt(0);
            if (n > 0) {
                rules.add(n + " " + words.get(i) + (n == 1 ? "" : "s"));
            }
        }
        return String.join(", ", rules);
    }

    static Details details(JsonNode policy) {
        String expires = Fields.duration(policy, "expires");
        String seconds = text(policy, "expires");
        return new Details()
                .field("UUID", text(policy, "uuid"))
                .field("Name", text(policy, "name"))
                .field("Summary", text(policy, "summary"))
                .field("Expires", expires == null || expires.equals(seconds) ? expires
                        : expires + " (" + seconds + " seconds)")
                .field("Also keeps", keep(policy).isEmpty() ? "nothing past its expiry"
                        : "the newest archive of each of the last " + periods(policy));
    }
}
