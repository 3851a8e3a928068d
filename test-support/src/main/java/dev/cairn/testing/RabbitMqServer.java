package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A throw-away RabbitMQ broker with the management plugin: {@link #start()} runs
 * {@code rabbitmq-server} in the foreground with every directory (mnesia, logs, HOME with its own
 * Erlang cookie) in a fresh temporary directory, a unique node name, and its AMQP, distribution,
 * management and epmd ports on free loopback ports; {@link #close()} stops it with SIGTERM (a clean
 * shutdown), stops the epmd it started, and deletes the directory.
 *
 * <p>The broker's only user is {@code cairn}, password {@code secret-pw}, an administrator. Start-up
 * takes several seconds, so a test class starts one broker for all its tests. RabbitMQ runs as the
 * current user; it accepts root.
 */
public final class RabbitMqServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "cairn";
    private static final String PASSWORD = "secret-pw";
    private static final Path DEBIAN_SCRIPT = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Map<String, String> environment;
    private final int managementPort;
    private final int epmdPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread stopAtExit;
    private Process process;
    private boolean closed;

    private RabbitMqServer(Path directory, Map<String, String> environment, int managementPort, int epmdPort) {
        this.directory = directory;
        this.environment = environment;
        this.managementPort = managementPort;
        this.epmdPort = epmdPort;
        this.stopAtExit = Thread.ofPlatform().unstarted(this::stopAndDelete);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts a new broker and returns once its management API answers; skips the test (or fails
     * under CI) when RabbitMQ is not installed.
     */
    public static RabbitMqServer start() {
        Path script = Files.isExecutable(DEBIAN_SCRIPT) ? DEBIAN_SCRIPT : Binaries.require("rabbitmq-server", "rabbitmq-server");
        for (int attempt = 1; ; attempt++) {
            RabbitMqServer server = prepare();
            try {
                server.launch(script);
                return server;
            } catch (PortTaken e) {
                server.close();
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException("RabbitMQ found no free ports in " + START_ATTEMPTS + " attempts: "
                            + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }
    }

    /** Writes the configuration, enabled-plugins file and Erlang cookie into a new temporary directory. */
    private static RabbitMqServer prepare() {
        try {
            Path directory = Files.createTempDirectory("cairn-rabbitmq-");
            String node = "cairn-" + HexFormat.of().formatHex(randomBytes(6)) + "@localhost";
            int amqpPort = Ports.free(HOST);
            int distributionPort = Ports.free(HOST);
            int managementPort = Ports.free(HOST);
            int epmdPort = Ports.free(HOST);
            Path home = Files.createDirectory(directory.resolve("home"));
            Path cookie = home.resolve(".erlang.cookie");
            Files.writeString(cookie, HexFormat.of().formatHex(randomBytes(20)).toUpperCase());
            Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
            Files.writeString(directory.resolve("enabled_plugins"), "[rabbitmq_management].\n");
            Files.writeString(directory.resolve("rabbitmq.conf"), """
                    listeners.tcp.default = %s:%d
                    management.tcp.ip = %s
                    management.tcp.port = %d
                    default_user = %s
                    default_pass = %s
                    default_user_tags.administrator = true
                    default_permissions.configure = .*
                    default_permissions.read = .*
                    default_permissions.write = .*
                    log.console = false
                    log.file.level = info
                    """.formatted(HOST, amqpPort, HOST, managementPort, USER, PASSWORD));
            Map<String, String> environment = Map.ofEntries(
                    Map.entry("HOME", home.toString()),
                    Map.entry("RABBITMQ_NODENAME", node),
                    Map.entry("RABBITMQ_NODE_IP_ADDRESS", HOST),
                    Map.entry("RABBITMQ_NODE_PORT", Integer.toString(amqpPort)),
                    Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distributionPort)),
                    Map.entry("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString()),
                    Map.entry("RABBITMQ_LOG_BASE", directory.resolve("log").toString()),
                    Map.entry("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString()),
                    Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", directory.resolve("advanced.config").toString()),
                    Map.entry("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString()),
                    Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString()),
                    Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
                    // a private epmd on its own port, so that stopping it touches no other Erlang node
                    Map.entry("ERL_EPMD_PORT", Integer.toString(epmdPort)),
                    Map.entry("ERL_EPMD_ADDRESS", HOST));
            return new RabbitMqServer(directory, environment, managementPort, epmdPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a RabbitMQ directory", e);
        }
    }

    private void launch(Path script) {
        ProcessBuilder builder = new ProcessBuilder(script.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("RABBITMQ_") || name.startsWith("ERL_"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + script, e);
        }
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            Optional<String> problem = probe();
            if (problem.isEmpty()) {
                return;
            }
            String logs = logs();
            if (logs.contains("eaddrinuse")) {
                throw new PortTaken("a port was taken: " + problem.get());
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("RabbitMQ did not answer on management port " + managementPort + " within "
                        + READY_TIMEOUT + " (" + problem.get() + ")" + (process.isAlive() ? "" : ", it exited with status "
                        + process.exitValue()) + "; logs:\n" + logs);
            }
            try {
                Thread.sleep(RETRY_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for RabbitMQ", e);
            }
        }
    }

    /** Empty once the management API answers the administrator, else why not. */
    private Optional<String> probe() {
        try {
            HttpResponse<String> response = send("GET", "/api/overview", null);
            return response.statusCode() == 200 ? Optional.empty() : Optional.of("HTTP " + response.statusCode());
        } catch (IOException e) {
            return Optional.of(String.valueOf(e));
        }
    }

    /** The management API's base URL, such as {@code http://127.0.0.1:45123}. */
    public String managementUrl() {
        return "http://" + HOST + ":" + managementPort;
    }

    /** The administrator's name. */
    public String user() {
        return USER;
    }

    /** The administrator's password. */
    public String password() {
        return PASSWORD;
    }

    /** GETs {@code path} from the management API as the administrator and returns the body; fails unless 200. */
    public String get(String path) {
        return call("GET", path, null);
    }

    /** PUTs {@code json} to {@code path}; fails unless RabbitMQ accepts it. */
    public void put(String path, String json) {
        call("PUT", path, json);
    }

    /** POSTs {@code json} to {@code path}; fails unless RabbitMQ accepts it. */
    public void post(String path, String json) {
        call("POST", path, json);
    }

    /** DELETEs {@code path}; fails unless RabbitMQ accepts it. */
    public void delete(String path) {
        call("DELETE", path, null);
    }

    /** The HTTP status RabbitMQ answers to GET {@code path} as {@code user} with {@code password}. */
    public int statusAs(String user, String password, String path) {
        try {
            return send("GET", path, null, user, password).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        }
    }

    private String call(String method, String path, String json) {
        try {
            HttpResponse<String> response = send(method, path, json);
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException {
        return send(method, path, json, USER, PASSWORD);
    }

    private HttpResponse<String> send(String method, String path, String json, String user, String password)
            throws IOException {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** Stops the broker cleanly (SIGTERM, then a kill after 30 s), stops its epmd, and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAndDelete();
        http.close();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook has nothing left to do
        }
    }

    private void stopAndDelete() {
        stopBroker();
        stopEpmd();
        ServerFiles.deleteTree(directory);
    }

    private void stopBroker() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        // the start script turns SIGTERM into a clean broker shutdown
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // fall through to the kill below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void stopEpmd() {
        Optional<Path> epmd = Binaries.find("epmd");
        if (epmd.isEmpty()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(epmd.get().toString(), "-kill")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        try {
            Process kill = builder.start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            // no epmd was started, or it is already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logs() {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String text = Files.readString(file);
                logs.append("== ").append(directory.relativize(file)).append('\n')
                        .append(text.length() > 8000 ? text.substring(text.length() - 8000) : text).append('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            logs.append("(cannot read the logs: ").append(e.getMessage()).append(")");
        }
        return logs.toString();
    }


    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private Path console() {
        return directory.resolve("console.log");
    }

    @Override
    public String toString() {
        return "RabbitMqServer[" + managementUrl() + ", " + directory + "]";
    }

    /** The broker could not bind a port: another process took it between our probe and its bind. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String message) {
            super(message);
        }
    }
}
