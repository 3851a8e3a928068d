package dev.cairn.plugins.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.Plugin;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.PluginSource;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance script in {@code src/test/resources/exec}, a real POSIX shell program that is both
 * a target (tar of a directory) and a store (blobs as files), found in a plugins directory and
 * driven through the Plugin Calling Protocol.
 */
class ExternalPluginTest {
    private static final String SECRET = "s3cret-pw-9f2c";

    @TempDir
    Path temp;
    private Path pluginsDir;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void installScripts() throws IOException {
        Binaries.require("tar", "tar");
        pluginsDir = Files.createDirectories(temp.resolve("plugins"));
        install("conformance.sh");
    }

    @Test
    void theSourceIsFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(PluginSource.class).stream().map(ServiceLoader.Provider::type))
                .contains(ExternalPluginSource.class);
    }

    @Test
    void discoveryReadsTheSeedsInfoAndTheDeclaredFields() {
        Plugin plugin = conformance();

        assertThat(plugin).isInstanceOf(TargetPlugin.class).isInstanceOf(StorePlugin.class);
        PluginInfo info = plugin.info();
        assertThat(info.name()).isEqualTo("conformance");
        assertThat(info.title()).isEqualTo("Conformance test plugin");
        assertThat(info.author()).isEqualTo("Cairn tests");
        assertThat(info.version()).isEqualTo("1.2.3");
        assertThat(info.target()).isTrue();
        assertThat(info.store()).isTrue();
        assertThat(info.help()).startsWith("Backs up a directory as a tar; stores blobs as files.")
                .contains(pluginsDir.resolve("conformance.sh").toString());
        assertThat(info.fields()).containsExactly(
                new ConfigField("path", Type.STRING, true, null, "the directory", false),
                new ConfigField("user", Type.STRING, false, "backup", "target only: who backs up", false),
                new ConfigField("password", Type.STRING, false, null,
                        "target only: a secret the script only prints to stderr", true),
                new ConfigField("stall", Type.BOOLEAN, false, "no", "target only: hang after the first bytes", false));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTargetRoundTripRestoresTheSameFiles() throws IOException {
        TargetPlugin target = (TargetPlugin) conformance();
        Path source = Files.createDirectories(temp.resolve("source/sub"));
        Files.write(source.resolve("data.bin"), bytes(300_000, 1));
        Files.writeString(source.getParent().resolve("notes.txt"), "hello\n");
        Path restored = Files.createDirectories(temp.resolve("restored"));

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        target.backup(endpoint(target, source.getParent()), archive, new TestTaskContext());
        target.restore(endpoint(target, restored), new ByteArrayInputStream(archive.toByteArray()), new TestTaskContext());

        assertThat(Files.readAllBytes(restored.resolve("sub/data.bin"))).isEqualTo(bytes(300_000, 1));
        assertThat(restored.resolve("notes.txt")).hasContent("hello");
    }

    @Test
    void aStoreRoundTripGivesTheSameBytesBack() throws IOException {
        StorePlugin store = (StorePlugin) conformance();
        Endpoint endpoint = endpoint(store, Files.createDirectories(temp.resolve("blobs")));
        byte[] content = bytes(1_500_000, 2);
        String name = "nightly/2024-05-01/archive.age";

        String key = store.store(endpoint, name, new ByteArrayInputStream(content), new TestTaskContext());

        assertThat(key).as("the script stores under $CAIRN_NAME and returns it").isEqualTo(name);
        assertThat(store.exists(endpoint, key)).isTrue();
        try (InputStream in = store.retrieve(endpoint, key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        store.purge(endpoint, key);
        assertThat(store.exists(endpoint, key)).isFalse();
        store.purge(endpoint, key);
    }

    @Test
    void aFailingProgramGivesOneReadableLine() {
        TargetPlugin target = (TargetPlugin) conformance();
        Path nowhere = temp.resolve("nowhere");

        assertThatThrownBy(() -> target.backup(endpoint(target, nowhere), new ByteArrayOutputStream(), new TestTaskContext()))
                .isInstanceOf(PluginException.class)
                .hasMessage("conformance backup failed: " + pluginsDir.resolve("conformance.sh")
                        + " exited with status 3: conformance: no directory " + nowhere);
    }

    @Test
    void aBlobThatCannotBeRetrievedFailsAtItsEndWithTheProgramsReason() throws IOException {
        StorePlugin store = (StorePlugin) conformance();
        Path blobs = Files.createDirectories(temp.resolve("blobs"));

        try (InputStream in = store.retrieve(endpoint(store, blobs), "missing.age")) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(PluginException.class)
                    .hasMessageStartingWith("conformance retrieve failed: ")
                    .hasMessageEndingWith("exited with status 5: conformance: no blob missing.age in " + blobs);
        }
    }

    @Test
    void aStoreWhoseInputBreaksLeavesNothingBehind() throws IOException {
        StorePlugin store = (StorePlugin) conformance();
        Path blobs = Files.createDirectories(temp.resolve("blobs"));
        InputStream broken = new InputStream() {
            private int left = 200_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("source broke");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> store.store(endpoint(store, blobs), "broken.age", broken, new TestTaskContext()))
                .isInstanceOf(IOException.class)
                .hasMessage("source broke");
        assertThat(store.exists(endpoint(store, blobs), "broken.age")).isFalse();
    }

    @Test
    void theSecretIsNeitherOnACommandLineNorInTheLog() throws IOException {
        TargetPlugin target = (TargetPlugin) conformance();
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "a");
        TestTaskContext context = new TestTaskContext();

        target.backup(endpoint(target, source), new ByteArrayOutputStream(), context);

        assertThat(context.logText()).as("the script got the endpoint, secret included, from its environment")
                .contains("backing up " + source + " as backup with password [redacted]")
                .doesNotContain(SECRET);
        assertThat(context.spawned()).extracting(ProcessSpec::command)
                .containsExactly(List.of(pluginsDir.resolve("conformance.sh").toString(), "backup"));
        assertThat(Files.readString(pluginsDir.resolve(".argv"))).as("argv as the script saw it")
                .doesNotContain(SECRET)
                .contains("backup");
    }

    @Test
    void cancellingTheTaskKillsTheProgram() throws IOException {
        TargetPlugin target = (TargetPlugin) conformance();
        Path source = Files.createDirectories(temp.resolve("source"));
        TestTaskContext context = new TestTaskContext();
        Map<String, Object> values = new LinkedHashMap<>(endpoint(target, source).values());
        values.put("stall", true);
        Endpoint stalling = new Endpoint(target.info(), values);

        CompletableFuture<Void> backup = CompletableFuture.runAsync(() -> {
            try {
                target.backup(stalling, new ByteArrayOutputStream(), context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> context.logText().contains("conformance: stalling"));
        context.cancel();

        assertThatThrownBy(() -> backup.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(PluginException.class)
                .cause().hasMessageContaining("conformance backup");
    }

    @Test
    void brokenProgramsAreSkippedWithAWarning() throws IOException {
        install("not-json.sh");
        install("crashes.sh");
        install("hangs.sh");
        Files.writeString(pluginsDir.resolve("README"), "not a program");
        Files.writeString(pluginsDir.resolve(".hidden"), "ignored");

        List<Plugin> plugins = new ExternalPluginSource(Duration.ofSeconds(2)).plugins(pluginsDir, warnings::add);

        assertThat(plugins).extracting(p -> p.info().name()).containsExactly("conformance");
        assertThat(warnings).hasSize(4).contains(
                "skipping " + pluginsDir.resolve("README") + ": not executable (chmod +x it to use it as a plugin)",
                "skipping " + pluginsDir.resolve("crashes.sh") + ": " + pluginsDir.resolve("crashes.sh")
                        + " exited with status 7: crashes: missing library libfoo.so",
                "skipping " + pluginsDir.resolve("hangs.sh") + ": " + pluginsDir.resolve("hangs.sh")
                        + " info did not finish within 2 seconds");
        assertThat(warnings).anySatisfy(warning -> assertThat(warning)
                .startsWith("skipping " + pluginsDir.resolve("not-json.sh") + ": info did not print JSON: "));
    }

    @Test
    void aMissingDirectoryHasNoPlugins() {
        assertThat(new ExternalPluginSource().plugins(temp.resolve("absent"), warnings::add)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void shortNamesComeFromFileNames() {
        assertThat(ExternalPluginSource.shortName(Path.of("/x/Redis-Plugin.sh"))).contains("redis-plugin");
        assertThat(ExternalPluginSource.shortName(Path.of("/x/s3 store"))).contains("s3-store");
        assertThat(ExternalPluginSource.shortName(Path.of("/x/9lives"))).isEmpty();
    }

    private Plugin conformance() {
        List<Plugin> plugins = new ExternalPluginSource().plugins(pluginsDir, warnings::add);
        assertThat(plugins).as("plugins found, warnings: %s", warnings).hasSize(1);
        return plugins.getFirst();
    }

    private static Endpoint endpoint(Plugin plugin, Path path) {
        return new Endpoint(plugin.info(), Map.of("path", path.toString(), "password", SECRET));
    }

    private void install(String script) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/exec/" + script)) {
            Path installed = pluginsDir.resolve(script);
            Files.copy(in, installed);
            Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
