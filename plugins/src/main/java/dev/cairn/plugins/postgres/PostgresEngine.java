package dev.cairn.plugins.postgres;

import dev.cairn.plugin.BoundedPipe;
import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.TaskContext;
import dev.cairn.plugins.engine.LocalServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code postgres} engine: a PostgreSQL cluster of its own (initdb) in an {@link EngineHome},
 * loaded from a one-database archive (pg_dump custom format) with pg_restore.
 *
 * <p>The superusers ({@code postgres}, and {@code cairn_loader}, which loads and runs scripts) are
 * let in only through the Unix socket in the home (a 0700 directory of the home's account) with
 * {@code trust}; over TCP every role but those two may try scram-sha-256, and after {@link #grant}
 * only the granted role has a password and may sign in. The cluster runs with {@code wal_level =
 * minimal} and {@code synchronous_commit = off} (a throw-away copy needs no replicas and may lose
 * its last transaction in a crash); fsync is off only while loading.
 */
public final class PostgresEngine implements Engine {
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PSQL_ERROR = Pattern.compile("psql:[^:]*:(\\d+): (.*)$");
    private static final String LISTEN_FILE = "cairn-listen.conf";
    private static final String SETTINGS = """

            # Cairn engine: a throw-away copy, reached through %s and over TCP with scram-sha-256
            wal_level = minimal
            max_wal_senders = 0
            synchronous_commit = off
            # on copy-on-write file systems, zero-filled or recycled WAL segments only cost blocks
            wal_init_zero = off
            wal_recycle = off
            password_encryption = scram-sha-256
            unix_socket_permissions = 0700
            include_if_exists = '%s'
            """;
    /** Superusers through the socket only; everyone else over TCP with a scram-sha-256 password. */
    private static final String HBA = """
            # Cairn engine: superusers through the socket only, others over TCP with scram-sha-256
            local   all   all                          trust
            host    all   %s,%s   all   reject
            host    all   all                   all   scram-sha-256
            """.formatted(PgHome.SUPERUSER, PgHome.LOADER);
    /** Marks a loaded database named postgres, which the list of loaded databases otherwise leaves out. */
    private static final String LOADED_MARK = "loaded by cairn";
    private static final PsqlScript LOADED_DATABASES = new PsqlScript("""
            SELECT datname FROM pg_database WHERE datname NOT IN ('template0', 'template1')
              AND (datname <> 'postgres' OR shobj_description(oid, 'pg_database') = '%s') ORDER BY oid;
            """.formatted(LOADED_MARK));
    private static final PsqlScript ENSURE_LOADER = new PsqlScript("""
            \\set ON_ERROR_STOP on
            SELECT 'CREATE ROLE %s SUPERUSER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') \\gexec
            """.formatted(PgHome.LOADER, PgHome.LOADER));
    private static final PsqlScript DROP_POSTGRES = new PsqlScript("""
            \\set ON_ERROR_STOP on
            DROP DATABASE postgres;
            """);
    private static final PsqlScript MARK_POSTGRES_LOADED = new PsqlScript("""
            \\set ON_ERROR_STOP on
            COMMENT ON DATABASE postgres IS '%s';
            """.formatted(LOADED_MARK));
    private static final PsqlScript CLIENTS = new PsqlScript("""
            SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid();
            """);
    private static final PsqlScript FSYNC_OFF = new PsqlScript("""
            \\set ON_ERROR_STOP on
            ALTER SYSTEM SET fsync = off;
            SELECT pg_reload_conf();
            """);
    private static final PsqlScript FSYNC_ON = new PsqlScript("""
            \\set ON_ERROR_STOP on
            ALTER SYSTEM RESET fsync;
            SELECT pg_reload_conf();
            """);

    /** The database a rewriting load shows the archive's schema in. */
    private static final String PROBE = "cairn_schema_probe";
    private static final PsqlScript CREATE_PROBE = new PsqlScript("""
            \\set ON_ERROR_STOP on
            SET client_min_messages = warning;
            DROP DATABASE IF EXISTS %1$s;
            CREATE DATABASE %1$s;
            """.formatted(PROBE));
    private static final PsqlScript DROP_PROBE = new PsqlScript("""
            \\set ON_ERROR_STOP on
            DROP DATABASE IF EXISTS %s WITH (FORCE);
            """.formatted(PROBE));
    /** How far, in {@link BoundedPipe#CHUNK}s, the rewritten data may run ahead of psql (4 MiB). */
    private static final int LOAD_AHEAD_CHUNKS = 64;
    /** The memory the rewriting load's index builds may sort in. */
    private static final String LOAD_MAINTENANCE_MEMORY = "512MB";
    /** What a load leaves out: the owners, roles, places and replication of the server it was dumped from. */
    private static final List<String> RESTORE_LEAVES_OUT = List.of("--no-owner", "--no-privileges", "--no-tablespaces",
            "--no-subscriptions", "--no-publications", "--no-security-labels");

    /** Creates the engine; {@link java.util.ServiceLoader} calls this. */
    public PostgresEngine() {
    }

    @Override
    public String plugin() {
        return "postgres";
    }

    /** Only a one-database archive (custom format) loads; a pg_dumpall script of the whole server does not. */
    @Override
    public String refuses(Endpoint endpoint) {
        if (endpoint.string("database").orElse("").isBlank()) {
            return "this postgres archive holds every database of a server (pg_dumpall SQL); only an archive of one"
                    + " database (pg_dump custom format, from a target whose 'database' is set) can be loaded into an image";
        }
        return "";
    }

    @Override
    public void initialise(EngineHome engineHome, TaskContext context) throws IOException {
        PgHome home = new PgHome(engineHome);
        home.requireShortSocketPath();
        LocalServer.requireReachable(engineHome);
        Files.createDirectories(home.directory());
        if (Files.exists(home.data()) && !isEmpty(home.data())) {
            throw new PluginException(home.data() + " already holds a data directory");
        }
        LocalServer.ownedDirectory(engineHome, home.directory());
        LocalServer.ownedDirectory(engineHome, home.socketDirectory());
        context.log("initialising a PostgreSQL cluster in " + home.data()
                + (engineHome.account().isEmpty() ? "" : " as account " + engineHome.account()));
        run(engineHome, LocalServer.asAccount(engineHome, List.of(PostgresPrograms.path("initdb"), "--pgdata=" + home.data(),
                "--username=" + PgHome.SUPERUSER, "--auth-local=trust", "--auth-host=reject", "--encoding=UTF8",
                "--locale=C", "--no-sync", "--no-instructions")), "initdb", context);
        Files.writeString(home.data().resolve("postgresql.conf"),
                SETTINGS.formatted(home.socketDirectory(), LISTEN_FILE), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(home.data().resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void start(EngineHome engineHome, TaskContext context) throws IOException {
        if (running(engineHome)) {
            return;
        }
        PgHome home = new PgHome(engineHome);
        if (!Files.isRegularFile(home.data().resolve("PG_VERSION"))) {
            throw new PluginException(home.directory() + " holds no PostgreSQL cluster (initialise it first)");
        }
        home.requireShortSocketPath();
        LocalServer.ownedDirectory(engineHome, home.socketDirectory());
        LocalServer.ownedFile(engineHome, home.data().resolve(LISTEN_FILE), """
                listen_addresses = '%s'
                port = %d
                unix_socket_directories = '%s'
                """.formatted(literal(engineHome.host()), engineHome.port(), literal(home.socketDirectory().toString())));
        long offset = LocalServer.size(home.log());
        context.log("starting PostgreSQL on " + engineHome.host() + ":" + engineHome.port() + " from " + home.data());
        try {
            run(engineHome, LocalServer.asAccount(engineHome, List.of(PostgresPrograms.path("pg_ctl"), "start", "--wait",
                    "--timeout=120", "--silent", "--pgdata=" + home.data(), "--log=" + home.log())), "pg_ctl", context);
        } catch (PluginException e) {
            throw new PluginException("PostgreSQL did not start on " + engineHome.host() + ":" + engineHome.port() + ": "
                    + LocalServer.whyNotStarted(home.log(), offset), e);
        }
    }

    /**
     * Restores the archive with pg_restore {@code --create}, so its database keeps its name; owners,
     * privileges, tablespaces, subscriptions, publications and security labels are left out (their
     * roles and places do not exist here), and everything is owned by {@code cairn_loader} until
     * {@link #grant}. fsync is off while it runs; afterwards it is back on and the files are synced.
     */
    @Override
    public void load(EngineHome engineHome, InputStream raw, TaskContext context) throws IOException {
        PgHome home = new PgHome(engineHome);
        ArchiveKind.Named named = ArchiveKind.databaseName(ArchiveKind.require(raw, true));
        InputStream archive = named.stream();
        ENSURE_LOADER.run(home.superuser(), "postgres", Map.of(), context);
        FSYNC_OFF.output(home.superuser(), "postgres", Map.of(), context);
        // pg_restore --create makes the archive's database under its own name: one dumped from the
        // cluster's own "postgres" replaces this cluster's (empty) one, restored from template1
        String maintenance = "postgres";
        if (named.name().equals("postgres")) {
            DROP_POSTGRES.run(home.superuser(), "template1", Map.of(), context);
            maintenance = "template1";
        }
        PgConnection loader = home.as(PgHome.LOADER, maintenance);
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("pg_restore"), "--create", "--exit-on-error"));
        command.addAll(RESTORE_LEAVES_OUT);
        command.addAll(loader.options());
        command.add(PgConnection.dbname(maintenance));
        context.log("loading the archive with pg_restore (fsync off while it loads)");
        try (ChildProcess restore = context.spawn(new ProcessSpec(command, loader.environment(), home.directory()))) {
            ProcessStreams.feedInput(restore, "pg_restore", archive, context);
        }
        // the stream throws rather than end when the archive proves damaged: only its end makes it good
        if (archive.read() != -1) {
            throw new PluginException("pg_restore finished before the end of the archive");
        }
        if (named.name().equals("postgres")) {
            MARK_POSTGRES_LOADED.run(home.superuser(), "postgres", Map.of(), context);
        }
        FSYNC_ON.output(home.superuser(), "postgres", Map.of(), context);
        run(engineHome, LocalServer.asAccount(engineHome, List.of(PostgresPrograms.path("initdb"), "--sync-only",
                "--pgdata=" + home.data())), "initdb --sync-only", context);
        context.log("loaded database(s) " + String.join(", ", loadedDatabases(home, context)) + "; fsync is on again");
    }

    @Override
    public boolean rewritesData() {
        return true;
    }

    /**
     * Three passes over the archive: {@code pg_restore --schema-only} into the probe database
     * {@value #PROBE} for {@code rewrite} to read (pg_restore stops reading once it has the table of
     * contents, so that pass and the next cost little), {@code pg_restore --create
     * --section=pre-data} for the tables of the archive's own database, and {@code pg_restore
     * --section=data --section=post-data -f -} through the rewrite's filter into psql, so that
     * indexes and constraints are built once, on the rewritten rows.
     */
    @Override
    public void load(EngineHome engineHome, Source source, DataRewrite rewrite, TaskContext context) throws IOException {
        PgHome home = new PgHome(engineHome);
        ENSURE_LOADER.run(home.superuser(), "postgres", Map.of(), context);
        FSYNC_OFF.output(home.superuser(), "postgres", Map.of(), context);
        String database;
        try (InputStream raw = source.open()) {
            ArchiveKind.Named named = ArchiveKind.databaseName(ArchiveKind.require(raw, true));
            database = named.name();
            if (database.isEmpty() || database.equals(PROBE)) {
                throw new PluginException("the archive does not name its database (or names it " + PROBE
                        + "), so its data cannot be rewritten as it loads");
            }
            CREATE_PROBE.run(home.superuser(), "postgres", Map.of(), context);
            context.log("reading the archive's schema into probe database " + PROBE);
            restoreSchema(home, named.stream(), PROBE, List.of("--schema-only"), context);
        }
        DataFilter filter;
        try {
            filter = rewrite.schemaLoaded(PROBE);
        } finally {
            DROP_PROBE.run(home.superuser(), "postgres", Map.of(), context);
        }
        // as in the plain load: an archive of "postgres" replaces this cluster's empty one
        String maintenance = "postgres";
        if (database.equals("postgres")) {
            DROP_POSTGRES.run(home.superuser(), "template1", Map.of(), context);
            maintenance = "template1";
        }
        try (InputStream raw = source.open()) {
            context.log("loading the tables of database " + database + " (pg_restore --section=pre-data)");
            restoreSchema(home, ArchiveKind.require(raw, true), maintenance, List.of("--create", "--section=pre-data"),
                    context);
        }
        try (InputStream raw = source.open()) {
            InputStream archive = ArchiveKind.require(raw, true);
            context.log("loading the data through the rewrite, then indexes and constraints (pg_restore -f - | psql)");
            loadData(home, archive, database, filter, context);
            // the stream throws rather than end when the archive proves damaged: only its end makes it good
            if (archive.read() != -1) {
                throw new PluginException("pg_restore finished before the end of the archive");
            }
        }
        if (database.equals("postgres")) {
            MARK_POSTGRES_LOADED.run(home.superuser(), "postgres", Map.of(), context);
        }
        context.log("loaded database " + database + " (a scratch copy: fsync stays off)");
    }

    /** pg_restore of the schema part {@code options} names into {@code into}; it stops reading the archive early. */
    private static void restoreSchema(PgHome home, InputStream archive, String into, List<String> options,
                                      TaskContext context) throws IOException {
        PgConnection loader = home.as(PgHome.LOADER, into);
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("pg_restore"), "--exit-on-error"));
        command.addAll(options);
        command.addAll(RESTORE_LEAVES_OUT);
        command.addAll(loader.options());
        command.add(PgConnection.dbname(into));
        try (ChildProcess restore = context.spawn(new ProcessSpec(command, loader.environment(), home.directory()))) {
            Thread discarder = Thread.ofVirtual().name("pg_restore-stdout").start(() -> discard(restore.stdout()));
            OutputStream stdin = restore.stdin();
            byte[] buffer = new byte[1 << 16];
            try {
                for (int read; (read = archive.read(buffer)) >= 0; ) {
                    if (context.cancelled()) {
                        throw new PluginException("pg_restore was stopped because the task was cancelled");
                    }
                    stdin.write(buffer, 0, read);
                }
                stdin.close();
            } catch (IOException e) {
                // pg_restore stops reading once it has what it needs: its exit status tells success from failure
            }
            restore.await();
            join(discarder);
        }
    }

    /** {@code archive}'s data and post-data sections: pg_restore -f -, through {@code filter}, into psql. */
    private static void loadData(PgHome home, InputStream archive, String database, DataFilter filter, TaskContext context)
            throws IOException {
        PgConnection loader = home.as(PgHome.LOADER, database);
        List<String> script = new ArrayList<>(List.of(PostgresPrograms.path("pg_restore"), "--section=data",
                "--section=post-data"));
        script.addAll(RESTORE_LEAVES_OUT);
        script.add("--file=-");
        List<String> psql = new ArrayList<>(List.of(PostgresPrograms.path("psql"), "--no-psqlrc", "--quiet",
                "--set=ON_ERROR_STOP=1", "--set=VERBOSITY=terse"));
        psql.addAll(loader.options());
        psql.add(PgConnection.dbname(database));
        // a throw-away copy on its own machine may sort in memory while it builds the indexes
        Map<String, String> building = new HashMap<>(loader.environment());
        building.put("PGOPTIONS", "-c maintenance_work_mem=" + LOAD_MAINTENANCE_MEMORY);
        try (ChildProcess restore = context.spawn(new ProcessSpec(script, loader.environment(), home.directory()));
             ChildProcess into = context.spawn(new ProcessSpec(psql, building, home.directory()))) {
            Thread discarder = Thread.ofVirtual().name("psql-stdout").start(() -> discard(into.stdout()));
            IOException[] fed = new IOException[1];
            RuntimeException[] failed = new RuntimeException[1];
            Thread feeder = Thread.ofVirtual().name("pg_restore-stdin").start(() -> {
                try (OutputStream stdin = restore.stdin()) {
                    byte[] buffer = new byte[1 << 16];
                    for (int read; (read = archive.read(buffer)) >= 0; ) {
                        stdin.write(buffer, 0, read);
                    }
                } catch (IOException e) {
                    fed[0] = e;
                    restore.close();
                } catch (RuntimeException e) {
                    failed[0] = e;
                    restore.close();
                }
            });
            // the rewritten script runs up to LOAD_AHEAD of psql, so the rewrite goes on while psql waits on the server
            BoundedPipe ahead = new BoundedPipe(LOAD_AHEAD_CHUNKS);
            IOException[] refused = new IOException[1];
            Thread writer = Thread.ofVirtual().name("psql-stdin").start(() -> {
                try (InputStream rewritten = ahead.source(); OutputStream stdin = into.stdin()) {
                    rewritten.transferTo(stdin);
                } catch (IOException e) {
                    refused[0] = e; // closing the source makes the rewrite's next write fail
                }
            });
            OutputStream out = ahead.sink();
            try {
                filter.filter(new Cancellable(new BufferedInputStream(restore.stdout(), 1 << 16), context), out);
                out.close();
            } catch (IOException | RuntimeException e) {
                restore.close();
                join(feeder);
                if (fed[0] != null) {
                    throw stop(into, ahead, writer, fed[0]); // a damaged archive: the cause of whatever happened downstream
                }
                if (failed[0] != null) {
                    throw stop(into, ahead, writer, failed[0]);
                }
                if (refused[0] != null) {
                    into.await(); // psql stopped at an error: that error says why, not the broken pipe
                }
                if (e instanceof IOException io) {
                    throw stop(into, ahead, writer, io);
                }
                throw stop(into, ahead, writer, (RuntimeException) e);
            } finally {
                if (feeder.isAlive()) {
                    restore.close();
                }
            }
            join(feeder);
            if (fed[0] != null) {
                throw stop(into, ahead, writer, fed[0]);
            }
            if (failed[0] != null) {
                throw stop(into, ahead, writer, failed[0]);
            }
            join(writer);
            restore.await();
            into.await();
            if (refused[0] != null) {
                throw new PluginException("psql stopped reading the data: " + refused[0].getMessage(), refused[0]);
            }
            join(discarder);
        }
    }

    /** Stops psql before the rest of a failed load's script can reach it, and returns {@code cause} to throw. */
    private static <E extends Exception> E stop(ChildProcess into, BoundedPipe ahead, Thread writer, E cause) {
        into.close();
        ahead.fail(cause);
        join(writer);
        return cause;
    }

    /** A stream that fails once the task is cancelled, so a long filter stops. */
    private static final class Cancellable extends FilterInputStream {
        private final TaskContext context;

        Cancellable(InputStream in, TaskContext context) {
            super(in);
            this.context = context;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (context.cancelled()) {
                throw new PluginException("the load was stopped because the task was cancelled");
            }
            return super.read(buffer, offset, length);
        }
    }

    private static void discard(InputStream stdout) {
        try (stdout) {
            stdout.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the process was stopped; nothing more to read
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("the load was stopped because the task was interrupted", e);
        }
    }

    /** Runs the script with psql as {@code cairn_loader} in the first loaded database, stopping at its first error. */
    @Override
    public void runScript(EngineHome engineHome, String script, TaskContext context) throws IOException {
        PgHome home = new PgHome(engineHome);
        ENSURE_LOADER.run(home.superuser(), "postgres", Map.of(), context);
        List<String> databases = loadedDatabases(home, context);
        PgConnection loader = home.as(PgHome.LOADER, databases.isEmpty() ? "postgres" : databases.getFirst());
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("psql"), "--no-psqlrc", "--quiet",
                "--set=ON_ERROR_STOP=1", "--set=VERBOSITY=terse"));
        command.addAll(loader.options());
        command.add(PgConnection.dbname(loader.database()));
        command.add("--file=-");
        context.log("running the script in database " + loader.database());
        try (ChildProcess psql = context.spawn(new ProcessSpec(command, loader.environment(), home.directory()))) {
            ProcessStreams.feedInput(psql, "psql", new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), context);
        } catch (PluginException e) {
            throw new PluginException(scriptFailure(e.getMessage()), e);
        }
    }

    /**
     * VACUUM FULL and ANALYZE of every database, then a clean restart with the write-ahead log reset
     * (pg_resetwal), so that neither the tables nor the WAL keep row versions from before the script.
     */
    @Override
    public void compact(EngineHome engineHome, TaskContext context) throws IOException {
        PgHome home = new PgHome(engineHome);
        PgConnection superuser = home.superuser();
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("vacuumdb"), "--all", "--full", "--analyze",
                "--quiet"));
        command.addAll(superuser.options());
        context.log("compacting every database (VACUUM FULL, ANALYZE)");
        try (ChildProcess vacuum = context.spawn(new ProcessSpec(command, superuser.environment(), home.directory()))) {
            ProcessStreams.feedInput(vacuum, "vacuumdb", InputStream.nullInputStream(), context);
        }
        stop(engineHome, context);
        context.log("resetting the write-ahead log, which still holds the rows from before");
        run(engineHome, LocalServer.asAccount(engineHome, List.of(PostgresPrograms.path("pg_resetwal"),
                "--pgdata=" + home.data())), "pg_resetwal", context);
        start(engineHome, context);
    }

    /**
     * Creates or updates the role (not a superuser; its password set as a scram-sha-256 verifier
     * computed here, fed to psql over stdin), makes it the owner of every loaded database and of all
     * that the loader or any other role owns in them, and takes login and password from every other
     * role. The superusers stay reachable through the socket only.
     */
    @Override
    public List<String> grant(EngineHome engineHome, EngineAccess access, TaskContext context) throws IOException {
        PgHome home = new PgHome(engineHome);
        String user = access.user();
        if (!ROLE_NAME.matcher(user).matches() || user.equals(PgHome.SUPERUSER) || user.equals(PgHome.LOADER)
                || user.startsWith("pg_")) {
            throw new PluginException("an instance role must be lower-case letters, digits and _ (not postgres,"
                    + " cairn_loader or pg_*), got " + user);
        }
        context.redact(access.password());
        String verifier = ScramVerifier.of(access.password());
        context.redact(verifier);
        new PsqlScript("""
                \\set ON_ERROR_STOP on
                SELECT format('CREATE ROLE %%I', '%1$s') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') \\gexec
                ALTER ROLE "%1$s" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '%2$s';
                SELECT format('ALTER ROLE %%I NOLOGIN PASSWORD NULL', rolname) FROM pg_roles
                 WHERE oid >= 16384 AND rolname NOT IN ('%1$s', '%3$s') \\gexec
                SELECT format('ALTER ROLE %%I PASSWORD NULL', rolname) FROM pg_roles WHERE rolname IN ('%3$s', '%4$s') \\gexec
                SELECT format('ALTER DATABASE %%I OWNER TO %%I', datname, '%1$s') FROM pg_database
                 WHERE datname NOT IN ('postgres', 'template0', 'template1') \\gexec
                """.formatted(user, verifier, PgHome.LOADER, PgHome.SUPERUSER)).run(home.superuser(), "postgres", Map.of(), context);
        PsqlScript reassign = new PsqlScript("""
                \\set ON_ERROR_STOP on
                SELECT format('REASSIGN OWNED BY %%s TO %%I', string_agg(quote_ident(rolname), ', '), '%1$s') FROM pg_roles
                 WHERE oid >= 16384 AND rolname <> '%1$s' HAVING count(*) > 0 \\gexec
                """.formatted(user));
        List<String> databases = loadedDatabases(home, context);
        for (String database : databases) {
            reassign.run(home.as(PgHome.SUPERUSER, database), database, Map.of(), context);
        }
        context.log("role " + user + " owns database(s) " + String.join(", ", databases)
                + " and is the only role that may sign in over TCP");
        return databases;
    }

    @Override
    public void stop(EngineHome engineHome, TaskContext context) throws IOException {
        PgHome home = new PgHome(engineHome);
        if (LocalServer.process(home.pidFile(), "postgres").isEmpty()) {
            return;
        }
        context.log("stopping PostgreSQL on port " + engineHome.port() + " (fast, clean shutdown)");
        run(engineHome, LocalServer.asAccount(engineHome, List.of(PostgresPrograms.path("pg_ctl"), "stop", "--wait",
                "--mode=fast", "--timeout=300", "--silent", "--pgdata=" + home.data())), "pg_ctl", context);
    }

    @Override
    public boolean running(EngineHome engineHome) {
        try {
            PgHome home = new PgHome(engineHome);
            return LocalServer.process(home.pidFile(), "postgres").isPresent() && LocalServer.answers(engineHome);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The client backends connected now, counted through the superuser's socket (this count's own left out). */
    @Override
    public int clients(EngineHome engineHome, TaskContext context) throws IOException {
        List<String> rows = CLIENTS.output(new PgHome(engineHome).superuser(), "postgres", Map.of(), context);
        try {
            return rows.isEmpty() ? -1 : Integer.parseInt(rows.getFirst().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> loadedDatabases(PgHome home, TaskContext context) throws IOException {
        return LOADED_DATABASES.output(home.superuser(), "postgres", Map.of(), context);
    }

    private static void run(EngineHome home, List<String> command, String program, TaskContext context) throws IOException {
        try (ChildProcess child = context.spawn(new ProcessSpec(command, Map.of(), home.directory().toAbsolutePath()))) {
            ProcessStreams.feedInput(child, program, InputStream.nullInputStream(), context);
        }
    }

    /** "psql exited with status 3: psql:<stdin>:2: ERROR:  relation ..." as "the script failed at line 2: ERROR: relation ...". */
    static String scriptFailure(String message) {
        String text = message == null ? "" : message;
        int status = text.indexOf("exited with status");
        int colon = status < 0 ? -1 : text.indexOf(": ", status);
        String detail = colon < 0 ? text : text.substring(colon + 2);
        Matcher located = PSQL_ERROR.matcher(detail.split(" / ")[0]);
        String oneLine = located.find()
                ? "the script failed at line " + located.group(1) + ": " + located.group(2)
                : "the script failed: " + detail;
        return oneLine.replaceAll("\\s+", " ").strip();
    }

    private static String literal(String value) {
        return value.replace("'", "''");
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
