package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A target only the agent reaches (a directory the core is never told to read itself) is backed up
 * and restored through an agent that polls a real core; the core lists the agent as healthy.
 */
final class AgentRoundTripTest {
    private static final String AGENT = "edge-1";
    @TempDir
    static Path temp;
    private static CoreFixture core;
    private static Agent agent;
    private static Thread agentThread;
    private static final List<String> messages = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        core = CoreFixture.start(temp.resolve("data"));
        agent = Agent.create(new AgentSettings(core.url(), CoreFixture.TOKEN, AGENT, null,
                temp.resolve("agent-private")), messages::add);
        agentThread = Thread.ofPlatform().name("agent-under-test").start(agent::run);
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
    }

    @Test
    void theCoreListsTheAgentAsHealthyWithItsPlugins() {
        JsonNode listed = await("the agent to poll").atMost(Duration.ofSeconds(30))
                .until(() -> core.get("/v1/agents"), agents -> agents.size() == 1);
        JsonNode edge = listed.get(0);
        assertThat(edge.path("name").asString()).isEqualTo(AGENT);
        assertThat(edge.path("healthy").asBoolean()).isTrue();
        assertThat(edge.path("last_seen").asString()).isNotBlank();
        assertThat(edge.path("version").asString()).isEqualTo(Agent.VERSION);
        assertThat(edge.path("running").asInt()).isZero();
        List<String> plugins = edge.path("plugins").valueStream().map(JsonNode::asString).toList();
        assertThat(plugins).contains("fs", "postgres", "endless");
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("agent " + AGENT + ": connected to"));
        assertThat(String.join("\n", messages)).doesNotContain(CoreFixture.TOKEN);
    }

    @Test
    void backsUpAndRestoresATargetThroughTheAgent() throws IOException {
        Path source = Files.createDirectories(temp.resolve("edge-files"));
        Files.writeString(source.resolve("orders.csv"), "1,apple\n2,pear\n");
        Files.createDirectories(source.resolve("nested/deeper"));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(big);
        Files.write(source.resolve("nested/deeper/blob.bin"), big);
        String target = core.create("/v1/targets", "name", "edge-files", "plugin", "fs",
                "endpoint", Map.of("path", source.toString()), "agent", AGENT);
        String job = core.job("edge-files-nightly", target, temp.resolve("store"));

        JsonNode backup = core.awaitDone(core.run(job));
        assertThat(backup.path("log").asString())
                .contains("waiting for agent " + AGENT + " to back up the target with its fs plugin")
                .contains("agent " + AGENT + " took the backup");
        JsonNode archives = core.get("/v1/archives?target=" + target);
        assertThat(archives.size()).isEqualTo(1);
        assertThat(archives.get(0).path("size").asLong()).isGreaterThan(big.length);

        Path restored = Files.createDirectories(temp.resolve("edge-restored"));
        String copy = core.create("/v1/targets", "name", "edge-restored", "plugin", "fs",
                "endpoint", Map.of("path", restored.toString()), "agent", AGENT);
        String restore = core.post("/v1/archive/" + archives.get(0).path("uuid").asString() + "/restore",
                CoreFixture.fields("target", copy, "owner", "tester")).path("task_uuid").asString();
        JsonNode restoreTask = core.awaitDone(restore);
        assertThat(restoreTask.path("log").asString()).contains("agent " + AGENT + " took the restore");

        assertThat(tree(restored)).isEqualTo(tree(source));
        assertThat(agent.running()).isZero();
    }

    /** Every regular file under {@code root}, by relative path, with its bytes as text for a readable diff. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                try {
                    files.put(root.relativize(file).toString(), java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return files;
    }
}
