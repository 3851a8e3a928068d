package dev.cairn.server.api;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** What the variants tests look at on a server under {@code root}: the sanitise tasks, a target's archives, the scratch directory. */
record VariantChecks(ApiFixture api, Path root, String target) {

    /** The sanitise tasks once {@code count} have ended, newest first. */
    List<JsonNode> awaitSanitiseTasks(int count) {
        return await("sanitise tasks to end").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> StreamSupport.stream(api.get("/v1/tasks").expect(200).json().spliterator(), false)
                        .filter(t -> t.path("type").stringValue().equals("sanitise")).toList(),
                        tasks -> tasks.size() >= count && tasks.stream().allMatch(t -> Set.of("done", "failed", "canceled")
                                .contains(t.path("status").stringValue())))
                .stream().map(t -> api.get("/v1/task/" + t.path("uuid").stringValue()).expect(200).json())
                .sorted((a, b) -> b.path("requested_at").stringValue().compareTo(a.path("requested_at").stringValue()))
                .toList();
    }

    /** The target's archives that are variants, newest first. */
    List<JsonNode> variants() {
        return archives().stream().filter(a -> !a.path("variant").stringValue().isEmpty()).toList();
    }

    /** The target's full archives, newest first. */
    List<JsonNode> fullArchives() {
        return archives().stream().filter(a -> a.path("variant").stringValue().isEmpty()).toList();
    }

    private List<JsonNode> archives() {
        return StreamSupport.stream(api.get("/v1/archives?target=" + target).expect(200).json().spliterator(), false).toList();
    }

    /** What is left in the scratch directory (nothing, after every sanitise task). */
    List<Path> scratchLeft() {
        Path scratch = root.resolve("data").resolve("scratch");
        if (!Files.isDirectory(scratch)) {
            return List.of();
        }
        try (var entries = Files.list(scratch)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
