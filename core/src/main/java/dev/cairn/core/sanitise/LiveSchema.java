package dev.cairn.core.sanitise;

import java.util.List;
import java.util.Optional;

/**
 * The tables, keys and foreign keys of the database being sanitised, as read from its catalog
 * ({@code pg_catalog} or {@code information_schema}) at the start of a run.
 */
record LiveSchema(String defaultSchema, List<Table> tables, List<ForeignKey> foreignKeys) {

    LiveSchema {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
    }

    Optional<Table> table(String qualified) {
        return tables.stream().filter(t -> t.qualified().equals(qualified)).findFirst();
    }

    /** What a column holds, as far as the Java rules care. */
    enum Kind { INTEGER, DECIMAL, FLOAT, TEXT, UUID, DATE, TIMESTAMP, TIMESTAMPTZ, BOOLEAN, OTHER }

    /**
     * One column: {@code sqlType} is the database's own spelling ({@code character varying(40)});
     * {@code min}/{@code max} bound an integer column; {@code maxLength} bounds a text column (0: none).
     */
    record Column(String name, Kind kind, String sqlType, boolean nullable, long min, long max, int maxLength,
                  boolean generated) {
    }

    /** One base table; {@code primaryKey} is empty when it has none. */
    record Table(String schema, String name, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {
        Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            uniqueKeys = List.copyOf(uniqueKeys);
        }

        String qualified() {
            return schema + "." + name;
        }

        Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        /** Whether {@code column} is part of the primary key or of a unique key. */
        boolean unique(String column) {
            return primaryKey.contains(column) || uniqueKeys.stream().anyMatch(k -> k.contains(column));
        }
    }

    /** A foreign key of {@code child} ({@code childColumns}) onto {@code parent} ({@code parentColumns}). */
    record ForeignKey(String name, String child, List<String> childColumns, String parent, List<String> parentColumns) {
        ForeignKey {
            childColumns = List.copyOf(childColumns);
            parentColumns = List.copyOf(parentColumns);
        }
    }
}
