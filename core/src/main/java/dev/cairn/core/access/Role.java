package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A member's role in a team, and what it allows there: the one permission table of Cairn. Each
 * role includes everything of the role before it. The global admin flag, outside this table, allows
 * every permission everywhere.
 */
public enum Role {
    VIEWER(EnumSet.of(Permission.VIEW)),
    DEVELOPER(EnumSet.of(Permission.VIEW, Permission.RUN_BACKUP, Permission.VERIFY_ARCHIVE,
            Permission.DOWNLOAD_SANITISED, Permission.MANAGE_INSTANCES)),
    OPERATOR(EnumSet.of(Permission.VIEW, Permission.RUN_BACKUP, Permission.VERIFY_ARCHIVE,
            Permission.DOWNLOAD_SANITISED, Permission.MANAGE_INSTANCES, Permission.RESTORE, Permission.DOWNLOAD_FULL,
            Permission.EDIT_CONFIG, Permission.MANAGE_TASKS, Permission.VIEW_AUDIT));

    private final Set<Permission> allows;

    Role(EnumSet<Permission> allows) {
        this.allows = Collections.unmodifiableSet(allows);
    }

    /** Whether this role allows {@code permission} in its team. */
    public boolean allows(Permission permission) {
        return allows.contains(permission);
    }

    public Set<Permission> permissions() {
        return allows;
    }

    public String wire() {
        return name().toLowerCase();
    }

    /** Reads {@code viewer}, {@code developer} or {@code operator}, naming the bad value otherwise. */
    public static Role fromWire(String text) {
        if (text != null) {
            for (Role role : values()) {
                if (role.wire().equalsIgnoreCase(text.trim())) {
                    return role;
                }
            }
        }
        throw new CairnException.InvalidInput("role must be viewer, developer or operator, got " + text);
    }
}
