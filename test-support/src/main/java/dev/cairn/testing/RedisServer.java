package dev.cairn.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throw-away Redis server: {@link #start()} starts {@code redis-server} daemonised on a free
 * loopback port with its data in a fresh temporary directory; {@link #close()} stops whichever
 * process the pid file names (the server may have been restarted meanwhile) and deletes the directory.
 *
 * <p>Clients authenticate as the default user with password {@code secret-pw}. Automatic saves are
 * off, append-only files are off, and diskless replication starts at once
 * ({@code repl-diskless-sync-delay 0}), so a snapshot over the replication protocol is quick.
 * {@link #command} is a minimal RESP client for test set-up and checks.
 */
public final class RedisServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String PASSWORD = "secret-pw";
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(50);
    private static final int CLIENT_TIMEOUT_MILLIS = 10_000;

    private final Path directory;
    private final Path program;
    private final int port;
    private final Thread stopAtExit;
    private boolean closed;

    private RedisServer(Path directory, Path program, int port) {
        this.directory = directory;
        this.program = program;
        this.port = port;
        this.stopAtExit = Thread.ofPlatform().unstarted(this::stopAndDelete);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts a new server and returns once it answers PING; skips the test (or fails under CI) when
     * Redis is not installed.
     */
    public static RedisServer start() {
        Path program = Binaries.require("redis-server", "redis-server");
        Path directory;
        try {
            directory = Files.createTempDirectory("cairn-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Redis", e);
        }
        for (int attempt = 1; ; attempt++) {
            RedisServer server = new RedisServer(directory, program, Ports.free(HOST));
            try {
                server.writeConfig();
                server.launch();
                return server;
            } catch (PortTaken e) {
                server.close(false);
                server.forgetFailedStart();
                if (attempt == PORT_ATTEMPTS) {
                    ServerFiles.deleteTree(directory);
                    throw new IllegalStateException("Redis found no free port in " + PORT_ATTEMPTS + " attempts: "
                            + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }
    }

    private void writeConfig() {
        String config = """
                bind %s
                port %d
                protected-mode yes
                daemonize yes
                pidfile "%s"
                logfile "%s"
                dir "%s"
                dbfilename dump.rdb
                requirepass %s
                save ""
                appendonly no
                repl-diskless-sync-delay 0
                """.formatted(HOST, port, pidFile(), logFile(), directory, PASSWORD);
        try {
            Files.writeString(configFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
    }

    private void launch() {
        LocalCommand.run(List.of(program.toString(), configFile().toString()), directory, TOOL_TIMEOUT).orThrow();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IllegalStateException e) {
                String log = readLog();
                if (log.contains("Address already in use")) {
                    throw new PortTaken("port " + port + " is taken");
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Redis on port " + port + " did not answer within " + READY_TIMEOUT
                            + ": " + e.getMessage() + "\nserver log:\n" + log, e);
                }
            }
            pause();
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

    /** The default user's password. */
    public String password() {
        return PASSWORD;
    }

    /** The RDB file the server loads at start ({@code dir} + {@code dbfilename}). */
    public Path rdbPath() {
        return directory.resolve("dump.rdb");
    }

    /** A shell command that starts this server again, daemonised, with the same configuration. */
    public String startCommand() {
        return "'" + program + "' '" + configFile() + "'";
    }

    /**
     * Sends one command and returns the reply: a String for simple and bulk strings, a Long for
     * integers, a List for arrays, null for a null reply.
     *
     * @throws IllegalStateException for an error reply or when the server cannot be reached
     */
    public Object command(String... arguments) {
        return command(0, arguments);
    }

    /** Like {@link #command(String...)}, in database number {@code database}. */
    public Object command(int database, String... arguments) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), CLIENT_TIMEOUT_MILLIS);
            socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            send(out, List.of("AUTH", PASSWORD));
            send(out, List.of("SELECT", Integer.toString(database)));
            send(out, List.of(arguments));
            out.flush();
            read(in);
            read(in);
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("Redis on port " + port + ": " + String.join(" ", arguments)
                    + " failed: " + e, e);
        }
    }

    /** The command's reply in {@code database} as a list of strings, for array replies such as KEYS or LRANGE. */
    @SuppressWarnings("unchecked")
    public List<String> list(int database, String... arguments) {
        return (List<String>) command(database, arguments);
    }

    private static void send(OutputStream out, List<String> arguments) throws IOException {
        out.write(("*" + arguments.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IllegalStateException("Redis replied " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length);
                readLine(in);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield items;
            }
            case -1 -> throw new EOFException("Redis closed the connection");
            default -> throw new IOException("unexpected RESP type " + (char) type + line);
        };
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new EOFException("Redis closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Stops the server without saving and deletes its directory. */
    @Override
    public void close() {
        close(true);
    }

    private synchronized void close(boolean delete) {
        if (closed) {
            return;
        }
        closed = true;
        if (delete) {
            stopAndDelete();
        } else {
            stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook has nothing left to do
        }
    }

    private void stopAndDelete() {
        stop();
        ServerFiles.deleteTree(directory);
    }

    private void stop() {
        Optional<ProcessHandle> running = pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (running.isEmpty()) {
            return;
        }
        ProcessHandle process = running.get();
        // with no save points configured, SIGTERM ends Redis without writing a snapshot
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // the directory is deleted next anyway
        }
    }

    private void forgetFailedStart() {
        try {
            Files.deleteIfExists(logFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up after a failed start in " + directory, e);
        }
    }

    private Optional<Long> pid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            // no pid file (the server never started or was stopped) or one being written
            return Optional.empty();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        }
    }

    private String readLog() {
        try {
            return Files.isRegularFile(logFile()) ? Files.readString(logFile()) : "(no server log)";
        } catch (IOException e) {
            return "(cannot read the server log: " + e.getMessage() + ")";
        }
    }


    private Path configFile() {
        return directory.resolve("redis.conf");
    }

    private Path pidFile() {
        return directory.resolve("redis.pid");
    }

    private Path logFile() {
        return directory.resolve("redis.log");
    }

    @Override
    public String toString() {
        return "RedisServer[" + HOST + ":" + port + ", " + directory + "]";
    }

    /** Redis could not bind its port: another process took it between our probe and its bind. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String message) {
            super(message);
        }
    }
}
