package dev.cairn.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plugin.Endpoint;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A whole server (all databases and roles) backed up with pg_dumpall and replayed with psql. */
@Timeout(180)
class AllDatabasesTest {
    private final PostgresTarget target = new PostgresTarget();

    @Test
    void restoresEveryDatabaseAndRoleOverChangedData() throws Exception {
        for (String tool : List.of("pg_dumpall", "psql")) {
            Binaries.require(tool, "postgresql-client");
        }
        // a server of its own: restoring all databases ends every session and re-creates every database
        try (PostgresServer server = PostgresServer.start()) {
            server.createDatabase("alpha");
            server.createDatabase("beta");
            server.execute("alpha", "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('first')");
            server.execute("beta", "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('second')");
            server.execute("postgres", "CREATE ROLE reporter LOGIN");
            Endpoint endpoint = new Endpoint(target.info(), Map.of("host", server.host(), "port", server.port(),
                    "user", server.user(), "password", server.password(), "database", ""));

            ByteArrayOutputStream archive = new ByteArrayOutputStream();
            target.backup(endpoint, archive, new TestTaskContext());
            server.execute("alpha", "DELETE FROM notes; INSERT INTO notes VALUES ('changed')");
            server.execute("postgres", "DROP DATABASE beta");
            server.execute("postgres", "DROP ROLE reporter");
            TestTaskContext context = new TestTaskContext();
            try (Connection open = server.connect("alpha")) {
                target.restore(endpoint, new ByteArrayInputStream(archive.toByteArray()), context);
                assertThat(open.isValid(5)).as("the open session was ended").isFalse();
            }

            assertThat(archive.toString(StandardCharsets.UTF_8)).contains("CREATE ROLE reporter");
            assertThat(server.query("alpha", "SELECT body FROM notes")).containsExactly(List.of("first"));
            assertThat(server.query("beta", "SELECT body FROM notes")).containsExactly(List.of("second"));
            assertThat(server.query("postgres", "SELECT rolname FROM pg_roles WHERE rolname = 'reporter'"))
                    .containsExactly(List.of("reporter"));
            assertThat(context.logText())
                    .contains("other session(s) on the server before restoring every database")
                    .doesNotContain(server.password());
        }
    }
}
