package dev.cairn.plugins.exec;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One external program and the Plugin Calling Protocol spoken with it: each action is one run of
 * {@code PROGRAM ACTION [--key KEY]} with the endpoint JSON in {@value #ENDPOINT_VARIABLE}, data on
 * stdin or stdout in pieces of 64 KiB, and exit status 0 for success.
 *
 * <p>A program whose info declares no fields speaks seed 004's protocol unchanged, as SHIELD's plugins
 * do: it gets {@code PROGRAM ACTION --endpoint JSON [--key KEY]} and no {@value #ENDPOINT_VARIABLE}, so
 * its endpoint is on its command line for as long as it runs (which is why declaring fields is better),
 * and {@code PROGRAM validate --endpoint JSON} checks an endpoint before Cairn accepts it.
 *
 * <p>Calls made for a task start the program through {@link TaskContext#spawn}: its stderr goes to
 * the task log with the endpoint's secrets masked, and cancelling the task kills it. Calls made
 * without a task (retrieve, purge, exists) start it directly and keep the last lines of its stderr
 * for the error message; purge and exists are killed after {@link #DETACHED_TIMEOUT}.
 */
final class PluginProgram {
    /** The environment variable that carries the endpoint JSON (the seed's {@code --endpoint}). */
    static final String ENDPOINT_VARIABLE = "CAIRN_ENDPOINT";
    /** The environment variable that carries the name Cairn asks {@code store} to keep a blob under. */
    static final String NAME_VARIABLE = "CAIRN_NAME";
    static final Duration DETACHED_TIMEOUT = Duration.ofMinutes(10);
    /** How long {@code validate} may take: an API request waits for it. */
    static final Duration VALIDATE_TIMEOUT = Duration.ofSeconds(30);
    /** What a program without a validate action says when asked for one. */
    private static final Pattern NO_VALIDATE = Pattern.compile(
            "(?i)(unknown|unsupported|unrecognized|invalid) (action|command|verb)|not (supported|implemented)");
    /** Endpoint keys whose values a seed-protocol program's log must not show. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)pass|secret|token|credential|private|auth|key");

    private static final Duration REPLY_GRACE = Duration.ofSeconds(10);
    private static final int CHUNK = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path program;
    private final InfoReply described;

    private PluginProgram(Path program, InfoReply described) {
        this.program = program;
        this.described = described;
    }

    /**
     * Runs {@code program info} (killed after {@code timeout}) and reads its reply.
     *
     * @throws PluginException with one line saying why the program cannot be used
     */
    static PluginProgram describe(Path program, String name, Duration timeout) {
        ProcessSpec spec = ProcessSpec.of(List.of(program.toString(), "info"), cleanEnvironment());
        String reply = runDetached(spec, timeout);
        return new PluginProgram(program, InfoReply.parse(name, program, reply));
    }

    PluginInfo info() {
        return described.info();
    }

    /** Whether this program takes its endpoint as the seed says, on its command line: it declares no fields. */
    boolean seedProtocol() {
        return info().fields().isEmpty();
    }

    /**
     * Runs {@code validate --endpoint JSON} for a seed-protocol program and throws its stderr as a
     * {@link PluginException} when it refuses {@code values}; a program that has no validate action (it
     * says the action is unknown or unsupported) accepts every endpoint, as does one that declares fields.
     */
    void validate(Map<String, Object> values) {
        if (!seedProtocol()) {
            return;
        }
        Endpoint endpoint = new Endpoint(info(), values);
        List<String> stderr = new ArrayList<>();
        SupervisedProcess child = SupervisedProcess.start(spec("validate", endpoint, null, null), line -> {
            synchronized (stderr) {
                stderr.add(line);
            }
        });
        int exit;
        try {
            try {
                child.stdin().close();
            } catch (IOException e) {
                // the program does not read stdin; nothing to tell it
            }
            ReplyReader.start(child.stdout(), program.toString());
            if (!child.process().waitFor(VALIDATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PluginException(info().name() + " validate did not finish within "
                        + VALIDATE_TIMEOUT.toSeconds() + " seconds");
            }
            exit = child.process().exitValue();
            try {
                child.await();
            } catch (PluginException e) {
                // the exit status and stderr are read below
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(info().name() + " validate was stopped because Cairn was interrupted", e);
        } finally {
            child.close();
        }
        String said;
        synchronized (stderr) {
            said = String.join("\n", stderr).strip();
        }
        if (exit == 0 || NO_VALIDATE.matcher(said).find()) {
            return;
        }
        said = masked(said, endpoint);
        throw new PluginException(said.isEmpty() ? info().name() + " validate refused the endpoint (exit status " + exit + ")"
                : said);
    }

    Path path() {
        return program;
    }

    void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        try (ChildProcess child = spawn(context, spec("backup", endpoint, null, null), endpoint)) {
            child.stdin().close();
            InputStream stdout = child.stdout();
            byte[] buffer = new byte[CHUNK];
            while (true) {
                int read;
                try {
                    read = stdout.read(buffer);
                } catch (IOException e) {
                    if (context.cancelled()) {
                        throw cancelled("backup");
                    }
                    throw e;
                }
                if (context.cancelled()) {
                    throw cancelled("backup");
                }
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
            }
            await(child, "backup", endpoint);
        }
    }

    void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        try (ChildProcess child = spawn(context, spec("restore", endpoint, null, null), endpoint)) {
            // what a restore prints on stdout means nothing to the protocol; it is read and dropped
            ReplyReader.start(child.stdout(), program.toString());
            feed(child, "restore", endpoint, in, context);
            await(child, "restore", endpoint);
        }
    }

    /** Runs {@code store}, feeding it {@code in}, and returns the {@code key} of its JSON reply. */
    String store(Endpoint endpoint, String name, InputStream in, TaskContext context) throws IOException {
        try (ChildProcess child = spawn(context, spec("store", endpoint, null, name), endpoint)) {
            ReplyReader output = ReplyReader.start(child.stdout(), program.toString());
            feed(child, "store", endpoint, in, context);
            await(child, "store", endpoint);
            JsonNode key = reply("store", output.text(REPLY_GRACE)).path("key");
            if (!key.isValueNode() || key.isNull() || key.asString().isEmpty()) {
                throw new PluginException(info().name() + " store succeeded but its JSON reply has no \"key\"");
            }
            return key.asString();
        }
    }

    /** Starts {@code retrieve --key KEY}; the stream fails at its end if the program does. */
    InputStream retrieve(Endpoint endpoint, String key) {
        SupervisedProcess child = SupervisedProcess.start(spec("retrieve", endpoint, key, null), line -> { });
        try {
            child.stdin().close();
        } catch (IOException e) {
            // the program does not read stdin; nothing to tell it
        }
        return new ProgramOutput(child, failure -> failure("retrieve", failure, endpoint));
    }

    void purge(Endpoint endpoint, String key) {
        try {
            runDetached(spec("purge", endpoint, key, null), DETACHED_TIMEOUT);
        } catch (PluginException e) {
            throw failure("purge", e, endpoint);
        }
    }

    /**
     * Whether a blob is stored under {@code key}: the program's answer to {@code exists} when its info
     * offers that, else whether {@code retrieve} starts to deliver it.
     */
    boolean exists(Endpoint endpoint, String key) throws IOException {
        if (described.answersExists()) {
            String reply;
            try {
                reply = runDetached(spec("exists", endpoint, key, null), DETACHED_TIMEOUT);
            } catch (PluginException e) {
                throw failure("exists", e, endpoint);
            }
            JsonNode exists = reply("exists", reply).path("exists");
            if (!exists.isBoolean()) {
                throw new PluginException(info().name() + " exists must reply {\"exists\": true|false}, got "
                        + InfoReply.abbreviate(reply));
            }
            return exists.booleanValue();
        }
        try (InputStream blob = retrieve(endpoint, key)) {
            blob.read();
            return true;
        } catch (PluginException e) {
            return false;
        }
    }

    /**
     * The process for {@code action}: the endpoint in the environment, no secret on its command line; for
     * a seed-protocol program, the endpoint as {@code --endpoint JSON} on its command line, as the seed says.
     */
    ProcessSpec spec(String action, Endpoint endpoint, String key, String name) {
        List<String> command = new ArrayList<>(List.of(program.toString(), action));
        if (seedProtocol()) {
            command.add("--endpoint");
            command.add(JSON.writeValueAsString(endpoint.values()));
        }
        if (key != null) {
            command.add("--key");
            command.add(key);
        }
        Map<String, String> environment = cleanEnvironment();
        if (!seedProtocol()) {
            environment.put(ENDPOINT_VARIABLE, JSON.writeValueAsString(withDefaults(endpoint)));
        }
        if (name != null) {
            environment.put(NAME_VARIABLE, name);
        }
        return ProcessSpec.of(command, environment);
    }

    /** The endpoint as given, with each declared default filled in, typed as the field declares. */
    private Map<String, Object> withDefaults(Endpoint endpoint) {
        Map<String, Object> values = new LinkedHashMap<>(endpoint.values());
        for (ConfigField field : info().fields()) {
            Object value = values.get(field.name());
            if ((value == null || value.toString().isEmpty()) && field.defaultValue() != null) {
                values.put(field.name(), switch (field.type()) {
                    case INTEGER -> endpoint.integer(field.name()).orElse(null);
                    case BOOLEAN -> endpoint.bool(field.name());
                    case LIST -> endpoint.list(field.name());
                    case STRING -> field.defaultValue();
                });
            }
        }
        return values;
    }

    private static Map<String, String> cleanEnvironment() {
        Map<String, String> environment = new HashMap<>();
        // the server's API token is none of a third-party program's business
        environment.put("CAIRN_TOKEN", "");
        return environment;
    }

    private ChildProcess spawn(TaskContext context, ProcessSpec spec, Endpoint endpoint) throws IOException {
        secrets(endpoint).forEach(context::redact);
        return context.spawn(spec);
    }

    /**
     * What to mask in logs and messages: the declared secrets, or for a seed-protocol program (which
     * declares none) every text under a key whose name says it is one, and the endpoint JSON itself.
     */
    private List<String> secrets(Endpoint endpoint) {
        if (!seedProtocol()) {
            return endpoint.secrets();
        }
        List<String> secrets = new ArrayList<>();
        collectSecrets(endpoint.values(), false, secrets);
        if (!endpoint.values().isEmpty()) {
            secrets.add(JSON.writeValueAsString(endpoint.values()));
        }
        return secrets;
    }

    private static void collectSecrets(Object value, boolean secretKey, List<String> secrets) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectSecrets(v, secretKey || SECRET_KEY.matcher(String.valueOf(k)).find(), secrets));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectSecrets(item, secretKey, secrets));
        } else if (secretKey && value != null && !value.toString().isEmpty()) {
            secrets.add(value.toString());
        }
    }

    /**
     * Feeds {@code in} to the program's stdin and closes it. When {@code in} fails, stdin stays open
     * and the caller's close kills the program, so it never takes a cut-off stream for a whole one.
     */
    private void feed(ChildProcess child, String action, Endpoint endpoint, InputStream in, TaskContext context)
            throws IOException {
        OutputStream stdin = child.stdin();
        byte[] buffer = new byte[CHUNK];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (context.cancelled()) {
                throw cancelled(action);
            }
            try {
                stdin.write(buffer, 0, read);
            } catch (IOException e) {
                throw stoppedReading(child, action, endpoint, e);
            }
        }
        try {
            stdin.close();
        } catch (IOException e) {
            throw stoppedReading(child, action, endpoint, e);
        }
    }

    private PluginException stoppedReading(ChildProcess child, String action, Endpoint endpoint, IOException e) {
        // a program that failed explains itself (on stderr) better than a broken pipe does
        await(child, action, endpoint);
        return new PluginException(info().name() + " " + action + " exited before reading all of its input", e);
    }

    private void await(ChildProcess child, String action, Endpoint endpoint) {
        try {
            child.await();
        } catch (PluginException e) {
            throw failure(action, e, endpoint);
        }
    }

    private JsonNode reply(String action, String text) {
        try {
            JsonNode reply = JSON.readTree(text);
            if (reply != null && reply.isObject()) {
                return reply;
            }
        } catch (JacksonException e) {
            // reported below with what was printed
        }
        throw new PluginException(info().name() + " " + action + " must print a JSON map on stdout, got "
                + (text.isBlank() ? "nothing" : InfoReply.abbreviate(text)));
    }

    /** {@code cause} as one line naming the plugin and the action, with the endpoint's secrets masked. */
    private PluginException failure(String action, PluginException cause, Endpoint endpoint) {
        return new PluginException(info().name() + " " + action + " failed: " + masked(cause.getMessage(), endpoint), cause);
    }

    private String masked(String text, Endpoint endpoint) {
        Redactor redactor = new Redactor(Redactor.MASK);
        secrets(endpoint).forEach(redactor::add);
        return redactor.mask(text);
    }

    private PluginException cancelled(String action) {
        return new PluginException(info().name() + " " + action + " was stopped because the task was cancelled");
    }

    /** Runs {@code spec} with an empty stdin, killed after {@code timeout}, and returns its stdout. */
    private static String runDetached(ProcessSpec spec, Duration timeout) {
        SupervisedProcess child = SupervisedProcess.start(spec, line -> { });
        try {
            try {
                child.stdin().close();
            } catch (IOException e) {
                // the program does not read stdin; nothing to tell it
            }
            ReplyReader output = ReplyReader.start(child.stdout(), spec.command().getFirst());
            if (!child.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PluginException(spec.command().getFirst() + " " + spec.command().get(1)
                        + " did not finish within " + timeout.toSeconds() + " seconds");
            }
            child.await();
            return output.text(REPLY_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(spec.command().getFirst() + " was stopped because Cairn was interrupted", e);
        } finally {
            child.close();
        }
    }
}
