package dev.cairn.core.sanitise;

import java.sql.SQLException;

/**
 * Writes rows of (old key, new values) into a sanitiser's scratch map table a page at a time: the
 * fastest way each data system takes rows from a client (COPY on PostgreSQL, batched INSERT
 * elsewhere).
 */
interface MapWriter extends AutoCloseable {

    /** Adds one row: the key as the database printed it and as read, and the new values (null for SQL NULL). */
    void add(String[] keyText, Object[] key, Object[] values) throws SQLException;

    /** Sends the rows added since the last flush. */
    void flush() throws SQLException;

    @Override
    void close() throws SQLException;
}
