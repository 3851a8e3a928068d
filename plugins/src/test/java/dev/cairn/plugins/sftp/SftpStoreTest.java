package dev.cairn.plugins.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugins.GeneratedStream;
import dev.cairn.testing.TestTaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sftp store against a real SSH server (Apache MINA SSHD in this JVM) serving a temporary directory. */
class SftpStoreTest {
    private static final int MIB = 1 << 20;

    private final SftpStore store = new SftpStore();
    private final KeyPair clientKey = ClientKeys.generate("ssh-ed25519", 256);

    @TempDir
    Path temp;

    private SftpServer server;

    @BeforeEach
    void startServer() throws IOException {
        Files.createDirectories(temp.resolve("files"));
        server = SftpServer.start(temp.resolve("files"), clientKey.getPublic());
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void storesRetrievesAndPurgesAStreamOfSeveralMebibytes() throws IOException {
        Endpoint endpoint = endpoint(Map.of());
        String name = "nightly/2024-05-01/archive.age";
        long size = 9L * MIB + 4321;

        String key = store.store(endpoint, name, GeneratedStream.of(size, 11), new TestTaskContext());

        assertThat(key).isEqualTo(name);
        assertThat(tree()).containsExactlyInAnyOrder("backups", "backups/nightly", "backups/nightly/2024-05-01",
                "backups/" + name);
        assertThat(store.exists(endpoint, key)).isTrue();
        try (InputStream in = store.retrieve(endpoint, key)) {
            assertThat(GeneratedStream.sha256(in)).isEqualTo(GeneratedStream.sha256(size, 11));
        }

        store.purge(endpoint, key);

        assertThat(store.exists(endpoint, key)).isFalse();
        assertThat(tree()).as("emptied sub-directories are removed, the store's own is kept").containsExactly("backups");
        store.purge(endpoint, key);
    }

    @Test
    void logsInWithAnOpenSshPrivateKeyAndReplacesAnObjectStoredAgain() throws IOException {
        Endpoint endpoint = endpoint(Map.of("password", "", "private_key", ClientKeys.openSsh(clientKey)));

        store.store(endpoint, "same.age", GeneratedStream.of(1000, 1), new TestTaskContext());
        store.store(endpoint, "same.age", GeneratedStream.of(2000, 2), new TestTaskContext());

        try (InputStream in = store.retrieve(endpoint, "same.age")) {
            assertThat(GeneratedStream.sha256(in)).isEqualTo(GeneratedStream.sha256(2000, 2));
        }
    }

    @Test
    void logsInWithAPemPrivateKey() throws IOException {
        KeyPair rsa = ClientKeys.generate("ssh-rsa", 2048);
        server.close();
        server = SftpServer.start(temp.resolve("files"), rsa.getPublic());
        Endpoint endpoint = endpoint(Map.of("password", "", "private_key", ClientKeys.pkcs8(rsa)));

        store.store(endpoint, "pem.age", GeneratedStream.of(1000, 1), new TestTaskContext());

        assertThat(store.exists(endpoint, "pem.age")).isTrue();
    }

    @Test
    void aWrongPrivateKeyIsReportedAsSuch() {
        Endpoint endpoint = endpoint(Map.of("password", "", "private_key", ClientKeys.openSsh(ClientKeys.generate("ssh-ed25519", 256))));

        assertThatThrownBy(() -> store.exists(endpoint, "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessage("sftp server 127.0.0.1:" + server.port() + " refused the private key of user cairn"
                        + " (authentication failed)");
        assertThatThrownBy(() -> store.exists(endpoint(Map.of("password", "", "private_key", "not a key")), "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("sftp endpoint field 'private_key' ");
    }

    @Test
    void refusesAServerPresentingAnotherHostKeyAndShowsItsFingerprint() throws IOException {
        String pinned = server.hostKeyFingerprint();
        server.close();
        server = SftpServer.start(temp.resolve("files"), clientKey.getPublic());
        String presented = server.hostKeyFingerprint();
        assertThat(presented).isNotEqualTo(pinned);

        assertThatThrownBy(() -> store.exists(endpoint(Map.of("host_key", pinned)), "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("sftp server 127.0.0.1:" + server.port() + " presented host key " + presented + " (")
                .hasMessageContaining("not the pinned " + pinned + ": refusing to connect");
    }

    @Test
    void asksForTheEd25519HostKeyFirstAsOpenSshDoes() {
        assertThatThrownBy(() -> store.exists(endpoint(Map.of("host_key", server.ecdsaHostKeyFingerprint())), "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("sftp server 127.0.0.1:" + server.port() + " presented host key "
                        + server.hostKeyFingerprint() + " (ssh-ed25519), not the pinned " + server.ecdsaHostKeyFingerprint());
    }

    @Test
    void sendsWithAesGcmWhichTheJdkRunsOnTheCpusAesInstructions() throws IOException {
        store.exists(endpoint(Map.of()), "x.age");

        assertThat(server.lastCipher()).isEqualTo("aes128-gcm@openssh.com");
    }

    @Test
    void refusesToConnectWithoutAPinnedHostKeyAndSaysWhichToPin() {
        Map<String, Object> values = new HashMap<>(endpoint(Map.of()).values());
        values.remove("host_key");

        assertThatThrownBy(() -> store.exists(new Endpoint(store.info(), values), "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("sftp endpoint needs 'host_key': sftp server 127.0.0.1:" + server.port()
                        + " presents " + server.hostKeyFingerprint());
    }

    @Test
    void acceptsTheWholeLineSshKeygenPrintsAndPaddedFingerprints() throws IOException {
        String line = "256 " + server.hostKeyFingerprint() + "= root@backup-host (ED25519)";

        assertThat(store.exists(endpoint(Map.of("host_key", line)), "x.age")).isFalse();
        assertThat(server.md5HostKeyFingerprint()).startsWith("MD5:");
        assertThat(store.exists(endpoint(Map.of("host_key", server.md5HostKeyFingerprint().toUpperCase())), "x.age")).isFalse();
        assertThatThrownBy(() -> store.exists(endpoint(Map.of("host_key", "ecdsa-sha2-nistp256 AAAA")), "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("sftp endpoint field 'host_key' must be a host key fingerprint");
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        assertThatThrownBy(() -> store.exists(endpoint(Map.of("password", "wrong")), "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessage("sftp server 127.0.0.1:" + server.port() + " refused the password of user cairn"
                        + " (authentication failed)");
    }

    @Test
    void anUnreachableServerIsReported() throws IOException {
        server.stop();

        assertThatThrownBy(() -> store.exists(endpoint(Map.of()), "x.age"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("cannot connect to sftp server 127.0.0.1:" + server.port() + ": ")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aFailingSourceLeavesNeitherTheObjectNorAPartialFile() {
        Endpoint endpoint = endpoint(Map.of());

        assertThatThrownBy(() -> store.store(endpoint, "runs/broken.age", GeneratedStream.failing(4L * MIB, 3, MIB),
                new TestTaskContext()))
                .isInstanceOf(IOException.class)
                .hasMessage("source broke");

        assertThat(tree()).doesNotContain("backups/runs/broken.age", "backups/runs/broken.age.partial");
    }

    @Test
    void whenTheServerDiesMidUploadTheStoreFailsAndPurgeRemovesThePartialFileOnceItIsBack() throws IOException {
        Endpoint endpoint = endpoint(Map.of());
        TestTaskContext context = new TestTaskContext();

        assertThatThrownBy(() -> store.store(endpoint, "runs/cut.age",
                GeneratedStream.triggering(8L * MIB, 4, 2L * MIB, server::stop), context))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("backups/runs/cut.age.partial on sftp server 127.0.0.1:" + server.port());
        assertThat(context.logText()).contains("could not remove /backups/runs/cut.age.partial");

        server.restart();
        assertThat(store.exists(endpoint, "runs/cut.age")).isFalse();
        assertThat(tree()).as("the connection was gone, so the partial file stayed").contains("backups/runs/cut.age.partial");

        store.purge(endpoint, "runs/cut.age");

        assertThat(tree()).containsExactly("backups");
    }

    @Test
    void listsTheKeysOfCompleteObjectsAndSkipsPartialFiles() throws IOException {
        Endpoint endpoint = endpoint(Map.of());
        for (String name : List.of("top.age", "nightly/a.age", "nightly/a.age.manifest.json", "weekly/2024/b.age")) {
            store.store(endpoint, name, GeneratedStream.of(1000, 1), new TestTaskContext());
        }
        Files.writeString(server.root().resolve("backups/nightly/unfinished.age.partial"), "half");
        Files.createDirectories(server.root().resolve("backups/empty"));

        assertThat(store.list(endpoint, "")).containsExactlyInAnyOrder(
                "top.age", "nightly/a.age", "nightly/a.age.manifest.json", "weekly/2024/b.age");
        assertThat(store.list(endpoint, "nightly/")).containsExactlyInAnyOrder("nightly/a.age", "nightly/a.age.manifest.json");
        assertThat(store.list(endpoint, "week")).containsExactly("weekly/2024/b.age");
        assertThat(store.list(endpoint, "weekly/2024/b")).containsExactly("weekly/2024/b.age");
        assertThat(store.list(endpoint, "monthly/")).isEmpty();
        assertThat(store.list(endpoint(Map.of("path", "/")), "backups/n")).as("the root directory as the store")
                .containsExactlyInAnyOrder("backups/nightly/a.age", "backups/nightly/a.age.manifest.json");
        assertThat(store.list(endpoint(Map.of("path", "backups/weekly/")), "")).as("a path relative to the login directory")
                .containsExactly("2024/b.age");
    }

    @Test
    void listingAMissingDirectorySaysSo() {
        assertThatThrownBy(() -> store.list(endpoint(Map.of("path", "/nowhere")), ""))
                .isInstanceOf(PluginException.class)
                .hasMessage("store directory /nowhere on sftp server 127.0.0.1:" + server.port() + " does not exist");
    }

    @Test
    void retrievingAMissingObjectNamesItAndTheStore() {
        assertThatThrownBy(() -> store.retrieve(endpoint(Map.of()), "nowhere.age"))
                .isInstanceOf(PluginException.class)
                .hasMessage("no object nowhere.age in store sftp server 127.0.0.1:" + server.port() + " /backups");
    }

    private Endpoint endpoint(Map<String, String> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "host", "127.0.0.1",
                "port", String.valueOf(server.port()),
                "user", SftpServer.USER,
                "password", SftpServer.PASSWORD,
                "path", "/backups",
                "host_key", server.hostKeyFingerprint()));
        values.putAll(overrides);
        return new Endpoint(store.info(), values);
    }

    private List<String> tree() {
        Path root = server.root();
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + root, e);
        }
    }
}
