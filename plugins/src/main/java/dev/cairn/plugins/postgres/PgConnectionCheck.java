package dev.cairn.plugins.postgres;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The postgres target's connection test: the dump program a backup needs is installed, and psql
 * connects as the endpoint's role to its database (the {@code postgres} database when it names
 * none) and reads the server's version. A failure says, in libpq's words, what is wrong.
 */
final class PgConnectionCheck {
    /** Shorter than a backup's: someone waits for the answer. */
    private static final String CONNECT_TIMEOUT_SECONDS = "10";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final int MAX_REPLY = 4096;

    // libpq's texts (e.g. FATAL:  password authentication failed for user "app"); the rest keep its words
    private static final List<Map.Entry<String, String>> KINDS = List.of(
            Map.entry("password authentication failed", "wrong user or password"),
            Map.entry("no password supplied", "the server asks for a password and none is set"),
            Map.entry("does not exist", "not found"),
            Map.entry("connection refused", "cannot reach the server (nothing listens on that port)"),
            Map.entry("timeout expired", "cannot reach the server (no answer within " + CONNECT_TIMEOUT_SECONDS + " s)"),
            Map.entry("could not translate host name", "cannot reach the server (unknown host)"),
            Map.entry("no pg_hba.conf entry", "the server does not let this user in from here"));

    private PgConnectionCheck() {
    }

    static String check(PgConnection pg, TaskContext context) throws IOException {
        PostgresPrograms.path(pg.allDatabases() ? "pg_dumpall" : "pg_dump");
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("psql"), "--no-psqlrc", "--quiet",
                "--tuples-only", "--no-align", "--command=SELECT current_setting('server_version')"));
        command.addAll(pg.options());
        command.add(PgConnection.dbname(pg.allDatabases() ? MAINTENANCE_DATABASE : pg.database()));
        Map<String, String> environment = new HashMap<>(pg.environment());
        environment.put("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT_SECONDS);
        String version;
        try (ChildProcess psql = context.spawn(ProcessSpec.of(command, environment))) {
            psql.stdin().close();
            try (InputStream stdout = psql.stdout()) {
                version = new String(stdout.readNBytes(MAX_REPLY), StandardCharsets.UTF_8).strip();
            }
            psql.await();
        } catch (PluginException e) {
            throw explain(e, pg);
        }
        return "connected to " + pg + ", PostgreSQL " + version;
    }

    /** "psql exited with status 2: psql: error: … FATAL: …" as "cannot connect to WHERE: WHAT (libpq's words)". */
    private static PluginException explain(PluginException failure, PgConnection pg) {
        String message = String.valueOf(failure.getMessage());
        String said = message.replaceFirst("^psql exited with status \\d+: ", "").replace("psql: error: ", "")
                .replaceAll("\\s+", " ").strip();
        if (said.equals(message)) {
            return failure; // not psql's failure to connect (psql is not installed, say)
        }
        String lower = said.toLowerCase(Locale.ROOT);
        String what = KINDS.stream().filter(kind -> lower.contains(kind.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if ("not found".equals(what)) {
            what = lower.contains("database") ? "the database does not exist" : lower.contains("role") ? "the role does not exist" : null;
        }
        return new PluginException("cannot connect to " + pg + ": " + (what == null ? said : what + " (" + said + ")"), failure);
    }
}
