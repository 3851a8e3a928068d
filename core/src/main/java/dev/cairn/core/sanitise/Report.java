package dev.cairn.core.sanitise;

import java.util.List;

/**
 * What checking rules against a database found: {@code problems} stop a run (a rule naming a table
 * or column the database lacks, a rule that does not fit the column's type, and in strict mode
 * every table and column left without a rule); {@code personal} lists the columns whose names look
 * personal and that have no rule or are marked safe, for a person to look at.
 */
public record Report(List<String> problems, List<PersonalColumn> personal) {

    public Report {
        problems = List.copyOf(problems);
        personal = List.copyOf(personal);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** A column whose name looks personal: {@code markedSafe} when the rules vouch for it, else it has no rule. */
    public record PersonalColumn(String table, String column, boolean markedSafe) {
        @Override
        public String toString() {
            return table + "." + column + (markedSafe ? " (marked safe)" : " (no rule)");
        }
    }
}
