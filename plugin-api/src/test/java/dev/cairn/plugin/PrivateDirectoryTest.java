package dev.cairn.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private directory is 0700 whatever was there before, and starts empty. */
class PrivateDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void preparingCreatesItOwnerOnlyAndRemovesLeftovers() throws Exception {
        Path dir = temp.resolve("data/private");
        assertThat(PrivateDirectory.prepare(dir).leftovers()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        Files.writeString(dir.resolve("mysql-1.cnf"), "[client]\npassword=x\n");
        Files.createDirectories(dir.resolve("nested/deeper"));
        Files.writeString(dir.resolve("nested/deeper/key"), "secret");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivateDirectory prepared = PrivateDirectory.prepare(dir);

        assertThat(prepared.leftovers()).containsExactly("mysql-1.cnf", "nested");
        assertThat(dir).isEmptyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void aSymbolicLinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep"), "not ours to delete");
        Path link = Files.createSymbolicLink(temp.resolve("private"), elsewhere);

        assertThatThrownBy(() -> PrivateDirectory.prepare(link)).isInstanceOf(PluginException.class)
                .hasMessageContaining("symbolic link");
        assertThat(elsewhere.resolve("keep")).exists();
    }

    @Test
    void theDefaultOfAContextIsOwnerOnly() throws Exception {
        TaskContext context = new TaskContext() {
            public void log(String line) {
            }

            public void redact(String secret) {
            }

            public ChildProcess spawn(ProcessSpec spec) {
                throw new UnsupportedOperationException();
            }

            public boolean cancelled() {
                return false;
            }
        };
        Path dir = context.privateDirectory();
        assertThat(dir).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }
}
