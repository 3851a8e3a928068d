package dev.cairn.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plugin.PluginInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry adds the external programs of a plugins directory to the built-in plugins. */
class PluginRegistryDirectoryTest {
    private static final String INFO = """
            #!/bin/sh
            [ "$1" = info ] || exit 2
            echo '{"name": "%s", "author": "tests", "version": "1", "features": {"target": "yes", "store": "no"}}'
            """;

    @TempDir
    Path plugins;

    @Test
    void externalProgramsJoinTheBuiltInsWhichKeepTheirNames() throws IOException {
        program("extra.sh", "Extra");
        program("fs", "An impostor");

        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), plugins);

        assertThat(registry.all()).extracting(PluginInfo::name).contains("extra", "fs", "postgres");
        assertThat(registry.info("extra")).get().extracting(PluginInfo::title).isEqualTo("Extra");
        assertThat(registry.target("extra").info().name()).isEqualTo("extra");
        assertThat(registry.info("fs")).get().extracting(PluginInfo::title).isEqualTo("Local directory");
    }

    @Test
    void noDirectoryMeansOnlyTheBuiltIns() {
        assertThat(PluginRegistry.load(getClass().getClassLoader(), null).all())
                .isEqualTo(PluginRegistry.load(getClass().getClassLoader()).all());
        assertThat(PluginRegistry.load(getClass().getClassLoader(), plugins.resolve("absent")).all())
                .isEqualTo(PluginRegistry.load(getClass().getClassLoader()).all());
    }

    private void program(String file, String title) throws IOException {
        Path program = plugins.resolve(file);
        Files.writeString(program, INFO.formatted(title));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
