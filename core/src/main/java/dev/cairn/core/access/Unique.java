package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import org.jdbi.v3.core.JdbiException;

/** Turns the catalog's unique-index violation on a write into a conflict that names the duplicate. */
final class Unique {
    private Unique() {
    }

    static void saving(String kind, String name, Runnable write) {
        try {
            write.run();
        } catch (JdbiException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                String m = String.valueOf(c.getMessage());
                if (m.contains("UNIQUE") || m.contains("unique") || m.contains("duplicate key")) {
                    throw new CairnException.Conflict("a " + kind + " named '" + name + "' already exists");
                }
            }
            throw e;
        }
    }
}
