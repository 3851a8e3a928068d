package dev.cairn.plugins.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.testing.TestTaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sqlite target's connection test: the file is there, readable, and a SQLite database. */
final class SqliteConnectionCheckTest {
    private final SqliteTarget target = new SqliteTarget();
    @TempDir
    Path directory;

    @Test
    void aDatabaseFileConnectsAndAnythingElseSaysWhatItIs() throws Exception {
        Path database = directory.resolve("shop.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            connection.createStatement().execute("CREATE TABLE t (x)");
        }
        assertThat(check(database)).isEqualTo(database + " is a readable SQLite database");

        Path missing = directory.resolve("gone.db");
        assertThatThrownBy(() -> check(missing)).isInstanceOf(PluginException.class)
                .hasMessage("database file " + missing + " does not exist");
        Path text = Files.writeString(directory.resolve("notes.txt"), "not a database at all");
        assertThatThrownBy(() -> check(text)).hasMessage(text + " is not a SQLite database (it does not start with the SQLite header)");
        assertThatThrownBy(() -> check(directory)).hasMessageContaining("is not a file");
    }

    private String check(Path path) throws Exception {
        return target.checkConnection(new Endpoint(target.info(), Map.of("path", path.toString())), new TestTaskContext());
    }
}
