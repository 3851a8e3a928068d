package dev.cairn.plugins.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.testing.RedisServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backs up a real Redis over the replication protocol and restores it by replacing its RDB file and
 * restarting it, as the plugin would on the Redis host.
 */
@Timeout(120)
class RedisTargetTest {
    private static final long TTL_TOLERANCE_MILLIS = 10_000;
    private static final List<Integer> DATABASES = List.of(0, 3);

    private static RedisServer server;

    private final RedisTarget target = new RedisTarget();

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyServer() {
        server.command("FLUSHALL");
        server.command("CONFIG", "SET", "repl-diskless-sync", "yes");
    }

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @CsvSource({"yes, is streaming a diskless RDB snapshot", "no, is sending an RDB snapshot of"})
    void restoresEveryKeyWithItsValueAndTtl(String diskless, String announcement) throws IOException {
        server.command("CONFIG", "SET", "repl-diskless-sync", diskless);
        fillShop();
        Map<String, Entry> before = contents();
        TestTaskContext backupContext = new TestTaskContext();

        byte[] rdb = backup(endpoint(Map.of()), backupContext);

        server.command("FLUSHALL");
        server.command("SET", "added-after-backup", "x");
        server.command(3, "DEL", "stock:anvil");
        TestTaskContext restoreContext = new TestTaskContext();

        restore(endpoint(Map.of()), rdb, restoreContext);

        assertThat(new String(rdb, 0, 5, StandardCharsets.US_ASCII)).as("RDB magic").isEqualTo("REDIS");
        assertThat(backupContext.logText()).contains(announcement);
        assertSameContents(contents(), before);
        assertThat(restoreContext.logText())
                .contains("sending SHUTDOWN NOSAVE")
                .contains("put the restored RDB in place at " + server.rdbPath())
                .contains("is up with the restored data: db0:keys=6");
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @CsvSource({"yes", "no"})
    void streamsASnapshotMuchLargerThanItsBuffer(String diskless) throws IOException {
        server.command("CONFIG", "SET", "repl-diskless-sync", diskless);
        // 3000 values of 1000 hex digits: about 3 MB that LZF cannot shrink much
        server.command("EVAL", """
                for i = 1, tonumber(ARGV[1]) do
                  local value = ''
                  for j = 1, 25 do value = value .. redis.sha1hex(i .. ':' .. j) end
                  redis.call('SET', 'big:' .. i, value)
                end""", "0", "3000");
        String sample = (String) server.command("GET", "big:1234");
        byte[] rdb = backup(endpoint(Map.of()), new TestTaskContext());
        server.command("FLUSHALL");

        restore(endpoint(Map.of()), rdb, new TestTaskContext());

        assertThat(rdb.length).isGreaterThan(2_000_000);
        assertThat(server.command("DBSIZE")).isEqualTo(3000L);
        assertThat(server.command("GET", "big:1234")).isEqualTo(sample);
    }

    @Test
    void restoresWithConfiguredStopCommandAndRdbPath() throws IOException {
        fillShop();
        Map<String, Entry> before = contents();
        byte[] rdb = backup(endpoint(Map.of()), new TestTaskContext());
        server.command("FLUSHALL");
        TestTaskContext context = new TestTaskContext();

        restore(endpoint(Map.of("rdb_path", server.rdbPath().toString(),
                "stop_command", "redis-cli -h " + server.host() + " -p " + server.port() + " shutdown nosave")), rdb, context);

        assertSameContents(contents(), before);
        assertThat(context.logText()).doesNotContain("SHUTDOWN NOSAVE to");
        assertThat(context.spawned()).extracting(spec -> spec.command().getLast())
                .containsExactly("redis-cli -h " + server.host() + " -p " + server.port() + " shutdown nosave",
                        server.startCommand());
    }

    @Test
    void thePasswordNeverReachesTheLogOrACommandLine() throws IOException {
        fillShop();
        TestTaskContext context = new TestTaskContext();

        restore(endpoint(Map.of()), backup(endpoint(Map.of()), context), context);

        assertThat(context.logText()).isNotBlank().doesNotContain(server.password());
        assertThat(context.spawned()).isNotEmpty().allSatisfy(spec -> {
            assertThat(spec.command()).noneMatch(argument -> argument.contains(server.password()));
            assertThat(spec.environment()).containsEntry("REDISCLI_AUTH", server.password());
        });
    }

    @Test
    void aWrongPasswordFailsWithOneReadableLine() {
        Endpoint endpoint = endpoint(Map.of("password", "not-the-password"));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("Redis at 127.0.0.1:" + server.port() + " refused the password: "
                        + "WRONGPASS invalid username-password pair or user is disabled.")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aMissingPasswordFailsWithOneReadableLine() {
        Endpoint endpoint = endpoint(Map.of("password", ""));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("Redis at 127.0.0.1:" + server.port() + " needs a password: NOAUTH Authentication required.");
    }

    @Test
    void anUnreachableServerFailsWithOneReadableLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Endpoint endpoint = endpoint(Map.of("port", closedPort));

        assertThatThrownBy(() -> backup(endpoint, new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("cannot connect to Redis at 127.0.0.1:" + closedPort + ": Connection refused");
        assertThatThrownBy(() -> restore(endpoint, rdbOfOneKey(), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("cannot connect to Redis at 127.0.0.1:" + closedPort + ": Connection refused");
    }

    @Test
    void refusesToRestoreWhileAppendOnlyIsOn() throws IOException {
        byte[] rdb = rdbOfOneKey();
        server.command("SET", "kept", "yes");
        server.command("CONFIG", "SET", "appendonly", "yes");
        try {
            TestTaskContext context = new TestTaskContext();

            assertThatThrownBy(() -> restore(endpoint(Map.of()), rdb, context))
                    .isInstanceOf(PluginException.class)
                    .hasMessageStartingWith("Redis at 127.0.0.1:" + server.port() + " has appendonly yes:")
                    .hasMessageContaining("set appendonly no")
                    .hasMessageNotContaining("\n");
            assertThat(server.command("GET", "kept")).isEqualTo("yes");
            assertThat(context.spawned()).isEmpty();
        } finally {
            server.command("CONFIG", "SET", "appendonly", "no");
        }
    }

    @Test
    void refusesSomethingOtherThanAnRdbBeforeStoppingRedis() {
        server.command("SET", "kept", "yes");
        TestTaskContext context = new TestTaskContext();
        byte[] notRdb = "PGDMP not an rdb".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> restore(endpoint(Map.of()), notRdb, context))
                .isInstanceOf(PluginException.class)
                .hasMessage("the archive is not an RDB file (it does not start with REDIS); Redis at 127.0.0.1:"
                        + server.port() + " was left as it was");
        assertThat(server.command("GET", "kept")).isEqualTo("yes");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aRestoreWithoutStartCommandFailsBeforeTouchingRedis() {
        server.command("SET", "kept", "yes");

        assertThatThrownBy(() -> restore(endpoint(Map.of("start_command", "")), rdbOfOneKey(), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("redis restore needs 'start_command'");
        assertThat(server.command("GET", "kept")).isEqualTo("yes");
    }

    @Test
    void isRegisteredWithASecretPassword() {
        PluginInfo info = ServiceLoader.load(TargetPlugin.class).stream().map(provider -> provider.get().info())
                .filter(plugin -> plugin.name().equals("redis")).findFirst().orElseThrow();

        assertThat(info.fields()).extracting(ConfigField::name).startsWith("host", "port", "password");
        assertThat(info.field("password")).get().extracting(ConfigField::secret).isEqualTo(true);
        assertThat(info.field("port")).get().extracting(ConfigField::defaultValue).isEqualTo("6379");
        assertThat(info.help()).contains("SHUTDOWN NOSAVE").contains("appendonly yes").contains("agent");
    }

    /** Strings, a hash, a list, a set and sorted sets in two databases, some with a time to live. */
    private static void fillShop() {
        server.command("SET", "greeting", "hello");
        server.command("SET", "session:42", "alice", "EX", "3600");
        server.command("HSET", "item:1", "name", "anvil", "price", "120");
        server.command("RPUSH", "queue", "first", "second", "third", "second");
        server.command("SADD", "tags", "iron", "heavy", "tool");
        server.command("ZADD", "ranking", "1.5", "bellows", "3", "anvil", "-2", "chisel");
        server.command("PEXPIRE", "ranking", "7200000");
        server.command(3, "SET", "stock:anvil", "7");
        server.command(3, "ZADD", "stock:by-weight", "50", "anvil", "2", "chisel");
        server.command(3, "EXPIRE", "stock:by-weight", "600");
    }

    private static byte[] rdbOfOneKey() throws IOException {
        server.command("SET", "only", "one");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RedisTarget().backup(endpoint(new RedisTarget(), Map.of()), out, new TestTaskContext());
        return out.toByteArray();
    }

    /** One key's type, value (in a comparable form) and remaining time to live in milliseconds (-1 for none). */
    private record Entry(String type, Object value, long ttlMillis) {
    }

    private static Map<String, Entry> contents() {
        Map<String, Entry> contents = new TreeMap<>();
        for (int database : DATABASES) {
            for (String key : server.list(database, "KEYS", "*")) {
                String type = (String) server.command(database, "TYPE", key);
                Object value = switch (type) {
                    case "string" -> server.command(database, "GET", key);
                    case "hash" -> pairs(server.list(database, "HGETALL", key));
                    case "list" -> server.list(database, "LRANGE", key, "0", "-1");
                    case "set" -> server.list(database, "SMEMBERS", key).stream().sorted().toList();
                    case "zset" -> server.list(database, "ZRANGE", key, "0", "-1", "WITHSCORES");
                    default -> throw new IllegalStateException("unexpected type " + type + " of key " + key);
                };
                contents.put(database + "/" + key, new Entry(type, value, (Long) server.command(database, "PTTL", key)));
            }
        }
        return contents;
    }

    private static Map<String, String> pairs(List<String> flat) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }

    private static void assertSameContents(Map<String, Entry> actual, Map<String, Entry> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        List<String> keysWithTtl = new ArrayList<>();
        expected.forEach((key, wanted) -> {
            Entry got = actual.get(key);
            assertThat(got.type()).as("type of %s", key).isEqualTo(wanted.type());
            assertThat(got.value()).as("value of %s", key).isEqualTo(wanted.value());
            if (wanted.ttlMillis() < 0) {
                assertThat(got.ttlMillis()).as("ttl of %s", key).isEqualTo(wanted.ttlMillis());
            } else {
                keysWithTtl.add(key);
                assertThat(got.ttlMillis()).as("ttl of %s", key)
                        .isBetween(wanted.ttlMillis() - TTL_TOLERANCE_MILLIS, wanted.ttlMillis());
            }
        });
        assertThat(keysWithTtl).containsExactlyInAnyOrder("0/session:42", "0/ranking", "3/stock:by-weight");
    }

    /** Files the restore left beside the RDB file. */
    private static List<Path> leftovers() {
        try (Stream<Path> files = Files.list(server.rdbPath().getParent())) {
            return files.filter(file -> file.getFileName().toString().contains("cairn")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Endpoint endpoint(Map<String, Object> overrides) {
        return endpoint(target, overrides);
    }

    private static Endpoint endpoint(RedisTarget target, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "host", server.host(), "port", server.port(), "password", server.password(),
                "start_command", server.startCommand(), "start_timeout", 30));
        values.putAll(overrides);
        return new Endpoint(target.info(), values);
    }

    private byte[] backup(Endpoint endpoint, TestTaskContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.backup(endpoint, out, context);
        return out.toByteArray();
    }

    private void restore(Endpoint endpoint, byte[] archive, TestTaskContext context) throws IOException {
        target.restore(endpoint, new ByteArrayInputStream(archive), context);
    }
}
