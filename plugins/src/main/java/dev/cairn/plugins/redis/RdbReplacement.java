package dev.cairn.plugins.redis;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.TaskContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Replaces the data of a Redis running on this host with an RDB file: writes the file beside the
 * one Redis loads at start and syncs it, stops Redis without letting it save over that file, moves
 * the new file into place, starts Redis and waits until it has loaded the data.
 *
 * <p>Nothing is stopped until the whole file is written: a broken or cancelled transfer leaves
 * Redis running as it was.
 */
final class RdbReplacement {
    private static final byte[] RDB_MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    // Redis listens before it loads its data, so a port still closed this long after the start means it failed
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final RedisAddress address;
    private final RestoreSettings settings;
    private final TaskContext context;

    RdbReplacement(RedisAddress address, RestoreSettings settings, TaskContext context) {
        this.address = address;
        this.settings = settings;
        this.context = context;
    }

    /** Replaces Redis's data with the RDB read from {@code in}, to its end. */
    void replaceWith(InputStream in) throws IOException {
        Path rdb = locateRdbFile();
        Path staged = stage(in, rdb);
        try {
            stopRedis();
            Files.move(staged, rdb, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staged);
        }
        syncDirectory(rdb.getParent());
        context.log("put the restored RDB in place at " + rdb);
        startRedis(rdb);
        awaitLoaded(rdb);
    }

    private static final String STAGED_SUFFIX = ".tmp";

    private static String stagedPrefix(Path rdb) {
        return "." + rdb.getFileName() + ".cairn-";
    }

    /**
     * Removes the new RDB files that restores cut short by a crash left beside the RDB file
     * ({@code rdb_path}, else the one Redis reports); Redis itself was not stopped for them.
     */
    void discardStaged() throws IOException {
        Path rdb;
        if (settings.rdbPath().isPresent()) {
            rdb = settings.rdbPath().get();
        } else {
            try (RespConnection redis = RespConnection.open(address)) {
                rdb = Path.of(config(redis, "dir")).resolve(config(redis, "dbfilename"));
            }
        }
        Path directory = rdb.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (var staged = Files.newDirectoryStream(directory, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(stagedPrefix(rdb)) && name.endsWith(STAGED_SUFFIX);
        })) {
            for (Path leftover : staged) {
                Files.deleteIfExists(leftover);
                context.log("removed " + leftover + ", left by a restore that did not finish");
            }
        }
    }

    /** The RDB file to replace; refuses a server with AOF on, which would ignore that file at start. */
    private Path locateRdbFile() {
        try (RespConnection redis = RespConnection.open(address)) {
            String appendOnly;
            Path reported;
            try {
                appendOnly = config(redis, "appendonly");
                reported = Path.of(config(redis, "dir")).resolve(config(redis, "dbfilename"));
            } catch (RedisError e) {
                if ("NOAUTH".equals(e.code())) {
                    throw new PluginException(address + " needs a password: " + e.getMessage());
                }
                Path rdb = settings.rdbPath().orElseThrow(() -> new PluginException(address + " refused CONFIG GET ("
                        + e.getMessage() + "): set 'rdb_path' to the RDB file it loads at start"));
                context.log(address + " refused CONFIG GET (" + e.getMessage() + "), so Cairn cannot check that"
                        + " appendonly is off; restoring into " + rdb);
                return rdb;
            }
            if ("yes".equalsIgnoreCase(appendOnly)) {
                throw new PluginException(address + " has appendonly yes: at start it would load its append-only file"
                        + " and ignore the restored RDB; set appendonly no (CONFIG SET and redis.conf), restore,"
                        + " then turn it back on (CONFIG SET appendonly yes rewrites the AOF from the restored data)");
            }
            if (settings.rdbPath().isPresent() && !settings.rdbPath().get().equals(reported)) {
                context.log("rdb_path " + settings.rdbPath().get() + " is not the file " + address + " reports ("
                        + reported + "); restoring into rdb_path");
            }
            return settings.rdbPath().orElse(reported);
        } catch (IOException e) {
            throw RespConnection.unreachable(address, e);
        }
    }

    private String config(RespConnection redis, String parameter) throws IOException {
        if (redis.call("CONFIG", "GET", parameter) instanceof List<?> reply && reply.size() == 2) {
            return String.valueOf(reply.get(1));
        }
        throw new RedisError("ERR no value for " + parameter);
    }

    /** Writes the RDB to a new file beside {@code rdb}, synced to disk, owned like the file it replaces. */
    private Path stage(InputStream in, Path rdb) throws IOException {
        Path directory = rdb.getParent();
        if (!Files.isDirectory(directory)) {
            throw new PluginException("directory " + directory + " of the RDB file does not exist on this host:"
                    + " a redis restore runs where Redis runs (on the core when Redis is local, else through an agent beside it)");
        }
        Path staged = Files.createTempFile(directory, stagedPrefix(rdb), STAGED_SUFFIX);
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] magic = in.readNBytes(RDB_MAGIC.length);
            if (!Arrays.equals(magic, RDB_MAGIC)) {
                throw new PluginException("the archive is not an RDB file (it does not start with REDIS); "
                        + address + " was left as it was");
            }
            out.write(magic);
            long bytes = magic.length;
            byte[] buffer = new byte[BUFFER_SIZE];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (context.cancelled()) {
                    throw new PluginException("the restore was cancelled before " + address + " was touched");
                }
                out.write(buffer, 0, read);
                bytes += read;
            }
            channel.force(true);
            context.log("wrote " + bytes + " bytes of RDB to " + staged);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        matchOwnership(staged, rdb);
        return staged;
    }

    /** Gives the new file the owner, group and mode of the file it replaces (else the directory's owner). */
    private void matchOwnership(Path staged, Path rdb) {
        Path model = Files.exists(rdb) ? rdb : rdb.getParent();
        try {
            PosixFileAttributes wanted = Files.readAttributes(model, PosixFileAttributes.class);
            PosixFileAttributeView view = Files.getFileAttributeView(staged, PosixFileAttributeView.class);
            PosixFileAttributes current = view.readAttributes();
            if (!current.owner().equals(wanted.owner())) {
                view.setOwner(wanted.owner());
            }
            if (!current.group().equals(wanted.group())) {
                view.setGroup(wanted.group());
            }
            if (model.equals(rdb)) {
                view.setPermissions(wanted.permissions());
            }
        } catch (IOException | UnsupportedOperationException e) {
            context.log("cannot give the restored RDB the owner and mode of " + model + " (" + e.getMessage()
                    + "); Redis must still be able to read it");
        }
    }

    private void stopRedis() throws IOException {
        if (settings.stopCommand().isPresent()) {
            run("stop_command", settings.stopCommand().get());
        } else {
            shutdownWithoutSaving();
        }
        awaitStopped();
        context.log(address + " has stopped");
    }

    private void shutdownWithoutSaving() {
        try (RespConnection redis = RespConnection.open(address)) {
            context.log("sending SHUTDOWN NOSAVE to " + address);
            redis.send("SHUTDOWN", "NOSAVE");
            Object reply = redis.read();
            throw new PluginException(address + " answered SHUTDOWN NOSAVE with " + reply + " instead of stopping");
        } catch (RedisError e) {
            throw new PluginException(address + " refused SHUTDOWN NOSAVE: " + e.getMessage()
                    + " (set 'stop_command' to stop it another way); it was left running with its data");
        } catch (IOException e) {
            // the connection closes as Redis stops; awaitStopped checks that it really did
        }
    }

    private void awaitStopped() {
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (true) {
            try (RespConnection ignored = RespConnection.connect(address)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new PluginException(address + " still accepts connections " + STOP_TIMEOUT.toSeconds()
                            + " s after it was told to stop, so the restored RDB was not put in place (if a supervisor"
                            + " restarts it, set stop_command and start_command to the supervisor's)");
                }
            } catch (ConnectException e) {
                return;
            } catch (IOException e) {
                // a timeout while it shuts down; try again
            }
            pause();
        }
    }

    private void startRedis(Path rdb) {
        try {
            run("start_command", settings.startCommand());
        } catch (PluginException e) {
            throw new PluginException("start_command failed; the restored RDB is in place at " + rdb + ": " + e.getMessage(), e);
        }
    }

    /** Runs a configured shell command to its end; its output goes to the task log. */
    private void run(String field, String command) {
        // a stop or start command such as "redis-cli shutdown" finds the password here
        Map<String, String> environment = address.password().isEmpty() ? Map.of() : Map.of("REDISCLI_AUTH", address.password());
        try (ChildProcess process = context.spawn(ProcessSpec.of(List.of("sh", "-c", command), environment))) {
            process.stdin().close();
            Thread.ofVirtual().name("redis-" + field + "-stdout").start(() -> logLines(process.stdout()));
            process.await();
        } catch (IOException e) {
            throw new PluginException("cannot run " + field + ": " + e.getMessage(), e);
        }
    }

    private void logLines(InputStream stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            reader.lines().forEach(context::log);
        } catch (IOException | UncheckedIOException e) {
            // the command ended; nothing more to read
        }
    }

    /** Waits until Redis answers PING and reports that it finished loading. */
    private void awaitLoaded(Path rdb) {
        Instant started = Instant.now();
        Instant deadline = started.plus(settings.startTimeout());
        boolean listening = false;
        String lastProblem = "no answer yet";
        while (true) {
            if (context.cancelled()) {
                throw new PluginException("the restore was cancelled while " + address + " loaded " + rdb);
            }
            try (RespConnection redis = RespConnection.connect(address)) {
                listening = true;
                redis.authenticate();
                redis.call("PING");
                String persistence = String.valueOf(redis.call("INFO", "persistence"));
                if (persistence.contains("loading:0")) {
                    context.log(address + " is up with the restored data: " + keyspace(redis));
                    return;
                }
                lastProblem = "still loading";
            } catch (RedisError e) {
                if (!"LOADING".equals(e.code())) {
                    throw new PluginException(address + " answered " + e.getMessage() + " after the restart");
                }
                lastProblem = e.getMessage();
            } catch (IOException e) {
                lastProblem = e.getMessage();
            }
            Instant now = Instant.now();
            if (!listening && now.isAfter(started.plus(LISTEN_TIMEOUT))) {
                throw new PluginException("nothing listens at " + address + " " + LISTEN_TIMEOUT.toSeconds()
                        + " s after start_command returned; Redis may have failed to load " + rdb
                        + " (an RDB from a newer Redis, say): see its log");
            }
            if (now.isAfter(deadline)) {
                throw new PluginException(address + " did not finish loading " + rdb + " within "
                        + settings.startTimeout().toSeconds() + " s (" + lastProblem + ")");
            }
            pause();
        }
    }

    private static String keyspace(RespConnection redis) throws IOException {
        String info = String.valueOf(redis.call("INFO", "keyspace"));
        String databases = info.lines().filter(line -> line.startsWith("db")).collect(Collectors.joining(", "));
        return databases.isEmpty() ? "no keys" : databases;
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system syncs directories; the rename is still in place
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("the restore was interrupted", e);
        }
    }
}
