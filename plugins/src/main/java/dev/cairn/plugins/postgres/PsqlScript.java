package dev.cairn.plugins.postgres;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A short psql script run around a restore, whose printed rows go to the task log one line each.
 *
 * <p>Values reach the script as psql variables ({@code :'db'} quotes one as a literal), so a name
 * is never spliced into SQL text.
 */
final class PsqlScript {
    private final String script;

    PsqlScript(String script) {
        this.script = script;
    }

    /** Runs the script in {@code database} with {@code variables} set, and waits for psql to succeed. */
    void run(PgConnection pg, String database, Map<String, String> variables, TaskContext context) throws IOException {
        output(pg, database, variables, context).forEach(context::log);
    }

    /** Runs the script like {@link #run} and returns its printed rows instead of logging them. */
    List<String> output(PgConnection pg, String database, Map<String, String> variables, TaskContext context) throws IOException {
        return execute(pg, database, variables, context::spawn);
    }

    /**
     * Runs the script like {@link #run} even when the task was cancelled: a cancelled task starts
     * no more processes through its context, but the clean-up of what its restore staged must
     * still run. The process is started directly (its stderr still goes to the task log) and the
     * thread's interrupt, which a cancel sets, is held back while psql runs.
     */
    void runAfterStop(PgConnection pg, String database, Map<String, String> variables, TaskContext context) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            execute(pg, database, variables, spec -> SupervisedProcess.start(spec, context::log)).forEach(context::log);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface Spawner {
        ChildProcess spawn(ProcessSpec spec) throws IOException;
    }

    private List<String> execute(PgConnection pg, String database, Map<String, String> variables, Spawner spawner)
            throws IOException {
        String psql = PostgresPrograms.path("psql");
        List<String> command = new ArrayList<>(List.of(psql, "--no-psqlrc", "--quiet", "--tuples-only", "--no-align"));
        command.addAll(pg.options());
        command.add(PgConnection.dbname(database));
        variables.forEach((name, value) -> command.add("--set=" + name + "=" + value));
        command.add("--file=-");
        try (ChildProcess child = spawner.spawn(ProcessSpec.of(command, pg.environment()))) {
            try (OutputStream stdin = child.stdin()) {
                stdin.write(script.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                child.await(); // psql that could not connect says why
                throw new PluginException("psql stopped reading its script", e);
            }
            List<String> lines;
            try (BufferedReader stdout = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8))) {
                lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            }
            child.await();
            return lines;
        }
    }
}
