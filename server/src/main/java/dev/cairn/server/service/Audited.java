package dev.cairn.server.service;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Task;
import dev.cairn.plugin.PluginException;
import java.util.function.Supplier;

/**
 * Runs a change a person asked for and writes its one audit row: {@code ok}; {@code denied} when a
 * permission check inside refused it (a 403); {@code failed} with the error otherwise. A 404 is not
 * written: the object was not the principal's to know of. Callers find the object first (a 404 for
 * an invisible one happens before), then check and act inside.
 */
public final class Audited {
    private final Access access;

    public Audited(Access access) {
        this.access = access;
    }

    /** Runs {@code act} on {@code object} as {@code action}; a task it returns is named in the row's detail. */
    public <T> T run(Principal p, String action, AuditObject object, Supplier<T> act) {
        return run(p, action, object, act, false);
    }

    /** Like {@link #run(Principal, String, AuditObject, Supplier)}, for an action that returns nothing. */
    public void run(Principal p, String action, AuditObject object, Runnable act) {
        run(p, action, object, () -> {
            act.run();
            return null;
        }, false);
    }

    /**
     * Like {@link #run(Principal, String, AuditObject, Runnable)}, for a request that carries an endpoint:
     * a failure is written by its kind only, as a plugin's refusal may quote the endpoint's values.
     */
    public void runWithEndpoint(Principal p, String action, AuditObject object, Runnable act) {
        run(p, action, object, () -> {
            act.run();
            return null;
        }, true);
    }

    private <T> T run(Principal p, String action, AuditObject object, Supplier<T> act, boolean endpoint) {
        try {
            T result = act.get();
            access.record(p, action, object, AuditEntry.Outcome.OK, result instanceof Task task ? "task " + task.uuid() : "");
            return result;
        } catch (CairnException.Forbidden e) {
            access.record(p, action, object, AuditEntry.Outcome.DENIED, e.getMessage());
            throw e;
        } catch (CairnException.NotFound e) {
            throw e;
        } catch (CairnException | PluginException e) {
            access.record(p, action, object, AuditEntry.Outcome.FAILED, endpoint ? withoutEndpoint(e) : e.getMessage());
            throw e;
        }
    }

    /** A failure told without what may quote the endpoint (a plugin's refusal or error): a conflict keeps its message. */
    private static String withoutEndpoint(Exception e) {
        return switch (e) {
            case CairnException.InvalidInput invalid -> invalid.missing().isEmpty() ? "invalid input"
                    : "invalid input, missing " + invalid.missing();
            case CairnException.Conflict conflict -> conflict.getMessage();
            default -> "failed (" + Statuses.of(e) + ")";
        };
    }
}
