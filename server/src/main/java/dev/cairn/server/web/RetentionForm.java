package dev.cairn.server.web;

import java.util.List;
import java.util.UUID;

/** The retention form: the expiry as a number of {@code unit}s, and why the last attempt was refused. */
public record RetentionForm(UUID uuid, String name, String summary, String expires, RetentionUnit unit, String error,
                            List<String> invalid) {
    public String action() {
        return uuid == null ? "/retention" : "/retention/" + uuid;
    }

    public boolean isInvalid(String field) {
        return invalid.contains(field);
    }

    public List<RetentionUnit> units() {
        return List.of(RetentionUnit.HOURS, RetentionUnit.DAYS, RetentionUnit.WEEKS, RetentionUnit.SECONDS);
    }
}
