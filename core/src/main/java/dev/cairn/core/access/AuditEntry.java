package dev.cairn.core.access;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the audit log: when, who (null {@code user} when nobody was signed in), from where,
 * what, on which object of which team, and how it ended. It never holds a secret: details are the
 * caller's words about what happened, never a request body.
 */
public record AuditEntry(UUID uuid, Instant at, UUID user, String userName, String address, String action,
                         String objectKind, UUID objectUuid, String objectName, UUID team, Outcome outcome, String detail) {

    /** How the action ended. */
    public enum Outcome {
        OK, DENIED, FAILED;

        public String wire() {
            return name().toLowerCase();
        }

        public static Outcome fromWire(String text) {
            return valueOf(text.toUpperCase());
        }
    }

    public AuditEntry {
        userName = userName == null ? "" : userName;
        address = address == null ? "" : address;
        objectKind = objectKind == null ? "" : objectKind;
        objectName = objectName == null ? "" : objectName;
        detail = detail == null ? "" : detail;
    }
}
