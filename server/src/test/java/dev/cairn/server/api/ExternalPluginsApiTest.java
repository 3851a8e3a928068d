package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real core and API whose plugins directory ({@code <data>/plugins}, the default) holds the
 * plugins module's conformance script: it is listed in {@code GET /v1/plugins}, and backs up and
 * restores through the whole pipeline as a target (into the fs store) and as a store (of an fs
 * target).
 */
class ExternalPluginsApiTest {
    private static final String SECRET = "pw-for-the-script-71ad";
    private static final Path SCRIPT = Path.of("../plugins/src/test/resources/exec/conformance.sh");

    @TempDir
    static Path root;
    static ApiFixture api;

    @BeforeAll
    static void start() throws IOException {
        Binaries.require("tar", "tar");
        assertThat(SCRIPT).as("the conformance script, seen from the server module").isRegularFile();
        Path installed = Files.createDirectories(root.resolve("data/plugins")).resolve("conformance.sh");
        Files.copy(SCRIPT, installed);
        Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("rwxr-xr-x"));
        api = ApiFixture.start(root);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theScriptIsListedWithItsFields() {
        JsonNode plugin = plugin("conformance");

        assertThat(plugin.path("title").stringValue()).isEqualTo("Conformance test plugin");
        assertThat(plugin.path("version").stringValue()).isEqualTo("1.2.3");
        assertThat(plugin.path("features").path("target").stringValue()).isEqualTo("yes");
        assertThat(plugin.path("features").path("store").stringValue()).isEqualTo("yes");
        assertThat(plugin.path("fields").findValuesAsString("name")).containsExactly("path", "user", "password", "stall");
        assertThat(plugin(("fs")).path("name").stringValue()).as("built-ins are still there").isEqualTo("fs");
    }

    @Test
    void backsUpAndRestoresThroughTheScriptAsATarget() throws IOException {
        Path source = api.directory("source");
        Files.writeString(source.resolve("a.txt"), "first\n");
        Files.write(Files.createDirectories(source.resolve("sub")).resolve("b.bin"), new byte[] {0, 1, 2, (byte) 255});
        String target = api.create("/v1/targets", fields("name", "scripted", "summary", "through the script",
                "plugin", "conformance", "endpoint", Map.of("path", source.toString(), "password", SECRET), "agent", ""));
        String store = api.fsStore("local", api.directory("store"));
        String job = api.job("scripted nightly", target, store, api.schedule("nightly", "daily 4am"),
                api.retention("week", 604_800));

        JsonNode backup = api.runJob(job);
        JsonNode done = api.awaitDone(backup.path("uuid").stringValue());
        assertThat(done.path("log").stringValue()).contains("with password ********").doesNotContain(SECRET);
        assertThat(ApiFixture.endpoint(api.get("/v1/target/" + target).expect(200).json(), "endpoint")
                .path("password").stringValue()).isEqualTo("********");

        Files.writeString(source.resolve("a.txt"), "changed\n");
        String archive = done.path("archive_uuid").stringValue();
        JsonNode restore = api.post("/v1/archive/" + archive + "/restore", fields("owner", "ops")).expect(200).json();
        api.awaitDone(restore.path("task_uuid").stringValue());

        assertThat(source.resolve("a.txt")).hasContent("first");
        assertThat(Files.readAllBytes(source.resolve("sub/b.bin"))).containsExactly(0, 1, 2, 255);
    }

    @Test
    void storesRestoresAndPurgesThroughTheScriptAsAStore() throws IOException {
        Path source = api.directory("files");
        Files.writeString(source.resolve("c.txt"), "kept by the script\n");
        Path blobs = api.directory("blobs");
        String store = api.create("/v1/stores", fields("name", "scripted store", "summary", "blobs as files",
                "plugin", "conformance", "endpoint", Map.of("path", blobs.toString())));
        String job = api.job("files to script", api.fsTarget("files", source), store,
                api.schedule("hourly", "hourly at 15"), api.retention("day", 86_400));

        JsonNode done = api.awaitDone(api.runJob(job).path("uuid").stringValue());
        String archive = done.path("archive_uuid").stringValue();
        String key = api.get("/v1/archive/" + archive).expect(200).json().path("store_key").stringValue();
        assertThat(blobs.resolve(key)).as("the script kept the object under the name Cairn asked for").isRegularFile();

        Files.delete(source.resolve("c.txt"));
        JsonNode restore = api.post("/v1/archive/" + archive + "/restore", fields("owner", "ops")).expect(200).json();
        api.awaitDone(restore.path("task_uuid").stringValue());
        assertThat(source.resolve("c.txt")).hasContent("kept by the script");

        api.delete("/v1/archive/" + archive).expect(200);
        try (Stream<Path> left = Files.walk(blobs)) {
            assertThat(left.filter(Files::isRegularFile)).as("objects and manifests left by the script").isEmpty();
        }
    }

    private static JsonNode plugin(String name) {
        for (JsonNode plugin : api.get("/v1/plugins").expect(200).json()) {
            if (plugin.path("name").stringValue().equals(name)) {
                return plugin;
            }
        }
        throw new AssertionError("GET /v1/plugins does not list " + name);
    }
}
