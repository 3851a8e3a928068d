package dev.cairn.core.sanitise;

import java.time.Instant;
import java.util.UUID;

/** One saved version of a target's rules document, as written (JSON or YAML). */
public record RulesVersion(UUID target, int version, String document, Instant savedAt, String savedBy) {

    /** The document read into rules; it was valid when saved. */
    public Rules rules() {
        return Rules.parse(document);
    }
}
