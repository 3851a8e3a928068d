package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Principal;
import dev.cairn.plugin.PluginException;
import java.util.function.Supplier;

/**
 * The audit rows of the changes the web UI makes itself (configuration, people, tokens), written
 * as the API writes them: one row per change, {@code ok}, {@code denied} when the permission check
 * refused it (a 403; a 404 is not written, as the object is not the principal's to know of), or
 * {@code failed} with the error. The actions of {@code UserActions} write their own rows.
 */
final class WebAudit {
    private final Access access;

    WebAudit(Access access) {
        this.access = access;
    }

    /** Runs {@code check}, which refuses or names what the change is about, then {@code act}, and writes one row. */
    <T> T run(Principal p, String action, Supplier<AuditObject> check, Supplier<T> act) {
        AuditObject object;
        try {
            object = check.get();
        } catch (CairnException.Forbidden e) {
            access.record(p, action, AuditObject.NONE, AuditEntry.Outcome.DENIED, e.getMessage());
            throw e;
        }
        try {
            T result = act.get();
            access.record(p, action, object, AuditEntry.Outcome.OK, "web UI");
            return result;
        } catch (CairnException | PluginException e) {
            access.record(p, action, object, AuditEntry.Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    /** Refuses {@code p} an admin's {@code permission} for {@code action}, writing the denied row. */
    void require(Principal p, String action, dev.cairn.core.access.Permission permission) {
        try {
            p.require(permission);
        } catch (CairnException.Forbidden e) {
            access.record(p, action, AuditObject.NONE, AuditEntry.Outcome.DENIED, e.getMessage());
            throw e;
        }
    }

    /** As {@link #run(Principal, String, Supplier, Supplier)} for a change that returns nothing. */
    void run(Principal p, String action, Supplier<AuditObject> check, Runnable act) {
        run(p, action, check, () -> {
            act.run();
            return null;
        });
    }
}
