package dev.cairn.plugins.mysql;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Where and as whom the MySQL/MariaDB programs connect, read from a {@code mysql} endpoint. The
 * password is kept for the option file and never put on a command line.
 *
 * @param database the database to back up, or empty for all of them
 */
record MySqlConnection(String host, int port, String user, String password, String database) {

    static MySqlConnection from(Endpoint endpoint) {
        long port = endpoint.integer("port").orElse(3306L);
        if (port < 1 || port > 65535) {
            throw new PluginException("mysql endpoint field 'port' must be between 1 and 65535, got " + port);
        }
        return new MySqlConnection(endpoint.require("host"), (int) port, endpoint.require("user"),
                endpoint.string("password").orElse(""), endpoint.string("database").orElse("").trim());
    }

    /** Whether the endpoint names no database, which means every database on the server. */
    boolean allDatabases() {
        return database.isEmpty();
    }

    /** The options that say where and as whom to connect; the password is in the option file. */
    List<String> options() {
        return List.of("--host=" + host, "--port=" + port, "--user=" + user);
    }

    /**
     * Fails, naming the server, when nothing answers a TCP connection to it within {@code timeout}.
     * For {@code mariadb-dump}, which has no connect timeout of its own (it refuses the option, even
     * in an option file) and would wait for the operating system's, minutes for a silent host.
     * Other failures to connect are left to the program, which says why in its own words; and the
     * clients reach {@code localhost} through the server's Unix socket, which is not checked here.
     */
    void requireAnswer(String program, Duration timeout) {
        if (host.equals("localhost")) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
        } catch (SocketTimeoutException e) {
            throw new PluginException(program + " at " + user + "@" + host + ":" + port
                    + ": cannot reach the server (no answer within " + timeout.toMillis() / 1000.0 + " s)", e);
        } catch (IOException e) {
            // refused, unknown host, no route: the program's own message says which
        }
    }

    /** {@code name} as a quoted SQL identifier. */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Where it connects, without the password. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port + (allDatabases() ? " (all databases)" : "/" + database);
    }
}
