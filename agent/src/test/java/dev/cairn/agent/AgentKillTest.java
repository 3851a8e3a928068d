package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An agent killed with SIGKILL in the middle of a backup fails that task promptly, with a line that
 * names the agent, and leaves no archive and no object behind.
 */
final class AgentKillTest {
    private static final String AGENT = "edge-doomed";

    @Test
    void killingTheAgentMidBackupFailsTheTaskPromptly(@TempDir Path temp) throws Exception {
        Path store = temp.resolve("store");
        try (CoreFixture core = CoreFixture.start(temp.resolve("data"))) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AgentProcess.class.getName(), core.url().toString(), AGENT)
                    .redirectErrorStream(true).redirectOutput(temp.resolve("agent.out").toFile());
            builder.environment().put("CAIRN_TOKEN", CoreFixture.TOKEN);
            builder.environment().put("XDG_RUNTIME_DIR", temp.toString()); // its private directory, by default
            Process agent = builder.start();
            try {
                String target = core.create("/v1/targets", "name", "never-ending", "plugin", "endless",
                        "endpoint", Map.of(), "agent", AGENT);
                String task = core.run(core.job("never-ending-nightly", target, store));
                await("backup data to reach the store through the agent").atMost(Duration.ofSeconds(60))
                        .until(() -> partialBytes(store) > 64 * 1024);
                assertThat(agent.isAlive()).as("agent output: %s", output(temp)).isTrue();

                agent.toHandle().destroyForcibly();
                agent.waitFor();
                Instant killed = Instant.now();

                JsonNode ended = core.awaitTask(task, Duration.ofSeconds(60));
                Duration took = Duration.between(killed, Instant.now());
                String log = ended.path("log").asString();
                assertThat(ended.path("status").asString()).as("task log:%n%s", log).isEqualTo("failed");
                assertThat(log).containsPattern("failed: agent " + AGENT + "\\b");
                assertThat(took).isLessThan(Duration.ofSeconds(60));
                assertThat(core.get("/v1/archives")).isEmpty();
                assertThat(files(store)).as("objects left in the store").isEmpty();
            } finally {
                agent.toHandle().destroyForcibly();
                agent.waitFor();
            }
        }
    }

    private static long partialBytes(Path store) throws IOException {
        return files(store).stream().filter(p -> p.toString().endsWith(".partial")).mapToLong(p -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return 0;
            }
        }).sum();
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static String output(Path temp) throws IOException {
        Path out = temp.resolve("agent.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }
}
