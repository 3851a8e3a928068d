package dev.cairn.core.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Lets one of the catalog's writers at a time at SQLite, in the order they came (a fair gate):
 * a transaction holds the gate from its {@code BEGIN IMMEDIATE} to its end, a statement outside
 * one that is not a query holds it while it runs. Queries pass freely, as WAL lets them.
 *
 * <p>SQLite has a single writer. Left to SQLite, the other writers retry inside native code with
 * sleeps of up to 100 ms (busy_timeout), unfairly, each holding a pooled connection; and
 * sqlite-jdbc's commit begins the next transaction at once, taking the write lock once more.
 * Queued here they wait in Java, in turn, and SQLite's busy handler is left to writers outside this
 * process and the scheduler's few statements.
 */
final class SingleWriter implements StatementCustomizer {
    private final Semaphore gate = new Semaphore(1, true);

    /** The transaction handler that takes the gate around every transaction of {@code delegate}. */
    TransactionHandler transactions(TransactionHandler delegate) {
        return new Transactions(delegate);
    }

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
        if (!ctx.getConnection().getAutoCommit() || reads(ctx.getRenderedSql())) {
            return;
        }
        gate.acquireUninterruptibly();
        AtomicBoolean held = new AtomicBoolean(true);
        ctx.define(SingleWriter.class.getName(), held);
        // a statement that throws skips afterExecution; closing it gives the gate back then
        ctx.addCleanable(() -> release(held));
    }

    @Override
    public void afterExecution(PreparedStatement statement, StatementContext ctx) {
        if (ctx.getAttribute(SingleWriter.class.getName()) instanceof AtomicBoolean held) {
            release(held);
        }
    }

    private void release(AtomicBoolean held) {
        if (held.compareAndSet(true, false)) {
            gate.release();
        }
    }

    private static boolean reads(String sql) {
        String start = sql.stripLeading();
        int end = 0;
        while (end < start.length() && Character.isLetter(start.charAt(end))) {
            end++;
        }
        return switch (start.substring(0, end).toUpperCase(Locale.ROOT)) {
            case "SELECT", "WITH", "PRAGMA", "EXPLAIN", "VALUES" -> true;
            default -> false;
        };
    }

    private final class Transactions extends DelegatingTransactionHandler {
        Transactions(TransactionHandler delegate) {
            super(delegate);
        }

        @Override
        public TransactionHandler specialize(Handle handle) throws SQLException {
            return new Transactions(getDelegate().specialize(handle));
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            if (handle.isInTransaction()) {
                return super.inTransaction(handle, callback);
            }
            gate.acquireUninterruptibly();
            try {
                return super.inTransaction(handle, callback);
            } finally {
                gate.release();
            }
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                        HandleCallback<R, X> callback) throws X {
            if (handle.isInTransaction()) {
                return super.inTransaction(handle, level, callback);
            }
            gate.acquireUninterruptibly();
            try {
                return super.inTransaction(handle, level, callback);
            } finally {
                gate.release();
            }
        }
    }
}
