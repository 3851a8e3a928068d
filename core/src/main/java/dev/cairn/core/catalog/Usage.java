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
            default -> throw new dev.cairn.core.CairnException.InvalidInput("unused must be t or f, got " + flag);
        };
    }

    /** The SQL condition on a column whose values jobs reference, or "" for any. */
    String condition(String jobColumn) {
        return switch (this) {
            case ANY -> "";
            case USED -> " AND uuid IN (SELECT " + jobColumn + " FROM jobs)";
            case UNUSED -> " AND uuid NOT IN (SELECT " + jobColumn + " FROM jobs)";
        };
    }
}
