package dev.cairn.core.access;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import java.util.UUID;

/** What an audit row is about: a kind ({@code target}, {@code archive}, …), its uuid, its name then, its team. */
public record AuditObject(String kind, UUID uuid, String name, UUID team) {
    public static final AuditObject NONE = new AuditObject("", null, "", null);

    public static AuditObject of(Target t) {
        return new AuditObject("target", t.uuid(), t.name(), t.team());
    }

    public static AuditObject of(Archive a) {
        return new AuditObject("archive", a.uuid(), a.uuid().toString(), a.team());
    }

    public static AuditObject of(Task t) {
        return new AuditObject("task", t.uuid(), t.op().wire(), t.team());
    }

    public static AuditObject of(User u) {
        return new AuditObject("user", u.uuid(), u.name(), null);
    }

    public static AuditObject of(Team t) {
        return new AuditObject("team", t.uuid(), t.name(), t.uuid());
    }
}
