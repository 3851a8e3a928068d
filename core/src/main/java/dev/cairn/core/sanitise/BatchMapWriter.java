package dev.cairn.core.sanitise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** A {@link MapWriter} through a batched prepared INSERT (MariaDB's driver sends a batch as one bulk command). */
final class BatchMapWriter implements MapWriter {
    private final PreparedStatement insert;
    private final List<LiveSchema.Column> values;
    private int pending;

    BatchMapWriter(Connection connection, Dialect dialect, String map, int keyColumns, List<LiveSchema.Column> values)
            throws SQLException {
        this.values = values;
        this.insert = connection.prepareStatement("INSERT INTO " + map + " VALUES ("
                + String.join(", ", Collections.nCopies(keyColumns, "?")) + ", "
                + String.join(", ", values.stream().map(dialect::parameter).toList()) + ")");
    }

    @Override
    public void add(String[] keyText, Object[] key, Object[] newValues) throws SQLException {
        for (int i = 0; i < key.length; i++) {
            insert.setObject(i + 1, key[i]);
        }
        for (int i = 0; i < newValues.length; i++) {
            JavaRules.bind(insert, key.length + i + 1, values.get(i), newValues[i]);
        }
        insert.addBatch();
        pending++;
    }

    @Override
    public void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
