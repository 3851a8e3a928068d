package dev.cairn.core.sanitise;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** A {@link MapWriter} through PostgreSQL's {@code COPY … FROM STDIN} in text format, one COPY per page. */
final class CopyMapWriter implements MapWriter {
    private final CopyManager copy;
    private final String sql;
    private final StringBuilder text = new StringBuilder(1 << 20);
    private int pending;

    CopyMapWriter(Connection connection, String map) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.sql = "COPY " + map + " FROM STDIN";
    }

    @Override
    public void add(String[] keyText, Object[] key, Object[] values) throws SQLException {
        for (int i = 0; i < keyText.length; i++) {
            field(i == 0 ? "" : "\t", keyText[i]);
        }
        for (Object value : values) {
            field("\t", value == null ? null : JavaRules.text(value));
        }
        text.append('\n');
        pending++;
    }

    private void field(String separator, String value) {
        text.append(separator);
        if (value == null) {
            text.append("\\N");
            return;
        }
        CopyTransformer.appendEscaped(text, value, 0);
    }

    @Override
    public void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        try {
            copy.copyIn(sql, new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("cannot send rows to " + sql + ": " + e.getMessage(), e);
        }
        text.setLength(0);
        pending = 0;
    }

    @Override
    public void close() {
        text.setLength(0);
    }
}
