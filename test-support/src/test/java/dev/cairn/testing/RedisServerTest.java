package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RedisServerTest {

    @Test
    void answersCommandsAndStopsEvenAfterARestart() {
        RedisServer server = RedisServer.start();
        Path directory = server.rdbPath().getParent();
        try (server) {
            server.command("RPUSH", "list", "a", "b");
            server.command(2, "SET", "other", "db");

            assertThat(server.list(0, "LRANGE", "list", "0", "-1")).containsExactly("a", "b");
            assertThat(server.command(2, "GET", "other")).isEqualTo("db");
            assertThat(server.command("GET", "missing")).isNull();

            server.command("SAVE");
            assertThatThrownBy(() -> server.command("SHUTDOWN", "NOSAVE")).isInstanceOf(IllegalStateException.class);
            LocalCommand.run(List.of("sh", "-c", server.startCommand()), directory, Duration.ofSeconds(30)).orThrow();
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "PONG".equals(server.command("PING")));
            assertThat(server.command("LLEN", "list")).as("loaded from the RDB at restart").isEqualTo(2L);
        }

        assertThatThrownBy(() -> server.command("PING")).isInstanceOf(IllegalStateException.class);
        assertThat(Files.exists(directory)).isFalse();
    }
}
