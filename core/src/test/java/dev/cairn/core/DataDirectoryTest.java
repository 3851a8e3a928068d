package dev.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and everything in it belong to Cairn's user only, and its private directory starts empty. */
final class DataDirectoryTest {
    @TempDir
    Path temp;

    private Cairn start(Path data) {
        return CoreFixture.start(CairnSettings.defaults(data).withScheduling(false, Duration.ofSeconds(15)), Clock.systemUTC());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDataDirectoryIsOwnerOnlyWithTheCatalogAndItsWalAndShmFiles() throws Exception {
        Path data = temp.resolve("fresh/data");
        try (Cairn cairn = start(data)) {
            cairn.catalog().tasks().running("nobody"); // the catalog in use: -wal and -shm exist
            assertThat(data.resolve("catalog.db-wal")).exists();
            assertThat(data.resolve("catalog.db-shm")).exists();
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("private"))).isEqualTo("rwx------");
            for (String file : new String[] {"catalog.db", "catalog.db-wal", "catalog.db-shm", "cairn.key"}) {
                assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anOpenDataDirectoryIsTightenedAtStartAndThePrivateDirectoryEmptied() throws Exception {
        Path data = temp.resolve("data");
        try (Cairn first = start(data)) {
            first.catalog().tasks().running("nobody");
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("catalog.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Path program = Files.writeString(data.resolve("plugins-program"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path leftover = Files.writeString(data.resolve("private/mysql-123.cnf"), "[client]\npassword=\"secret\"\n");
        Files.createDirectories(data.resolve("private/nested"));
        Files.setPosixFilePermissions(data.resolve("private"), PosixFilePermissions.fromString("rwxrwxrwx"));

        try (Cairn cairn = start(data)) {
            cairn.catalog().tasks().running("nobody");
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("catalog.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("catalog.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("catalog.db-shm"))).isEqualTo("rw-------");
            assertThat(mode(program)).as("a program keeps its owner's execute bit").isEqualTo("rwx------");
            assertThat(leftover).doesNotExist();
            assertThat(data.resolve("private")).isEmptyDirectory();
            assertThat(mode(data.resolve("private"))).isEqualTo("rwx------");
        }
    }
}
