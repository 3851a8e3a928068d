package dev.cairn.server.web;

import java.util.List;
import java.util.UUID;

/** The schedule form: a saved schedule's uuid (null for a new one), its fields, and why it was refused. */
public record ScheduleForm(UUID uuid, String name, String summary, String when, String timezone, String error,
                           List<String> invalid) {
    public String action() {
        return uuid == null ? "/schedules" : "/schedules/" + uuid;
    }

    public boolean isInvalid(String field) {
        return invalid.contains(field);
    }
}
