package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import java.util.function.Supplier;

/**
 * Writes one audit row for each change to users, teams, memberships and tokens: {@code denied} when
 * the principal lacks the permission (a 403), {@code failed} with the error when the change was refused
 * (a conflict, a bad value), {@code ok} otherwise. Details are the caller's words, never a secret.
 */
final class AuditedChanges {
    private final Access access;

    AuditedChanges(Access access) {
        this.access = access;
    }

    /** Refuses {@code p} without the admin permission {@code permission}, recording the refusal of {@code action}. */
    void require(Principal p, Permission permission, String action, AuditObject object) {
        try {
            p.require(permission);
        } catch (CairnException.Forbidden e) {
            access.record(p, action, object, AuditEntry.Outcome.DENIED, e.getMessage());
            throw e;
        }
    }

    /** Records a refusal decided by the caller (such as a wrong current password), and returns it to throw. */
    CairnException denied(Principal p, String action, AuditObject object, CairnException refusal) {
        access.record(p, action, object, AuditEntry.Outcome.DENIED, refusal.getMessage());
        return refusal;
    }

    /** Makes the change and records how it ended. */
    <T> T change(Principal p, String action, AuditObject object, String detail, Supplier<T> change) {
        T result;
        try {
            result = change.get();
        } catch (CairnException e) {
            access.record(p, action, object, AuditEntry.Outcome.FAILED, e.getMessage());
            throw e;
        }
        access.record(p, action, object, AuditEntry.Outcome.OK, detail);
        return result;
    }

    void change(Principal p, String action, AuditObject object, String detail, Runnable change) {
        change(p, action, object, detail, () -> {
            change.run();
            return null;
        });
    }
}
