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
 * A SHIELD-style plugin ({@code seed-fs.sh} of the plugins module: no fields declared, endpoint only
 * from {@code --endpoint JSON}, its own {@code validate}) in the plugins directory of a real server:
 * configured with keys Cairn never heard of, it backs up, restores and purges as a target and as a
 * store, its endpoint is sealed whole and shown back masked, and its validate's refusal is the 400.
 */
class SeedPluginsApiTest {
    private static final String TOKEN = "seed-token-e09a77";
    private static final Path SCRIPT = Path.of("../plugins/src/test/resources/exec/seed-fs.sh");

    @TempDir
    static Path root;
    static ApiFixture api;
    static Path installed;

    @BeforeAll
    static void start() throws IOException {
        Binaries.require("tar", "tar");
        assertThat(SCRIPT).as("the seed-protocol script, seen from the server module").isRegularFile();
        installed = Files.createDirectories(root.resolve("data/plugins")).resolve("seed-fs.sh");
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
    void thePluginSaysItsEndpointIsOnItsCommandLine() {
        JsonNode seed = plugin("seed-fs");
        assertThat(seed.path("fields").isEmpty()).isTrue();
        assertThat(seed.path("endpoint_on_command_line").booleanValue()).isTrue();
        assertThat(seed.path("help").stringValue()).contains("process list").contains("CAIRN_ENDPOINT");
        assertThat(plugin("fs").path("endpoint_on_command_line").booleanValue()).isFalse();
    }

    @Test
    void backsUpAndRestoresAsATargetWithAnEndpointKeyItNeverDeclared() throws IOException {
        Path source = api.directory("seed-source");
        Files.writeString(source.resolve("a.txt"), "first\n");
        String target = api.create("/v1/targets", fields("name", "seeded", "summary", "through a SHIELD plugin",
                "plugin", "seed-fs", "endpoint", Map.of("base_dir", source.toString(), "token", TOKEN), "agent", ""));
        String job = api.job("seeded nightly", target, api.fsStore("seed-local", api.directory("seed-store")),
                api.schedule("seed nightly", "daily 4am"), api.retention("seed week", 604_800));

        JsonNode done = api.awaitDone(api.runJob(job).path("uuid").stringValue());
        assertThat(done.path("log").stringValue()).contains("backing up " + source + " with token ********")
                .contains("CAIRN_ENDPOINT is unset").doesNotContain(TOKEN);
        assertThat(Files.readString(installed.resolveSibling(".argv")).lines().filter(line -> line.startsWith("backup ")))
                .singleElement().asString().startsWith("backup --endpoint {").contains("\"base_dir\":\"" + source + "\"");

        JsonNode shown = api.get("/v1/target/" + target).expect(200).json();
        assertThat(ApiFixture.endpoint(shown, "endpoint").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("base_dir", "token");
        assertThat(shown.path("endpoint").stringValue()).doesNotContain(TOKEN).doesNotContain(source.toString());
        String stored = catalogEndpoint("targets", target);
        assertThat(stored).as("sealed whole in the catalog").startsWith("\"sealed:").doesNotContain(TOKEN)
                .doesNotContain("base_dir");

        Files.writeString(source.resolve("a.txt"), "changed\n");
        String archive = done.path("archive_uuid").stringValue();
        api.awaitDone(api.post("/v1/archive/" + archive + "/restore", fields("owner", "ops")).expect(200).json()
                .path("task_uuid").stringValue());
        assertThat(source.resolve("a.txt")).hasContent("first");

        // sent back as shown (masked), the endpoint keeps what was stored
        api.put("/v1/target/" + target, fields("name", "seeded", "summary", "edited", "plugin", "seed-fs",
                "endpoint", shown.path("endpoint").stringValue(), "agent", "")).expect(200);
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
    }

    @Test
    void storesRestoresAndPurgesAsAStoreUnderItsOwnKeys() throws IOException {
        Path source = api.directory("seed-files");
        Files.writeString(source.resolve("c.txt"), "kept by the SHIELD plugin\n");
        Path blobs = api.directory("seed-blobs");
        String store = api.create("/v1/stores", fields("name", "seed store", "summary", "blobs as files",
                "plugin", "seed-fs", "endpoint", Map.of("base_dir", blobs.toString(), "bucket_hint", "unused")));
        String job = api.job("files to seed", api.fsTarget("seed-files", source), store,
                api.schedule("seed hourly", "hourly at 15"), api.retention("seed day", 86_400));

        JsonNode done = api.awaitDone(api.runJob(job).path("uuid").stringValue());
        String archive = done.path("archive_uuid").stringValue();
        JsonNode shown = api.get("/v1/archive/" + archive).expect(200).json();
        assertThat(shown.path("key").stringValue()).startsWith("blob-");
        assertThat(blobs.resolve(shown.path("key").stringValue())).isRegularFile();
        assertThat(ApiFixture.endpoint(shown, "store_endpoint").path("base_dir").stringValue()).isEqualTo("********");

        Files.delete(source.resolve("c.txt"));
        api.awaitDone(api.post("/v1/archive/" + archive + "/restore", fields("owner", "ops")).expect(200).json()
                .path("task_uuid").stringValue());
        assertThat(source.resolve("c.txt")).hasContent("kept by the SHIELD plugin");

        api.delete("/v1/archive/" + archive).expect(200);
        try (Stream<Path> left = Files.walk(blobs)) {
            assertThat(left.filter(Files::isRegularFile)).as("objects and manifests left by the plugin").isEmpty();
        }
    }

    @Test
    void whatItsValidateSaysAgainstAnEndpointIsThe400() {
        ApiReply refused = api.post("/v1/stores", fields("name", "bad seed store", "plugin", "seed-fs",
                "endpoint", Map.of("base_dir", "/no/such/directory"))).expect(400);
        assertThat(refused.error()).isEqualTo("plugin seed-fs refused the endpoint: base_dir: '/no/such/directory' is not a directory");
        ApiReply empty = api.post("/v1/targets", fields("name", "bad seed target", "plugin", "seed-fs",
                "endpoint", "{}", "agent", "")).expect(400);
        assertThat(empty.error()).isEqualTo("plugin seed-fs refused the endpoint: base_dir: required but not set");
        assertThat(api.get("/v1/stores?name=bad%20seed").expect(200).uuids()).isEmpty();
    }

    private static String catalogEndpoint(String table, String uuid) throws IOException {
        // the catalog is SQLite in the data directory; read the row as stored, through sqlite-jdbc
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + root.resolve("data/catalog.db"));
             var query = connection.prepareStatement("SELECT endpoint FROM " + table + " WHERE uuid = ?")) {
            query.setString(1, uuid);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
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
