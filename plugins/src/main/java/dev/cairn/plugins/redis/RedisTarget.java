package dev.cairn.plugins.redis;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The {@code redis} target: backs up a running Redis over the network as an RDB snapshot, taken
 * through the replication protocol like {@code redis-cli --rdb}, with no program installed beside
 * Redis; restores by replacing the RDB file Redis loads at start and restarting it, which has to
 * happen on the Redis host.
 *
 * <p>It speaks the Redis protocol itself; no Redis client library or program is needed. The
 * password goes only over the connection (and to the stop and start commands in
 * {@code REDISCLI_AUTH}).
 */
public final class RedisTarget implements TargetPlugin {
    private static final String HELP = """
            Backup works over the network and needs nothing installed beside Redis: Cairn connects to 'host' \
            and 'port', authenticates with 'password' (as ACL user 'user' when set), and asks for a full \
            snapshot through the replication protocol, as redis-cli --rdb does (REPLCONF, then SYNC). Redis \
            forks and sends an RDB file of every database, keys with their values and expiry times; Cairn \
            stores exactly those bytes. The user needs the REPLCONF and SYNC commands (the default user has \
            them). With repl-diskless-sync yes (the default since Redis 7) Redis waits repl-diskless-sync-delay \
            seconds (5 by default) before it starts sending. \
            Restore has to run on the Redis host: on the core when Redis runs beside it, else through an \
            agent on that host. It reads the whole archive into a new file beside the RDB file Redis loads at \
            start ('rdb_path'; left empty, Cairn asks Redis with CONFIG GET dir and dbfilename) and syncs it, \
            and only then stops Redis: with 'stop_command' when set, else with SHUTDOWN NOSAVE, so that Redis \
            cannot save over the restored file. Once the port is closed it moves the file into place, runs \
            'start_command' (required; it must return once Redis is started, such as systemctl start \
            redis-server or redis-server /etc/redis/redis.conf --daemonize yes) and waits up to \
            'start_timeout' seconds until Redis answers PING and has loaded the data. Both commands run \
            through sh -c with the password in REDISCLI_AUTH. Under a supervisor that restarts Redis when it \
            exits, set both commands to the supervisor's (systemctl stop and start). Every key in Redis is \
            replaced by the backup's; clients are disconnected while Redis restarts; replicas resynchronise \
            from the restored data. With appendonly yes, Redis would load its append-only file at start and \
            ignore the RDB, so the restore refuses to start: set appendonly no, restore, then CONFIG SET \
            appendonly yes, which rewrites the AOF from the restored data. An RDB from a newer Redis may not \
            load into an older one. \
            To read an archive by hand: age -d -i cairn.key OBJECT | zstd -d > dump.rdb, then start \
            redis-server with that file as its dbfilename.""";

    private static final PluginInfo INFO = new PluginInfo("redis", "Redis", "Cairn", "0.1.0", true, false,
            List.of(
                    ConfigField.optional("host", Type.STRING, "127.0.0.1", "server host name or address"),
                    ConfigField.port("port", "6379", "server TCP port"),
                    ConfigField.secret("password", false, "password (requirepass, or the ACL user's); empty when Redis asks for none"),
                    ConfigField.optional("user", Type.STRING, null, "ACL user to authenticate as; empty for the default user"),
                    ConfigField.optional("rdb_path", Type.STRING, null,
                            "restore: the RDB file Redis loads at start (dir + dbfilename); empty to ask Redis"),
                    ConfigField.optional("stop_command", Type.STRING, null,
                            "restore: shell command that stops Redis; empty to send SHUTDOWN NOSAVE"),
                    ConfigField.optional("start_command", Type.STRING, null,
                            "restore (required): shell command that starts Redis and returns, e.g. systemctl start redis-server"),
                    ConfigField.optional("start_timeout", Type.INTEGER, "300",
                            "restore: seconds Redis may take to answer and load the data after start_command")
                            .range(1, 86400)),
            HELP);

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public RedisTarget() {
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) {
        new RdbSnapshot(address(endpoint, context), context).copyTo(out);
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        RedisAddress address = address(endpoint, context);
        new RdbReplacement(address, RestoreSettings.from(endpoint), context).replaceWith(in);
    }

    /** The RDB file is written beside the one Redis loads, read to its end and synced before Redis is stopped. */
    @Override
    public RestoreMode restoreMode(Endpoint endpoint) {
        return RestoreMode.STAGED_SWAP;
    }

    @Override
    public void discardStagedRestore(Endpoint endpoint, TaskContext context) throws IOException {
        new RdbReplacement(address(endpoint, context), RestoreSettings.from(endpoint), context).discardStaged();
    }

    /** Connects, authenticates and sends PING, as a backup starts. */
    @Override
    public String checkConnection(Endpoint endpoint, TaskContext context) {
        RedisAddress address = address(endpoint, context);
        try (RespConnection redis = RespConnection.open(address)) {
            Object reply = redis.call("PING");
            return "connected to " + address + ", which answered " + reply;
        } catch (RedisError e) {
            String why = e.code().equals("NOAUTH") ? "it asks for a password and none is set (" + e.getMessage() + ")" : e.getMessage();
            throw new PluginException(address + " refused PING: " + why);
        } catch (IOException e) {
            throw RespConnection.unreachable(address, e);
        }
    }

    private static RedisAddress address(Endpoint endpoint, TaskContext context) {
        RedisAddress address = RedisAddress.from(endpoint);
        context.redact(address.password());
        return address;
    }
}
