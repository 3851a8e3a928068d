package dev.cairn.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for people: a header row and rows of cells, rendered in columns aligned on the widest
 * cell, two spaces apart. A null cell shows as "-".
 */
final class Table {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    static Table withColumns(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row; it must have one cell per column. */
    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(Table::display).toList());
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (List<String> row : allRows()) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder rendered = new StringBuilder();
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String cell = row.get(column);
                line.append(cell);
                if (column < widths.length - 1) {
                    line.append(" ".repeat(widths[column] - cell.length())).append(GAP);
                }
            }
            rendered.append(line.toString().stripTrailing()).append('\n');
        }
        return rendered.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(headers);
        all.addAll(rows);
        return all;
    }

    private static String display(String cell) {
        // A table row must stay on one line, whatever a summary or note holds, and send no escape codes.
        return cell == null ? "-" : Printable.oneLine(cell);
    }
}
