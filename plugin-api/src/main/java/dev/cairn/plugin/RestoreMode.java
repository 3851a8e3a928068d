package dev.cairn.plugin;

/**
 * What a target's restore does to the live data while it runs, so that Cairn can tell the user
 * before it starts and say truthfully afterwards what state the target is in.
 */
public enum RestoreMode {
    /**
     * The restore is loaded beside the live data (a new database, a sibling directory, a new file)
     * and replaces it in one step at the end, only once the whole archive has been read to its end
     * intact. A restore that fails or is cancelled leaves the live data as it was.
     */
    STAGED_SWAP,
    /**
     * The restore writes into the live data as it reads the archive. A restore that fails part-way
     * leaves the target partly restored.
     */
    IN_PLACE;

    /** How a task log describes this mode before the restore starts. */
    public String promise() {
        return switch (this) {
            case STAGED_SWAP -> "the restore is loaded beside the live data and swapped in at the end; "
                    + "until then the target is not changed";
            case IN_PLACE -> "this target's plugin restores in place: the live data is overwritten as the "
                    + "archive is read, and a failed restore leaves it partly restored";
        };
    }
}
