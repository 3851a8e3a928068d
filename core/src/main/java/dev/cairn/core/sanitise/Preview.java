package dev.cairn.core.sanitise;

import java.util.List;

/** A few rows of each table before and after the rules, and the check's report; nothing was changed to make it. */
public record Preview(List<TablePreview> tables, Report report) {

    public Preview {
        tables = List.copyOf(tables);
    }

    /**
     * One table: {@code rows} says what happens to its rows ({@code keep}, {@code drop},
     * {@code subset …}); {@code total} rows now, and for a subset the {@code selected} ones before
     * foreign keys add the rows they reference (-1 otherwise); {@code before} and {@code after} as
     * text, column by column in {@code columns} order (null for SQL NULL).
     */
    public record TablePreview(String table, String rows, long total, long selected, List<String> columns,
                               List<List<String>> before, List<List<String>> after) {
        public TablePreview {
            columns = List.copyOf(columns);
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }
}
