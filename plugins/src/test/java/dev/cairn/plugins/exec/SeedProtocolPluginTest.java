package dev.cairn.plugins.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.OpaqueEndpointPlugin;
import dev.cairn.plugin.Plugin;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seed-fs.sh} in {@code src/test/resources/exec}: a program that speaks seed 004's protocol as
 * SHIELD's plugins do (no fields declared, endpoint only from {@code --endpoint JSON}, a {@code validate}
 * action), driven unchanged.
 */
class SeedProtocolPluginTest {
    private static final String TOKEN = "tok-5b1e-not-for-logs";

    @TempDir
    Path temp;
    private Path pluginsDir;
    private Plugin plugin;

    @BeforeEach
    void install() throws IOException {
        Binaries.require("tar", "tar");
        pluginsDir = Files.createDirectories(temp.resolve("plugins"));
        try (InputStream in = getClass().getResourceAsStream("/exec/seed-fs.sh")) {
            Path installed = pluginsDir.resolve("seed-fs.sh");
            Files.copy(in, installed);
            Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> warnings = new ArrayList<>();
        List<Plugin> plugins = new ExternalPluginSource().plugins(pluginsDir, warnings::add);
        assertThat(plugins).as("plugins found, warnings: %s", warnings).hasSize(1);
        plugin = plugins.getFirst();
    }

    @Test
    void aProgramThatDeclaresNoFieldsTakesAnOpaqueEndpointOnItsCommandLine() {
        assertThat(plugin).isInstanceOf(OpaqueEndpointPlugin.class).isInstanceOf(TargetPlugin.class)
                .isInstanceOf(StorePlugin.class);
        assertThat(((OpaqueEndpointPlugin) plugin).endpointOnCommandLine()).isTrue();
        assertThat(plugin.info().fields()).isEmpty();
        assertThat(plugin.info().help()).contains("--endpoint JSON on its command line")
                .contains("process list").contains("$CAIRN_ENDPOINT");
    }

    @Test
    void aTargetRoundTripPassesTheEndpointAsTheSeedSays() throws IOException {
        TargetPlugin target = (TargetPlugin) plugin;
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "seed\n");
        Path restored = Files.createDirectories(temp.resolve("restored"));
        TestTaskContext context = new TestTaskContext();

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        target.backup(endpoint(source), archive, context);
        target.restore(endpoint(restored), new ByteArrayInputStream(archive.toByteArray()), new TestTaskContext());

        assertThat(restored.resolve("a.txt")).hasContent("seed");
        ProcessSpec spec = context.spawned().getFirst();
        assertThat(spec.command()).containsExactly(pluginsDir.resolve("seed-fs.sh").toString(), "backup", "--endpoint",
                "{\"base_dir\":\"" + source + "\",\"token\":\"" + TOKEN + "\"}");
        assertThat(spec.environment()).doesNotContainKey(PluginProgram.ENDPOINT_VARIABLE);
        assertThat(context.logText()).contains("backing up " + source + " with token [redacted]")
                .contains("CAIRN_ENDPOINT is unset").doesNotContain(TOKEN);
    }

    @Test
    void aStoreRoundTripKeepsTheProgramsOwnKey() throws IOException {
        StorePlugin store = (StorePlugin) plugin;
        Endpoint endpoint = endpoint(Files.createDirectories(temp.resolve("blobs")));

        String key = store.store(endpoint, "ignored-name.age", new ByteArrayInputStream(
                "blob".getBytes(StandardCharsets.UTF_8)), new TestTaskContext());

        assertThat(key).startsWith("blob-");
        try (InputStream in = store.retrieve(endpoint, key)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("blob");
        }
        assertThat(store.exists(endpoint, key)).isTrue();
        store.purge(endpoint, key);
        assertThat(store.exists(endpoint, key)).isFalse();
        assertThat(Files.readString(pluginsDir.resolve(".argv"))).contains("purge --endpoint {\"base_dir\":");
    }

    @Test
    void validateRunsTheProgramsOwnCheckAndGivesItsStderr() throws IOException {
        OpaqueEndpointPlugin opaque = (OpaqueEndpointPlugin) plugin;
        opaque.validate(Map.of("base_dir", Files.createDirectories(temp.resolve("ok")).toString()));

        assertThatThrownBy(() -> opaque.validate(Map.of("base_dir", "/no/such/dir")))
                .isInstanceOf(PluginException.class).hasMessage("base_dir: '/no/such/dir' is not a directory");
        assertThatThrownBy(() -> opaque.validate(Map.of("other", "x")))
                .isInstanceOf(PluginException.class).hasMessage("base_dir: required but not set");
        assertThat(Files.readString(pluginsDir.resolve(".argv"))).contains("validate --endpoint {\"base_dir\":\"/no/such/dir\"}");
    }

    @Test
    void aProgramWithoutValidateAcceptsEveryEndpoint() throws IOException {
        Path bare = pluginsDir.resolve("bare.sh");
        Files.writeString(bare, """
                #!/bin/sh
                case $1 in
                  info) echo '{"name": "bare", "features": {"target": "yes", "store": "no"}}' ;;
                  *) echo "bare: unknown action $1" >&2; exit 1 ;;
                esac
                """);
        Files.setPosixFilePermissions(bare, PosixFilePermissions.fromString("rwxr-xr-x"));
        OpaqueEndpointPlugin program = (OpaqueEndpointPlugin) new ExternalPluginSource().plugins(pluginsDir, warning -> { })
                .stream().filter(p -> p.info().name().equals("bare")).findFirst().orElseThrow();

        program.validate(Map.of("anything", "at all"));
    }

    private Endpoint endpoint(Path directory) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("base_dir", directory.toString());
        values.put("token", TOKEN);
        return new Endpoint(plugin.info(), values);
    }
}
