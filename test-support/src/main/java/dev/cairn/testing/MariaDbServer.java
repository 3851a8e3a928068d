package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away MariaDB server: {@link #start()} runs mariadb-install-db in a fresh temporary
 * directory and starts mariadbd on a free loopback port, with its socket in that directory;
 * {@link #close()} shuts it down cleanly and deletes the directory.
 *
 * <p>TCP clients authenticate as {@code root} with password {@code secret-pw} (names are not
 * resolved, so a TCP client is {@code root@127.0.0.1} and a wrong password really fails); the
 * fixture itself talks to the server over the socket as {@code root@localhost}, which has no
 * password. When the tests run as root, the server runs as the {@code mysql} account (else
 * {@code nobody}) through {@code runuser}. Durability is relaxed for speed.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "root";
    private static final String PASSWORD = "secret-pw";
    /** Debian installs the server in /usr/sbin, which is not on every user's PATH. */
    private static final Path SBIN_MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final List<String> ACCOUNTS = List.of("mysql", "nobody");
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

    private final Path directory;
    private final Path client;
    private final Path admin;
    private final Process process;
    private final int port;
    private final Thread stopAtExit;
    private boolean closed;

    private MariaDbServer(Path directory, Path client, Path admin, Process process, int port) {
        this.directory = directory;
        this.client = client;
        this.admin = admin;
        this.process = process;
        this.port = port;
        this.stopAtExit = Thread.ofPlatform().unstarted(this::stopAndDelete);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Initialises and starts a new server, returning once it accepts connections; skips the test
     * (or fails under CI) when MariaDB is not installed.
     */
    public static MariaDbServer start() {
        Path installDb = Binaries.require("mariadb-install-db", "mariadb-server");
        Path mariadbd = Binaries.find("mariadbd").or(() -> Optional.of(SBIN_MARIADBD).filter(Files::isExecutable))
                .orElseGet(() -> Binaries.require("mariadbd", "mariadb-server"));
        Path client = Binaries.require("mariadb", "mariadb-client");
        Path admin = Binaries.require("mariadb-admin", "mariadb-client");
        ServiceAccount account = ServiceAccount.forServers(ACCOUNTS);
        Path directory = account.createDirectory("cairn-mariadb-");
        try {
            account.own(directory);
            LocalCommand.run(account.command(List.of(installDb.toString(), "--no-defaults",
                    "--datadir=" + data(directory), "--auth-root-authentication-method=normal",
                    "--skip-test-db", "--skip-name-resolve")), directory, TOOL_TIMEOUT).orThrow();
            MariaDbServer server = startOnFreePort(mariadbd, client, admin, account, directory);
            try {
                server.execute("CREATE OR REPLACE USER '" + USER + "'@'" + HOST + "' IDENTIFIED BY '" + PASSWORD + "';"
                        + " GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'" + HOST + "' WITH GRANT OPTION");
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            ServerFiles.deleteTree(directory);
            throw e;
        }
    }

    private static MariaDbServer startOnFreePort(Path mariadbd, Path client, Path admin, ServiceAccount account,
                                                 Path directory) {
        for (int attempt = 1; ; attempt++) {
            int port = Ports.free(HOST);
            Process process;
            try {
                Files.deleteIfExists(serverLog(directory));
                process = new ProcessBuilder(account.command(List.of(mariadbd.toString(), "--no-defaults",
                        "--datadir=" + data(directory), "--socket=" + socket(directory),
                        "--pid-file=" + directory.resolve("mariadbd.pid"), "--log-error=" + serverLog(directory),
                        "--bind-address=" + HOST, "--port=" + port, "--skip-name-resolve", "--skip-log-bin",
                        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                        "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=32M",
                        "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--max-connections=50")))
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("mariadbd.out").toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + mariadbd, e);
            }
            if (awaitConnections(process, admin, directory, port)) {
                return new MariaDbServer(directory, client, admin, process, port);
            }
            String log = ServerFiles.readLog(serverLog(directory));
            // another process may take the port between our probe and the server's bind
            if (!log.contains("Address already in use") || attempt == PORT_ATTEMPTS) {
                throw new IllegalStateException("MariaDB did not start on port " + port + " as " + account
                        + "\nserver log:\n" + log);
            }
        }
    }

    /** Whether the server came up (false when it exited); stops it and throws when it does not answer in time. */
    private static boolean awaitConnections(Process process, Path admin, Path directory, int port) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (process.isAlive()) {
            if (LocalCommand.run(adminCommand(admin, directory, "ping"), directory, TOOL_TIMEOUT).succeeded()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                kill(process);
                throw new IllegalStateException("MariaDB on port " + port + " did not accept connections within "
                        + READY_TIMEOUT + "\nserver log:\n" + ServerFiles.readLog(serverLog(directory)));
            }
            try {
                Thread.sleep(RETRY_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(process);
                throw new IllegalStateException("interrupted while waiting for MariaDB", e);
            }
        }
        return false;
    }

    private static List<String> adminCommand(Path admin, Path directory, String verb) {
        return List.of(admin.toString(), "--no-defaults", "--socket=" + socket(directory), "--user=" + USER,
                "--connect-timeout=5", verb);
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** The administrator that TCP connections authenticate as. */
    public String user() {
        return USER;
    }

    /** The administrator's password. */
    public String password() {
        return PASSWORD;
    }

    /** Creates an empty database called {@code name}. */
    public void createDatabase(String name) {
        execute("CREATE DATABASE " + quote(name));
    }

    /** Runs {@code sql} (one or more statements) outside any database. */
    public void execute(String sql) {
        run(null, sql);
    }

    /** Runs {@code sql} (one or more statements; DELIMITER works) in {@code database}. */
    public void execute(String database, String sql) {
        run(database, sql);
    }

    /**
     * The rows {@code sql} returns in {@code database}, each column as the client prints it in
     * batch mode (SQL NULL as {@code NULL}, tabs and newlines escaped).
     */
    public List<List<String>> query(String database, String sql) {
        String output = run(database, sql);
        List<List<String>> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(Collections.unmodifiableList(Arrays.asList(line.split("\t", -1))));
            }
        }
        return List.copyOf(rows);
    }

    /** The {@code CHECKSUM TABLE} value of {@code database.table}, which changes with any row. */
    public String checksum(String database, String table) {
        return query(database, "CHECKSUM TABLE " + quote(table) + " EXTENDED").getFirst().get(1);
    }

    /** {@code name} as a quoted identifier. */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private String run(String database, String sql) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
        }
        List<String> command = new ArrayList<>(List.of(client.toString(), "--no-defaults",
                "--socket=" + socket(directory), "--user=" + USER, "--default-character-set=utf8mb4", "--batch", "--skip-column-names",
                "--execute=" + sql));
        if (database != null) {
            command.add("--database=" + database);
        }
        LocalCommand.Result result = LocalCommand.run(command, directory, TOOL_TIMEOUT);
        if (!result.succeeded()) {
            throw new IllegalStateException((database == null ? "" : "in database " + database + ", ") + sql
                    + " failed: " + result.output());
        }
        return result.output();
    }

    /** Shuts the server down cleanly and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook has nothing left to do
        }
    }

    private void stopAndDelete() {
        if (process.isAlive()) {
            LocalCommand.run(adminCommand(admin, directory, "shutdown"), directory, TOOL_TIMEOUT);
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
        }
        ServerFiles.deleteTree(directory);
    }

    /** Stops the server and everything it started at once (runuser may stand between us and mariadbd). */
    private static void kill(Process process) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }




    private static Path data(Path directory) {
        return directory.resolve("data");
    }

    private static Path socket(Path directory) {
        return directory.resolve("mariadbd.sock");
    }

    private static Path serverLog(Path directory) {
        return directory.resolve("server.log");
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + HOST + ":" + port + ", " + directory + "]";
    }
}
