package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class MariaDbServerTest {

    @Test
    void servesPasswordCheckedConnectionsUntilClosed() {
        Path client = Binaries.require("mariadb", "mariadb-client");
        MariaDbServer server = MariaDbServer.start();
        try (server) {
            server.createDatabase("fixture");
            server.execute("fixture", "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'x'), (2, NULL)");

            assertThat(server.query("fixture", "SELECT id, v FROM t ORDER BY id"))
                    .containsExactly(List.of("1", "x"), List.of("2", "NULL"));
            assertThat(server.checksum("fixture", "t")).matches("\\d+");
            assertThat(tcpLogin(client, server, server.password()).output()).contains("fixture");
            assertThat(tcpLogin(client, server, "wrong").output()).contains("Access denied for user 'root'@'127.0.0.1'");
        }

        assertThatThrownBy(() -> server.query("fixture", "SELECT 1")).isInstanceOf(IllegalStateException.class);
    }

    private static LocalCommand.Result tcpLogin(Path client, MariaDbServer server, String password) {
        return LocalCommand.run(List.of(client.toString(), "--no-defaults", "--host=" + server.host(),
                "--port=" + server.port(), "--user=" + server.user(), "--password=" + password, "--batch",
                "--execute=SHOW DATABASES"), Path.of("."), Duration.ofSeconds(30));
    }
}
