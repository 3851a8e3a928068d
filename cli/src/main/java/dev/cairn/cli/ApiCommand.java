package dev.cairn.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The base of every noun command ({@code cairn list targets}, {@code cairn run job}): the steps
 * they share, from resolving a name to printing the reply for people or as JSON.
 */
abstract class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;

    final CairnApi api() {
        return root().api();
    }

    final Terminal terminal() {
        return root().terminal();
    }

    final Resolved resolve(Kind kind, String reference) {
        return new NameResolver(api()).resolve(kind, reference);
    }

    /** As {@link #resolve(Kind, String)}, with {@code latest} the newest of those {@code candidates} lists. */
    final Resolved resolve(Kind kind, String reference, ApiPath candidates) {
        return new NameResolver(api()).resolve(kind, reference, candidates);
    }

    /** The uuid {@code reference} names, or null when the option was not given. */
    final String uuidOf(Kind kind, String reference) {
        return reference == null ? null : resolve(kind, reference).uuid();
    }

    final JsonNode fetch(Kind kind, Resolved item) {
        return api().get(kind.itemPath(item.uuid()));
    }

    static ObjectNode body() {
        return JsonMapper.shared().createObjectNode();
    }

    final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Prints {@code items} as the table {@code toTable} makes of them, or as JSON; {@code what} names them. */
    final int printList(String what, List<JsonNode> items, Function<List<JsonNode>, Table> toTable) {
        if (terminal().json()) {
            terminal().printJson(JsonMapper.shared().createArrayNode().addAll(items));
        } else if (items.isEmpty()) {
            terminal().line("no " + what);
        } else {
            terminal().print(toTable.apply(items));
        }
        return 0;
    }

    final int list(Kind kind, ApiPath path, Function<List<JsonNode>, Table> toTable) {
        return printList(kind.pluralLabel(), api().list(path), toTable);
    }

    final int show(Kind kind, String reference, Function<JsonNode, Details> toDetails) {
        JsonNode item = fetch(kind, resolve(kind, reference));
        if (terminal().json()) {
            terminal().printJson(item);
        } else {
            terminal().print(toDetails.apply(item));
        }
        return 0;
    }

    final int create(Kind kind, ObjectNode body) {
        JsonNode reply = api().post(kind.listPath().toString(), body);
        return report(reply, "created " + kind.label() + " " + Fields.text(body, "name")
                + " (" + Fields.text(reply, "uuid") + ")");
    }

    final int update(Kind kind, Resolved item, ObjectNode body) {
        JsonNode reply = api().put(kind.itemPath(item.uuid()), body);
        String name = Fields.text(body, "name");
        return report(reply, "updated " + kind.label() + " "
                + (name == null ? item.describe() : new Resolved(item.uuid(), name).describe()));
    }

    final int delete(Kind kind, String reference) {
        return delete(kind, resolve(kind, reference));
    }

    final int delete(Kind kind, Resolved item) {
        return report(api().delete(kind.itemPath(item.uuid())), "deleted " + kind.label() + " " + item.describe());
    }

    /** The run's surroundings: environment, standard input, the person at the terminal. */
    final Invocation invocation() {
        return root().invocation();
    }

    /** The value of {@code --url}, or null when it was not given. */
    final String urlOption() {
        return root().url;
    }

    /** The CLI's config file, or a failure naming what to set when the environment places none. */
    final ConfigFile configFile() {
        return ConfigFile.of(invocation().env()).orElseThrow(() -> new CliException(
                "cannot tell where the config file goes: neither XDG_CONFIG_HOME nor HOME is set"));
    }

    /**
     * A password: asked at the terminal without echo when there is one (twice when {@code twice},
     * so that a typo is caught), else read from standard input when {@code fromStdin}; null when neither.
     */
    final char[] secret(String label, boolean fromStdin, boolean twice) {
        Prompt prompt = invocation().prompt();
        if (prompt.available()) {
            char[] secret = prompt.secret(label);
            if (secret == null || secret.length == 0) {
                throw new CliException("no password given: nothing was changed");
            }
            if (twice && !java.util.Arrays.equals(secret, prompt.secret("Again: "))) {
                throw new CliException("the two passwords differ: nothing was changed");
            }
            return secret;
        }
        return fromStdin ? Secrets.fromStandardInput(invocation().in()) : null;
    }

    /**
     * Stops the command, changing nothing, unless {@code yes} was given or the person at the
     * terminal agrees to {@code question}; scripts without a terminal are not asked.
     */
    final void confirm(boolean yes, String question) {
        if (!yes && !root().confirmation().confirm(question)) {
            throw new CliException("not confirmed: nothing was changed");
        }
    }

    /** Prints {@code message} for people, or the server's reply as JSON. */
    final int report(JsonNode reply, String message) {
        if (terminal().json()) {
            terminal().printJson(reply);
        } else {
            terminal().line(message);
        }
        return 0;
    }

    /**
     * Reports the task a run or restore scheduled and, when {@code wait}, follows it to its end,
     * printing its log: exit 0 only when it ends done.
     */
    final int scheduled(JsonNode reply, String what, boolean wait) {
        String task = Fields.text(reply, "task_uuid");
        if (!wait) {
            return report(reply, "scheduled " + what + (task == null ? "" : ": task " + task));
        }
        if (task == null) {
            throw new CliException("the server scheduled " + what + " but did not say which task runs it,"
                    + " so there is nothing to follow");
        }
        Terminal terminal = terminal();
        if (!terminal.json()) {
            terminal.line("scheduled " + what + ": following task " + task);
        }
        TaskFollower follower = new TaskFollower(api(), root().pollInterval(),
                terminal.json() ? piece -> { } : terminal::log);
        TaskStatus status = TaskStatus.fromWire(Fields.text(follower.follow(task), "status"));
        if (terminal.json()) {
            // The last poll only carried the log's tail; a script wants the whole task.
            terminal.printJson(api().get(Kind.TASK.itemPath(task)));
        }
        if (status != TaskStatus.DONE) {
            terminal.error("task " + task + " " + status.wire());
            return 1;
        }
        if (!terminal.json()) {
            terminal.line("task " + task + " done");
        }
        return 0;
    }

    /** Fails with a usage error unless at least one of this command's own options was given. */
    final void requireChanges() {
        List<OptionSpec> own = spec.options().stream()
                .filter(option -> !option.inherited() && !option.usageHelp())
                .toList();
        if (own.stream().noneMatch(option -> spec.commandLine().getParseResult().hasMatchedOption(option))) {
            throw usageError("nothing to change: give at least one of "
                    + String.join(", ", own.stream().map(OptionSpec::longestName).toList()));
        }
    }

    /** Waits the poll interval between two requests that watch the server (none in tests). */
    final void pause() {
        Duration interval = root().pollInterval();
        if (interval.isZero()) {
            return;
        }
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting", e);
        }
    }

    private CairnCommand root() {
        return (CairnCommand) spec.root().userObject();
    }
}
