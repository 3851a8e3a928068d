package dev.cairn.plugins.postgres;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and as whom the PostgreSQL tools connect, read from a {@code postgres} endpoint; the
 * password travels only in the {@code PGPASSWORD} environment variable, never on a command line.
 *
 * @param database the database to back up, or empty for all of them
 */
record PgConnection(String host, int port, String user, String password, String database) {
    /** How long libpq waits for a server that does not answer, so that a dead host fails the task. */
    private static final String CONNECT_TIMEOUT_SECONDS = "30";

    static PgConnection from(Endpoint endpoint) {
        long port = endpoint.integer("port").orElse(5432L);
        if (port < 1 || port > 65535) {
            throw new PluginException("postgres endpoint field 'port' must be between 1 and 65535, got " + port);
        }
        return new PgConnection(endpoint.require("host"), (int) port, endpoint.require("user"),
                endpoint.string("password").orElse(""), endpoint.string("database").orElse("").trim());
    }

    /** Whether the endpoint names no database, which means the whole server. */
    boolean allDatabases() {
        return database.isEmpty();
    }

    /** The connection options every PostgreSQL tool takes; {@code --no-password} so that none ever prompts. */
    List<String> options() {
        return List.of("--host=" + host, "--port=" + port, "--username=" + user, "--no-password");
    }

    /** A {@code --dbname} option that connects to {@code name} even when it looks like a connection string. */
    static String dbname(String name) {
        boolean plain = !name.contains("=") && !name.startsWith("postgres://") && !name.startsWith("postgresql://");
        return "--dbname=" + (plain ? name : "dbname='" + name.replace("\\", "\\\\").replace("'", "\\'") + "'");
    }

    /** The environment the tools run with: the password, a connect timeout and an application name. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        if (!password.isEmpty()) {
            environment.put("PGPASSWORD", password);
        }
        environment.put("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT_SECONDS);
        environment.put("PGAPPNAME", "cairn");
        return Map.copyOf(environment);
    }

    /** Where it connects, without the password. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port + (allDatabases() ? " (all databases)" : "/" + database);
    }
}
