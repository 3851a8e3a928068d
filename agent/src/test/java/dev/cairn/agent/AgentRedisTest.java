package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.Binaries;
import dev.cairn.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A Redis that only the agent is told to reach: the core backs it up and restores it through the
 * agent (the network RDB snapshot on the way in, the RDB swap and restart next to Redis on the way
 * back), and every key comes back with its value while a key written after the backup is gone.
 */
final class AgentRedisTest {
    private static final String AGENT = "redis-edge";
    private static final int KEYS = 1000;
    @TempDir
    static Path temp;
    private static RedisServer redis;
    private static CoreFixture core;
    private static Agent agent;
    private static Thread agentThread;

    @BeforeAll
    static void start() {
        Binaries.require("redis-server", "redis-server");
        redis = RedisServer.start();
        core = CoreFixture.start(temp.resolve("data"));
        agent = Agent.create(new AgentSettings(core.url(), CoreFixture.TOKEN, AGENT, null,
                temp.resolve("agent-private")), new CopyOnWriteArrayList<>()::add);
        agentThread = Thread.ofPlatform().name("redis-agent").start(agent::run);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (agent != null) {
            agent.close();
            agentThread.join(Duration.ofSeconds(10));
        }
        if (core != null) {
            core.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static Map<String, String> contents() {
        Map<String, String> values = new TreeMap<>();
        for (String key : redis.list(0, "KEYS", "*")) {
            values.put(key, String.valueOf(redis.command("GET", key)));
        }
        return values;
    }

    @Test
    void backsUpAndRestoresRedisThroughTheAgent() {
        for (int i = 0; i < KEYS; i++) {
            redis.command("SET", "order:" + i, "value-" + i);
        }
        redis.command("EXPIRE", "order:7", "86400");
        Map<String, String> before = contents();
        String target = core.create("/v1/targets", "name", "cache", "plugin", "redis",
                "endpoint", Map.of("host", redis.host(), "port", redis.port(), "password", redis.password(),
                        "start_command", redis.startCommand(), "start_timeout", 60),
                "agent", AGENT);
        String job = core.job("cache-nightly", target, temp.resolve("store"));

        JsonNode backup = core.awaitDone(core.run(job));
        assertThat(backup.path("log").asString()).contains("agent " + AGENT + " took the backup")
                .doesNotContain(redis.password());

        redis.command("FLUSHALL");
        redis.command("SET", "written-after-the-backup", "x");
        JsonNode archives = core.get("/v1/archives?target=" + target);
        assertThat(archives.size()).isEqualTo(1);
        String restore = core.post("/v1/archive/" + archives.get(0).path("uuid").asString() + "/restore",
                CoreFixture.fields("owner", "tester")).path("task_uuid").asString();
        JsonNode restored = core.awaitDone(restore);
        assertThat(restored.path("log").asString()).contains("agent " + AGENT + " took the restore")
                .doesNotContain(redis.password());

        assertThat(contents()).hasSize(KEYS).isEqualTo(before);
        long ttl = ((Number) redis.command("TTL", "order:7")).longValue();
        assertThat(ttl).isBetween(86_000L, 86_400L);
    }
}
