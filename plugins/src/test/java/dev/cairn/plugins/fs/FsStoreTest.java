package dev.cairn.plugins.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugins.GeneratedStream;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fs store keeping objects as files in a real directory. */
class FsStoreTest {
    private final FsPlugin plugin = new FsPlugin();

    @TempDir
    Path temp;

    @Test
    void storesRetrievesAndPurgesAnObjectInSubDirectories() throws IOException {
        Path root = temp.resolve("store");
        Endpoint endpoint = endpoint(root);
        byte[] content = bytes(300_000);
        String name = "nightly/2024-05-01/archive.age";

        String key = plugin.store(endpoint, name, new ByteArrayInputStream(content), new TestTaskContext());

        assertThat(key).isEqualTo(name);
        assertThat(plugin.exists(endpoint, key)).isTrue();
        try (InputStream in = plugin.retrieve(endpoint, key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(tree(root)).containsExactlyInAnyOrder("nightly", "nightly/2024-05-01", name);

        plugin.purge(endpoint, key);

        assertThat(plugin.exists(endpoint, key)).isFalse();
        assertThat(tree(root)).as("emptied directories are removed, the store's own is kept").isEmpty();
        assertThat(root).isDirectory();
        plugin.purge(endpoint, key);
    }

    @Test
    void anObjectLargerThanTheWriteBehindStepComesBackByteForByte() throws IOException {
        Endpoint endpoint = endpoint(temp.resolve("store"));
        long size = 100L << 20; // three background syncs and a final one

        String key = plugin.store(endpoint, "big.age", GeneratedStream.of(size, 7), new TestTaskContext());

        try (InputStream in = plugin.retrieve(endpoint, key)) {
            assertThat(GeneratedStream.sha256(in)).isEqualTo(GeneratedStream.sha256(size, 7));
        }
    }

    @Test
    void aSourceFailingAfterBackgroundSyncsLeavesNoPartialFile() {
        Path root = temp.resolve("store");
        Endpoint endpoint = endpoint(root);

        assertThatThrownBy(() -> plugin.store(endpoint, "runs/big.age", GeneratedStream.failing(100L << 20, 7, 80L << 20),
                new TestTaskContext())).isInstanceOf(IOException.class);

        assertThat(tree(root)).isEmpty();
    }

    @Test
    void aFailingInputLeavesNeitherTheObjectNorAPartialFile() {
        Path root = temp.resolve("store");
        Endpoint endpoint = endpoint(root);
        InputStream failing = new FailingInputStream(bytes(200_000));

        assertThatThrownBy(() -> plugin.store(endpoint, "runs/broken.age", failing, new TestTaskContext()))
                .isInstanceOf(IOException.class)
                .hasMessage("source broke");

        assertThat(plugin.exists(endpoint, "runs/broken.age")).isFalse();
        assertThat(tree(root)).isEmpty();
    }

    @Test
    void purgeRemovesAPartialUploadLeftByACrash() throws IOException {
        Path root = temp.resolve("store");
        Files.createDirectories(root.resolve("runs"));
        Files.writeString(root.resolve("runs/crashed.age.partial"), "half");

        plugin.purge(endpoint(root), "runs/crashed.age");

        assertThat(tree(root)).isEmpty();
    }

    @Test
    void storingAgainReplacesTheObject() throws IOException {
        Endpoint endpoint = endpoint(temp.resolve("store"));
        plugin.store(endpoint, "same.age", new ByteArrayInputStream(bytes(10)), new TestTaskContext());

        plugin.store(endpoint, "same.age", new ByteArrayInputStream(bytes(20)), new TestTaskContext());

        try (InputStream in = plugin.retrieve(endpoint, "same.age")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(20));
        }
    }

    @Test
    void retrievingAMissingObjectNamesItAndTheStore() {
        Path root = temp.resolve("store");

        assertThatThrownBy(() -> plugin.retrieve(endpoint(root), "nowhere.age"))
                .isInstanceOf(PluginException.class)
                .hasMessage("no object nowhere.age in store " + root);
    }

    @Test
    void refusesNamesThatLeaveTheStoreOrCollideWithUploads() {
        Endpoint endpoint = endpoint(temp.resolve("store"));

        for (String name : List.of("../outside.age", "a/../../outside.age", "/etc/passwd", "a//b", "", "x.age.partial")) {
            assertThatThrownBy(() -> plugin.store(endpoint, name, new ByteArrayInputStream(bytes(1)), new TestTaskContext()))
                    .as(name)
                    .isInstanceOf(PluginException.class);
        }
        assertThat(temp.resolve("outside.age")).doesNotExist();
    }

    private Endpoint endpoint(Path root) {
        return new Endpoint(plugin.info(), Map.of("path", root.toString()));
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + size);
        }
        return bytes;
    }

    private static List<String> tree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + root, e);
        }
    }

    /** A source that delivers part of its bytes and then fails, as a broken upstream pipeline would. */
    private static final class FailingInputStream extends InputStream {
        private final InputStream delivered;

        FailingInputStream(byte[] beforeFailure) {
            this.delivered = new ByteArrayInputStream(Arrays.copyOf(beforeFailure, beforeFailure.length));
        }

        @Override
        public int read() throws IOException {
            int next = delivered.read();
            if (next < 0) {
                throw new IOException("source broke");
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delivered.read(buffer, offset, length);
            if (read < 0) {
                throw new IOException("source broke");
            }
            return read;
        }
    }
}
