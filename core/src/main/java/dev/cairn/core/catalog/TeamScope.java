package dev.cairn.core.catalog;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which teams' rows a list returns: every row (an admin, or the core itself), or only the rows of
 * some teams. A row of no team is in {@link #ALL} only.
 */
public record TeamScope(boolean all, Set<UUID> teams) {
    public static final TeamScope ALL = new TeamScope(true, Set.of());

    public TeamScope {
        teams = Set.copyOf(teams);
    }

    /** Only the rows of {@code teams} (none when empty). */
    public static TeamScope of(Set<UUID> teams) {
        return new TeamScope(false, teams);
    }

    /** Whether a row of {@code team} (null: no team) is in scope. */
    public boolean includes(UUID team) {
        return all || team != null && teams.contains(team);
    }

    /**
     * The SQL condition, starting with {@code AND}, that keeps rows whose {@code column} holds a team in
     * scope; "" for all. The uuids are written into the SQL: they are {@link UUID}s, never user text.
     */
    public String condition(String column) {
        if (all) {
            return "";
        }
        if (teams.isEmpty()) {
            return " AND 1 = 0";
        }
        return " AND " + column + " IN (" + teams.stream().map(uuid -> "'" + uuid + "'").sorted()
                .collect(Collectors.joining(", ")) + ")";
    }
}
