package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away OpenLDAP directory: {@link #start(String)} loads the suffix entry {@value #SUFFIX}
 * and the test's LDIF with {@code slapadd} into a fresh temporary directory, then runs
 * {@code slapd} in the foreground on a free loopback port; {@link #close()} stops it and deletes
 * the directory.
 *
 * <p>The configuration is a generated {@code slapd.conf} with the core, cosine, inetorgperson and
 * nis schemas and one mdb database. The manager {@link #managerDn()} binds with
 * {@link #managerPassword()}; anyone may bind as an entry with its {@code userPassword} (plain text
 * in the test's LDIF is fine) and read everything but passwords. Anonymous binds are allowed, as
 * in a default slapd, so a client that forgets to refuse an empty password would be caught.
 * Skips the test (or fails under CI) when {@code slapd} or {@code slapadd} is missing.
 */
public final class SlapdServer implements AutoCloseable {
    /** The directory's root. */
    public static final String SUFFIX = "dc=example,dc=org";
    private static final String HOST = "127.0.0.1";
    private static final String MANAGER = "cn=manager," + SUFFIX;
    private static final String PASSWORD = "secret-pw";
    private static final Path SCHEMAS = Path.of("/etc/ldap/schema");
    private static final Path MODULES = Path.of("/usr/lib/ldap");
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(50);

    private final Path directory;
    private final Process process;
    private final int port;
    private final Thread stopAtExit;
    private boolean closed;

    private SlapdServer(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.stopAtExit = Thread.ofPlatform().unstarted(this::stopAndDelete);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts a directory holding {@value #SUFFIX} and the entries of {@code ldif} (which must not
     * repeat the suffix entry), returning once it accepts connections.
     */
    public static SlapdServer start(String ldif) {
        Path slapd = program("slapd");
        Path slapadd = program("slapadd");
        Path directory;
        try {
            directory = Files.createTempDirectory("cairn-slapd-");
            Files.createDirectory(directory.resolve("data"));
            Files.writeString(directory.resolve("slapd.conf"), config(directory));
            Files.writeString(directory.resolve("entries.ldif"), """
                    dn: %s
                    objectClass: dcObject
                    objectClass: organization
                    dc: example
                    o: Example

                    """.formatted(SUFFIX) + ldif.strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a directory for slapd", e);
        }
        try {
            LocalCommand.run(List.of(slapadd.toString(), "-q", "-f", directory.resolve("slapd.conf").toString(), "-l",
                    directory.resolve("entries.ldif").toString()), directory, TOOL_TIMEOUT).orThrow();
            for (int attempt = 1; ; attempt++) {
                int port = Ports.free(HOST);
                Process process = launch(slapd, directory, port);
                if (ready(process, port)) {
                    return new SlapdServer(directory, process, port);
                }
                String log = ServerFiles.readLog(directory.resolve("slapd.log"));
                stop(process);
                if (!log.contains("Address already in use") || attempt == PORT_ATTEMPTS) {
                    throw new IllegalStateException("slapd on port " + port + " did not start within " + READY_TIMEOUT
                            + "\nserver log:\n" + log);
                }
            }
        } catch (RuntimeException | Error e) {
            ServerFiles.deleteTree(directory);
            throw e;
        }
    }

    private static Path program(String name) {
        Path sbin = Path.of("/usr/sbin", name);
        return Files.isExecutable(sbin) ? sbin : Binaries.require(name, "slapd");
    }

    private static String config(Path directory) {
        StringBuilder conf = new StringBuilder();
        for (String schema : List.of("core", "cosine", "inetorgperson", "nis")) {
            conf.append("include ").append(SCHEMAS.resolve(schema + ".schema")).append('\n');
        }
        if (Files.isDirectory(MODULES)) {
            conf.append("modulepath ").append(MODULES).append("\nmoduleload back_mdb\n");
        }
        conf.append("""
                pidfile %1$s/slapd.pid
                argsfile %1$s/slapd.args
                database mdb
                maxsize 16777216
                suffix "%2$s"
                rootdn "%3$s"
                rootpw %4$s
                directory %1$s/data
                access to attrs=userPassword by anonymous auth by self read by * none
                access to * by * read
                """.formatted(directory, SUFFIX, MANAGER, PASSWORD));
        return conf.toString();
    }

    private static Process launch(Path slapd, Path directory, int port) {
        try {
            // -d keeps slapd in the foreground, as this process's child, with its log in slapd.log
            return new ProcessBuilder(slapd.toString(), "-d", "256", "-f", directory.resolve("slapd.conf").toString(),
                    "-h", "ldap://" + HOST + ":" + port + "/")
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("slapd.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + slapd, e);
        }
    }

    private static boolean ready(Process process, int port) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return true;
            } catch (IOException e) {
                pause();
            }
        }
        return false;
    }

    /** {@code ldap://127.0.0.1:PORT} */
    public String url() {
        return "ldap://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The DN that may bind as the directory's manager (and read and write everything). */
    public String managerDn() {
        return MANAGER;
    }

    public String managerPassword() {
        return PASSWORD;
    }

    /** Stops the server and deletes its directory. */
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
        stop(process);
        ServerFiles.deleteTree(directory);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for slapd", e);
        }
    }

    @Override
    public String toString() {
        return "SlapdServer[" + url() + ", " + directory + "]";
    }
}
