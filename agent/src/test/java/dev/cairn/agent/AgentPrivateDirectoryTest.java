package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent keeps its plugins' secret files in its own 0700 directory, and removes what a killed agent left there. */
class AgentPrivateDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void startingAnAgentMakesItsPrivateDirectoryOwnerOnlyAndEmpty() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("state/private"));
        Files.writeString(dir.resolve("mysql-42.cnf"), "[client]\npassword=\"left behind\"\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> messages = new CopyOnWriteArrayList<>();

        try (Agent agent = Agent.create(new AgentSettings(URI.create("http://127.0.0.1:1"), "token", "edge", null, dir), messages::add)) {
            assertThat(dir).isEmptyDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(messages).anySatisfy(line -> assertThat(line).contains("removed 1 file(s)", "mysql-42.cnf"));
        }
    }

    @Test
    void theDefaultIsTheUsersRuntimeDirectoryWhenThereIsOne() {
        assertThat(AgentSettings.defaultPrivateDir("edge", Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
                .isEqualTo(Path.of("/run/user/1000/cairn-agent-edge"));
        assertThat(AgentSettings.defaultPrivateDir("edge", Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cairn", "agent-edge", "private"));
    }
}
