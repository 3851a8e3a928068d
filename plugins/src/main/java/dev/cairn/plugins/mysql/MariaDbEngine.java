package dev.cairn.plugins.mysql;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.TaskContext;
import dev.cairn.plugins.engine.LocalServer;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/**
 * The {@code mysql} engine: a MariaDB server of its own (mariadb-install-db) in an
 * {@link EngineHome}, loaded from a mariadb-dump archive through the {@code mariadb} client.
 *
 * <p>{@code root@localhost} has no password and is reached only through the socket in the home's
 * 0700 {@code run/} directory (names are not resolved, so a TCP client is never {@code localhost});
 * every other account the installation makes is removed. A dump of every database is loaded without
 * its {@code mysql} system database, so the source's accounts and passwords never arrive; after
 * {@link #grant} the granted account is the only one that may sign in over TCP. The server is
 * started detached (setsid), so it outlives the Cairn process that started it.
 */
public final class MariaDbEngine implements Engine {
    private static final String ROOT = "root";
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9_]{1,80}");
    private static final List<String> SYSTEM_DATABASES = List.of("mysql", "information_schema", "performance_schema", "sys");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final List<String> SERVERS = List.of("mariadbd", "mysqld");
    private static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"), Path.of("/usr/libexec"));
    /** The installation's accounts but root and mariadb.sys at localhost (root@hostname, @127.0.0.1, @::1, anonymous). */
    private static final String BOOTSTRAP = """
            USE mysql;
            DELETE FROM global_priv WHERE NOT (Host = 'localhost' AND User IN ('root', 'mariadb.sys'));
            DELETE FROM proxies_priv WHERE NOT (Host = 'localhost' AND User = 'root');
            """;
    private static final int HEADER_BYTES = 8 * 1024;

    /** Creates the engine; {@link java.util.ServiceLoader} calls this. */
    public MariaDbEngine() {
    }

    @Override
    public String plugin() {
        return "mysql";
    }

    @Override
    public void initialise(EngineHome engineHome, TaskContext context) throws IOException {
        MariaDbHome home = new MariaDbHome(engineHome);
        home.requireShortSocketPath();
        LocalServer.prepareEmptyHome(engineHome, home.data(), home.run());
        context.log("initialising a MariaDB server in " + home.data()
                + (engineHome.account().isEmpty() ? "" : " as account " + engineHome.account()));
        run(engineHome, LocalServer.asAccount(engineHome, List.of(program("mariadb-install-db", "mysql_install_db"),
                "--no-defaults", "--datadir=" + home.data(), "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve", "--innodb-log-file-size=32M")), InputStream.nullInputStream(),
                "mariadb-install-db", context);
        run(engineHome, LocalServer.asAccount(engineHome, List.of(server(), "--no-defaults", "--bootstrap",
                "--datadir=" + home.data(), "--skip-networking", "--skip-grant-tables", "--log-warnings=0",
                "--innodb-log-file-size=32M")), new ByteArrayInputStream(BOOTSTRAP.getBytes(StandardCharsets.UTF_8)),
                "mariadbd --bootstrap", context);
    }

    @Override
    public void start(EngineHome engineHome, TaskContext context) throws IOException {
        if (running(engineHome)) {
            return;
        }
        MariaDbHome home = new MariaDbHome(engineHome);
        if (!Files.isDirectory(home.data().resolve("mysql"))) {
            throw new PluginException(home.directory() + " holds no MariaDB server (initialise it first)");
        }
        home.requireShortSocketPath();
        Optional<ProcessHandle> already = serverProcess(home);
        if (already.isPresent()) {
            throw new PluginException("the MariaDB server of " + home.directory() + " already runs (pid " + already.get().pid()
                    + ") but does not answer on " + engineHome.host() + ":" + engineHome.port());
        }
        LocalServer.ownedDirectory(engineHome, home.run());
        Files.deleteIfExists(home.socket());
        Files.deleteIfExists(home.pidFile());
        long offset = LocalServer.size(home.log());
        context.log("starting MariaDB on " + engineHome.host() + ":" + engineHome.port() + " from " + home.data());
        List<String> command = new ArrayList<>(List.of(setsid(), "--fork", server(), "--no-defaults",
                "--datadir=" + home.data(), "--socket=" + home.socket(), "--pid-file=" + home.pidFile(),
                "--log-error=" + home.log(), "--port=" + engineHome.port(), "--bind-address=" + engineHome.host(),
                "--skip-name-resolve", "--skip-log-bin", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci", "--innodb-log-file-size=32M", "--innodb-buffer-pool-size=64M",
                "--max-connections=100"));
        // not through the task's spawn: the server must not hold a pipe of ours, nor be stopped with the task
        Process launcher = new ProcessBuilder(LocalServer.asAccount(engineHome, command))
                .directory(home.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.output().toFile()))
                .start();
        awaitLauncher(launcher, engineHome);
        awaitSocket(home, engineHome, offset, context);
    }

    /**
     * Replays the dump with the mariadb client over the socket: one database into a database of the
     * name its header gives (created here), every database without the {@code mysql} system one.
     * InnoDB flushes its log about once a second instead of at each commit while it loads.
     */
    @Override
    public void load(EngineHome engineHome, InputStream raw, TaskContext context) throws IOException {
        MariaDbHome home = new MariaDbHome(engineHome);
        BufferedInputStream stream = new BufferedInputStream(raw, HEADER_BYTES);
        stream.mark(HEADER_BYTES);
        byte[] head = stream.readNBytes(HEADER_BYTES);
        stream.reset();
        if (head.length == 0) {
            throw new PluginException("the archive is empty");
        }
        String database = DumpScope.dumpedDatabase(new String(head, StandardCharsets.UTF_8))
                .orElseThrow(() -> new PluginException("this archive's header names no database (was it dumped with"
                        + " --skip-comments?): it cannot be loaded into an image"));
        sql(home, null, "SET GLOBAL innodb_flush_log_at_trx_commit = 0;", context);
        InputStream dump;
        List<String> command = client(home);
        if (database.isEmpty()) {
            context.log("loading every database of the archive with the mariadb client, without its mysql system database");
            dump = new SystemSchemaFilter(stream);
        } else {
            context.log("loading database " + database + " with the mariadb client");
            sql(home, null, "CREATE DATABASE IF NOT EXISTS " + quote(database) + ";", context);
            command.add("--database=" + database);
            dump = stream;
        }
        try (ChildProcess child = context.spawn(new ProcessSpec(command, Map.of(), home.directory()))) {
            ProcessStreams.feedInput(child, "mariadb", dump, context);
        }
        if (dump.read() != -1) {
            throw new PluginException("mariadb finished before the end of the archive");
        }
        sql(home, null, "SET GLOBAL innodb_flush_log_at_trx_commit = 1;", context);
        context.log("loaded database(s) " + String.join(", ", loadedDatabases(home, context)));
    }

    /** Runs the script as root in the first loaded database, stopping at its first error. */
    @Override
    public void runScript(EngineHome engineHome, String script, TaskContext context) throws IOException {
        MariaDbHome home = new MariaDbHome(engineHome);
        List<String> databases = loadedDatabases(home, context);
        List<String> command = client(home);
        if (!databases.isEmpty()) {
            command.add("--database=" + databases.getFirst());
        }
        context.log("running the script" + (databases.isEmpty() ? "" : " in database " + databases.getFirst()));
        try (ChildProcess child = context.spawn(new ProcessSpec(command, Map.of(), home.directory()))) {
            ProcessStreams.feedInput(child, "mariadb", new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), context);
        } catch (PluginException e) {
            throw new PluginException(scriptFailure(e.getMessage()), e);
        }
    }

    /**
     * OPTIMIZE TABLE (for InnoDB a rebuild) and ANALYZE TABLE of every table of the loaded databases,
     * and a slow shutdown next time (innodb_fast_shutdown = 0), which purges the old row versions from
     * the undo logs.
     */
    @Override
    public void compact(EngineHome engineHome, TaskContext context) throws IOException {
        MariaDbHome home = new MariaDbHome(engineHome);
        List<String> databases = loadedDatabases(home, context);
        List<String> tables = databases.isEmpty() ? List.of() : sql(home, null, """
                SELECT CONCAT('`', REPLACE(TABLE_SCHEMA, '`', '``'), '`.`', REPLACE(TABLE_NAME, '`', '``'), '`')
                  FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN (%s);
                """.formatted(String.join(", ", databases.stream().map(MariaDbEngine::literal).toList())), context);
        context.log("compacting " + tables.size() + " table(s) (OPTIMIZE TABLE, ANALYZE TABLE)");
        StringBuilder script = new StringBuilder();
        for (String table : tables) {
            script.append("OPTIMIZE TABLE ").append(table).append(";\nANALYZE TABLE ").append(table).append(";\n");
        }
        script.append("SET GLOBAL innodb_fast_shutdown = 0;\n");
        for (String row : sql(home, null, script.toString(), context)) {
            String[] columns = row.split("\t", -1);
            if (columns.length >= 4 && columns[2].equalsIgnoreCase("error")) {
                throw new PluginException("compacting " + columns[0] + " failed: " + columns[3]);
            }
        }
    }

    /**
     * Creates (or re-creates) {@code user@'%'} with the password, as its mysql_native_password hash
     * computed here, with every privilege on each loaded database, and locks every other account
     * but root and mariadb.sys at localhost (which TCP never reaches).
     */
    @Override
    public List<String> grant(EngineHome engineHome, EngineAccess access, TaskContext context) throws IOException {
        MariaDbHome home = new MariaDbHome(engineHome);
        String user = access.user();
        if (!ACCOUNT_NAME.matcher(user).matches() || user.equals(ROOT) || user.equals("mysql")) {
            throw new PluginException("an instance account must be letters, digits and _ (not root or mysql), got " + user);
        }
        context.redact(access.password());
        String hash = nativePasswordHash(access.password());
        context.redact(hash);
        List<String> databases = loadedDatabases(home, context);
        StringBuilder script = new StringBuilder("CREATE OR REPLACE USER " + literal(user) + "@'%' IDENTIFIED BY PASSWORD "
                + literal(hash) + ";\n");
        for (String database : databases) {
            script.append("GRANT ALL PRIVILEGES ON ").append(quote(database)).append(".* TO ").append(literal(user))
                    .append("@'%';\n");
        }
        sql(home, null, script.toString(), context);
        List<String> others = sql(home, null, """
                SELECT CONCAT(QUOTE(User), '@', QUOTE(Host)) FROM mysql.user
                 WHERE NOT (Host = 'localhost' AND User IN ('root', 'mariadb.sys')) AND NOT (User = %s AND Host = '%%');
                """.formatted(literal(user)), context);
        if (!others.isEmpty()) {
            StringBuilder lock = new StringBuilder();
            others.forEach(account -> lock.append("ALTER USER ").append(account).append(" ACCOUNT LOCK;\n"));
            sql(home, null, lock.toString(), context);
            context.log("locked " + others.size() + " other account(s): " + String.join(", ", others));
        }
        context.log("account " + user + " has every privilege on database(s) " + String.join(", ", databases)
                + " and is the only one that may sign in over TCP");
        return databases;
    }

    /** mariadb-admin shutdown (a clean one), then waits for the server's process to end. */
    @Override
    public void stop(EngineHome engineHome, TaskContext context) throws IOException {
        MariaDbHome home = new MariaDbHome(engineHome);
        Optional<ProcessHandle> server = serverProcess(home);
        if (server.isEmpty()) {
            return;
        }
        context.log("stopping MariaDB on port " + engineHome.port() + " (clean shutdown)");
        run(engineHome, List.of(program("mariadb-admin", "mysqladmin"), "--no-defaults", "--socket=" + home.socket(),
                "--user=" + ROOT, "--connect-timeout=30", "--shutdown-timeout=" + STOP_TIMEOUT.toSeconds(), "shutdown"),
                InputStream.nullInputStream(), "mariadb-admin", context);
        try {
            server.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("interrupted while waiting for MariaDB on port " + engineHome.port() + " to stop", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PluginException("MariaDB on port " + engineHome.port() + " did not stop within " + STOP_TIMEOUT, e);
        }
    }

    @Override
    public boolean running(EngineHome engineHome) {
        try {
            MariaDbHome home = new MariaDbHome(engineHome);
            return serverProcess(home).isPresent() && LocalServer.answers(engineHome);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void awaitLauncher(Process launcher, EngineHome home) throws IOException {
        try {
            if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                throw new PluginException("the launcher of MariaDB on port " + home.port() + " did not return");
            }
            if (launcher.exitValue() != 0) {
                throw new PluginException("cannot launch MariaDB on port " + home.port() + " (exit status "
                        + launcher.exitValue() + "): " + LocalServer.whyNotStarted(new MariaDbHome(home).output(), 0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("interrupted while starting MariaDB", e);
        }
    }

    /** Waits until the server accepts connections on its socket, or says why it ended. */
    private static void awaitSocket(MariaDbHome home, EngineHome engineHome, long offset, TaskContext context) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        boolean seenPid = false;
        while (true) {
            if (Files.exists(home.socket()) && accepts(home.socket())) {
                return;
            }
            boolean alive = serverProcess(home).isPresent();
            seenPid |= alive;
            String log = LocalServer.whyNotStarted(home.log(), offset);
            if ((seenPid && !alive) || log.contains("Aborting")) {
                throw new PluginException("MariaDB did not start on " + engineHome.host() + ":" + engineHome.port() + ": " + log);
            }
            if (Instant.now().isAfter(deadline) || context.cancelled()) {
                throw new PluginException("MariaDB on " + engineHome.host() + ":" + engineHome.port() + " did not accept"
                        + " connections within " + START_TIMEOUT + (context.cancelled() ? " (cancelled)" : "") + ": " + log);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** The live server process the home's pid file names, if any. */
    private static Optional<ProcessHandle> serverProcess(MariaDbHome home) {
        return LocalServer.process(home.pidFile(), "mariadbd").or(() -> LocalServer.process(home.pidFile(), "mysqld"));
    }

    private static boolean accepts(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> loadedDatabases(MariaDbHome home, TaskContext context) throws IOException {
        return sql(home, null, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ("
                + String.join(", ", SYSTEM_DATABASES.stream().map(MariaDbEngine::literal).toList()) + ") ORDER BY SCHEMA_NAME;",
                context);
    }

    /** The mariadb client as root through the home's socket, in batch mode. */
    private static List<String> client(MariaDbHome home) {
        return new ArrayList<>(List.of(ClientPrograms.client(), "--no-defaults", "--socket=" + home.socket(),
                "--user=" + ROOT, "--batch", "--skip-column-names", "--default-character-set=utf8mb4",
                "--max-allowed-packet=1G", "--connect-timeout=30"));
    }

    /** The client connections now (the server's own threads and this count's left out), through root's socket. */
    @Override
    public int clients(EngineHome engineHome, TaskContext context) throws IOException {
        List<String> rows = sql(new MariaDbHome(engineHome), null, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump') AND USER <> 'system user';",
                context);
        try {
            return rows.isEmpty() ? -1 : Integer.parseInt(rows.getLast().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Runs a short {@code script} through the client and returns the rows it printed. */
    private static List<String> sql(MariaDbHome home, String database, String script, TaskContext context) throws IOException {
        List<String> command = client(home);
        if (database != null) {
            command.add("--database=" + database);
        }
        try (ChildProcess child = context.spawn(new ProcessSpec(command, Map.of(), home.directory()))) {
            try (OutputStream stdin = child.stdin()) {
                stdin.write(script.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                child.await();
                throw new PluginException("mariadb stopped reading its script", e);
            }
            List<String> lines;
            try (BufferedReader stdout = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8))) {
                lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            }
            child.await();
            return lines;
        }
    }

    private static void run(EngineHome home, List<String> command, InputStream input, String program, TaskContext context)
            throws IOException {
        try (ChildProcess child = context.spawn(new ProcessSpec(command, Map.of(), home.directory().toAbsolutePath()))) {
            ProcessStreams.feedInput(child, program, input, context);
        }
    }

    /** "…/mariadb exited with status 1: ERROR 1146 (42S02) at line 2: …" as "the script failed: ERROR 1146 …". */
    static String scriptFailure(String message) {
        String text = message == null ? "" : message;
        int status = text.indexOf("exited with status");
        int colon = status < 0 ? -1 : text.indexOf(": ", status);
        String detail = colon < 0 ? text : text.substring(colon + 2);
        // the client echoes the failing statement between dashes before the error itself
        List<String> parts = Stream.of(detail.split(" / ")).map(String::strip).filter(part -> !part.isEmpty()).toList();
        String error = parts.stream().filter(part -> part.startsWith("ERROR")).findFirst()
                .orElse(parts.isEmpty() ? detail : parts.getLast());
        return ("the script failed: " + error).replaceAll("\\s+", " ").strip();
    }

    /** mysql_native_password's stored form: {@code *} and the upper-case hex of SHA1(SHA1(password)). */
    static String nativePasswordHash(String password) {
        if (password.isEmpty()) {
            throw new PluginException("an instance password must not be empty");
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().withUpperCase().formatHex(sha1.digest(once));
        } catch (NoSuchAlgorithmException e) {
            throw new PluginException("SHA-1 is not available: " + e.getMessage(), e);
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String server() {
        return program(SERVERS.toArray(String[]::new));
    }

    private static String setsid() {
        return program("setsid");
    }

    /** The first of {@code names} on the PATH or in an sbin directory, else a readable failure. */
    private static String program(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        List<Path> directories = new ArrayList<>(Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(Path::of).toList());
        directories.addAll(SBIN);
        for (String name : names) {
            for (Path directory : directories) {
                Path candidate = directory.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new PluginException(String.join(" / ", names) + " is not installed (looked on the PATH and in " + SBIN
                + "): install mariadb-server (and util-linux for setsid)");
    }
}
