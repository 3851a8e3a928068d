package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class PostgresServerTest {

    @Test
    void servesPasswordCheckedConnectionsUntilClosed() {
        PostgresServer server = PostgresServer.start();
        try (server) {
            server.createDatabase("fixture");
            server.execute("fixture", "CREATE TABLE t (v text); INSERT INTO t VALUES ('x'), (NULL)");

            assertThat(server.query("fixture", "SELECT v FROM t ORDER BY v")).containsExactly(List.of("x"), Collections.singletonList(null));
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("fixture"), server.user(), "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }

        assertThatThrownBy(() -> server.query("fixture", "SELECT 1")).isInstanceOf(IllegalStateException.class);
    }
}
