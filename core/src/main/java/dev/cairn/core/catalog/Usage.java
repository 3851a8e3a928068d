package dev.cairn.core.catalog;

/** The {@code ?unused=t|f} filter of seed 004's list endpoints. */
public enum Usage {
    ANY, USED, UNUSED;

    /** Reads {@code t}/{@code f} (null or empty: any). */
    public static Usage fromUnusedFlag(String flag) {
        if (flag == null || flag.isEmpty()) {
            return ANY;
        }
        return switch (flag) {
            case "t", "true", "y", "yes", "1" -> UNUSED;
            case "f", "false", "n", "no", "0" -> USED;
            default -> throw new dev.cairn.core.CairnException.InvalidInput("unused must be t, true, y, yes, 1 or f, false, n, no, 0, got " + flag);
        };
    }

    /** The SQL condition on a column whose values jobs reference, or "" for any. */
    String condition(String jobColumn) {
        return condition(jobColumn, null);
    }

    /**
     * The SQL condition for things jobs reference and, when {@code archiveColumn} is given, that
     * stored archives need too: "unused" means it can be deleted safely.
     */
    String condition(String jobColumn, String archiveColumn) {
        return condition(jobColumn, archiveColumn, null);
    }

    /** As {@link #condition(String, String)}, and also in use when {@code alsoInUse} (an SQL {@code uuid IN …}) holds. */
    String condition(String jobColumn, String archiveColumn, String alsoInUse) {
        String inUse = "uuid IN (SELECT " + jobColumn + " FROM jobs)" + (archiveColumn == null ? ""
                : " OR uuid IN (SELECT " + archiveColumn + " FROM archives WHERE status <> 'purged')")
                + (alsoInUse == null ? "" : " OR " + alsoInUse);
        return switch (this) {
            case ANY -> "";
            case USED -> " AND (" + inUse + ")";
            case UNUSED -> " AND NOT (" + inUse + ")";
        };
    }
}
