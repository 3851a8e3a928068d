package dev.cairn.core.sanitise;

import java.util.Map;

/**
 * What happens to one table: which rows stay ({@link Rows}) and what happens to each column. A
 * dropped table keeps its schema and loses every row, so it needs no column rules.
 */
public record TableRule(Rows rows, Map<String, ColumnRule> columns) {

    public TableRule {
        if (rows == null) {
            throw new IllegalArgumentException("a table rule needs its rows (keep, drop or subset)");
        }
        columns = Map.copyOf(columns);
    }

    /** Which rows of a table stay. */
    public sealed interface Rows {
        /** Every row stays. */
        record Keep() implements Rows {
        }

        /** No row stays; the table's schema does. */
        record Drop() implements Rows {
        }

        /**
         * The rows matching {@code where} (an SQL condition), or about {@code percent} per cent of
         * them (chosen by a hash of the primary key, so the same rows each run), or the first
         * {@code limit} by primary key; plus every row that a kept row references through a
         * foreign key, so the subset loads without constraint errors.
         */
        record Subset(String where, Double percent, Long limit) implements Rows {
            public Subset {
                int given = (where == null ? 0 : 1) + (percent == null ? 0 : 1) + (limit == null ? 0 : 1);
                if (given != 1) {
                    throw new IllegalArgumentException("subset needs exactly one of where, percent and limit, got " + given);
                }
                if (where != null && where.isBlank()) {
                    throw new IllegalArgumentException("subset where must not be empty");
                }
                if (percent != null && !(percent >= 0 && percent <= 100)) {
                    throw new IllegalArgumentException("subset percent must be between 0 and 100, got " + percent);
                }
                if (limit != null && limit < 0) {
                    throw new IllegalArgumentException("subset limit must be at least 0, got " + limit);
                }
            }
        }
    }
}
