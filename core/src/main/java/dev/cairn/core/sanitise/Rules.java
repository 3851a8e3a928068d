package dev.cairn.core.sanitise;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sanitising rules of one target: what happens to each table and column when a sanitised
 * variant is made. {@code tables} is keyed by table name, {@code schema.table} or just
 * {@code table} for the default schema ({@code public} on PostgreSQL, the connection's database on
 * MariaDB/MySQL).
 *
 * <p>In strict mode (the default) every table of the database must be named and every column of a
 * kept table must have a rule or be listed as {@code safe}; otherwise a new column would leave the
 * building unmasked. Read a document with {@link #parse(String)}.
 */
public record Rules(boolean strict, Map<String, TableRule> tables) {

    public Rules {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * Reads a rules document, JSON or YAML; throws {@link dev.cairn.core.CairnException.InvalidInput}
     * naming the table, column and rule that is wrong.
     */
    public static Rules parse(String document) {
        return RulesParser.parse(document);
    }
}
