package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A throw-away PostgreSQL server: {@link #start()} runs initdb in a fresh temporary directory and
 * starts it on a free loopback port; {@link #close()} stops it and deletes the directory.
 *
 * <p>TCP connections authenticate with scram-sha-256 as superuser {@code postgres}, password
 * {@code secret-pw}, so a wrong password really fails; the unix socket (inside the temporary
 * directory) trusts local users. When the tests run as root, the server runs as the {@code postgres}
 * account (else {@code nobody}) through {@code runuser}, because PostgreSQL refuses root.
 * Durability is switched off for speed.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    private static final String PASSWORD = "secret-pw";
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

    private final Path directory;
    private final Path pgCtl;
    private final ServiceAccount account;
    private final int port;
    private final Thread stopAtExit;
    private boolean closed;

    private PostgresServer(Path directory, Path pgCtl, ServiceAccount account, int port) {
        this.directory = directory;
        this.pgCtl = pgCtl;
        this.account = account;
        this.port = port;
        this.stopAtExit = Thread.ofPlatform().unstarted(this::stopAndDelete);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Initialises and starts a new server, returning once it accepts connections; skips the test
     * (or fails under CI) when PostgreSQL is not installed.
     */
    public static PostgresServer start() {
        Path initdb = Binaries.require("initdb", "postgresql");
        Path pgCtl = Binaries.require("pg_ctl", "postgresql");
        ServiceAccount account = ServiceAccount.forServers();
        Path directory = account.createDirectory("cairn-pg-");
        try {
            initialise(initdb, account, directory);
            return startOnFreePort(pgCtl, account, directory);
        } catch (RuntimeException | Error e) {
            stop(pgCtl, account, directory);
            ServerFiles.deleteTree(directory);
            throw e;
        }
    }

    private static void initialise(Path initdb, ServiceAccount account, Path directory) {
        Path passwordFile = directory.resolve("password");
        Path socket = directory.resolve("socket");
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
            Files.createDirectory(socket);
            account.own(directory);
            LocalCommand.run(account.command(List.of(initdb.toString(), "--pgdata=" + data(directory),
                    "--username=" + USER, "--pwfile=" + passwordFile, "--auth-local=trust",
                    "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync")),
                    directory, TOOL_TIMEOUT).orThrow();
            Files.delete(passwordFile);
            String settings = """

                    # cairn test fixture
                    listen_addresses = '%s'
                    unix_socket_directories = '%s'
                    max_connections = 50
                    shared_buffers = 32MB
                    fsync = off
                    synchronous_commit = off
                    full_page_writes = off
                    """.formatted(HOST, socket.toString().replace("'", "''"));
            Files.writeString(data(directory).resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL in " + directory, e);
        }
    }

    private static PostgresServer startOnFreePort(Path pgCtl, ServiceAccount account, Path directory) {
        for (int attempt = 1; ; attempt++) {
            int port = Ports.free(HOST);
            LocalCommand.Result started = LocalCommand.run(account.command(List.of(pgCtl.toString(), "start",
                    "--wait", "--timeout=60", "--pgdata=" + data(directory), "--log=" + serverLog(directory),
                    "-o", "-p " + port)), directory, TOOL_TIMEOUT);
            if (started.succeeded()) {
                PostgresServer server = new PostgresServer(directory, pgCtl, account, port);
                try {
                    server.awaitConnections();
                    return server;
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
            String log = ServerFiles.readLog(serverLog(directory));
            // another process may take the port between our probe and the server's bind
            boolean portTaken = log.contains("Address already in use") || log.contains("could not create any TCP/IP sockets");
            if (!portTaken || attempt == PORT_ATTEMPTS) {
                throw new IllegalStateException("PostgreSQL did not start on port " + port + " as " + account + ": "
                        + started.output() + "\nserver log:\n" + log);
            }
        }
    }

    private void awaitConnections() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
                return;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL on port " + port + " did not accept connections within "
                            + READY_TIMEOUT + ": " + e.getMessage() + "\nserver log:\n" + ServerFiles.readLog(serverLog(directory)), e);
                }
            }
            try {
                Thread.sleep(RETRY_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
            }
        }
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** The superuser that TCP connections authenticate as. */
    public String user() {
        return USER;
    }

    /** The superuser's password. */
    public String password() {
        return PASSWORD;
    }

    /** The JDBC URL of database {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** A new connection to {@code database} as the superuser; the caller closes it. */
    public Connection connect(String database) {
        try {
            return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl(database) + ": " + e.getMessage(), e);
        }
    }

    /** Creates an empty database called {@code name}. */
    public void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
    }

    /** Runs {@code sql} (one or more statements) in {@code database}. */
    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("in database " + database + ", " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** The rows {@code sql} returns in {@code database}, each column as text (null for SQL NULL). */
    public List<List<String>> query(String database, String sql) {
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int column = 1; column <= columns; column++) {
                    row.add(rows.getString(column));
                }
                result.add(Collections.unmodifiableList(row));
            }
            return List.copyOf(result);
        } catch (SQLException e) {
            throw new IllegalStateException("in database " + database + ", " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Stops the server at once (no checkpoint: its data is thrown away) and deletes its directory. */
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
        stop(pgCtl, account, directory);
        ServerFiles.deleteTree(directory);
    }

    private static void stop(Path pgCtl, ServiceAccount account, Path directory) {
        if (Files.isRegularFile(data(directory).resolve("postmaster.pid"))) {
            LocalCommand.run(account.command(List.of(pgCtl.toString(), "stop", "--wait", "--mode=immediate",
                    "--pgdata=" + data(directory))), directory, TOOL_TIMEOUT);
        }
    }




    private static Path data(Path directory) {
        return directory.resolve("data");
    }

    private static Path serverLog(Path directory) {
        return directory.resolve("server.log");
    }

    @Override
    public String toString() {
        return "PostgresServer[" + HOST + ":" + port + ", " + directory + "]";
    }
}
