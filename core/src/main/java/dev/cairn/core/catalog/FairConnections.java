package dev.cairn.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Hands the catalog's pooled connections to Jdbi's callers in the order they asked, each waiting
 * at most {@code wait}; past it the caller gets Jdbi's {@code ConnectionException}, which the API
 * answers 503.
 *
 * <p>Hikari lets a newcomer take a connection that has just been returned before those already
 * waiting for one: with 200 requests on ten connections most are served at once and a few wait
 * many rounds, seconds. Queued here first, every caller waits about as long as the others.
 * {@code permits} stays below the pool's size so that the scheduler, which uses the pool
 * directly, still finds a connection.
 */
final class FairConnections implements ConnectionFactory {
    private final DataSource pool;
    private final Semaphore permits;
    private final Duration wait;

    FairConnections(DataSource pool, int permits, Duration wait) {
        this.pool = pool;
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (!acquire()) {
            throw new SQLTransientConnectionException("Connection is not available: every catalog connection "
                    + "stayed in use for " + wait.toSeconds() + " s");
        }
        try {
            return pool.getConnection();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * Waits up to {@code wait} for a permit. An interrupt does not cut the wait short (a canceled
     * task still logs how it ended, as it did with Hikari alone); it is kept for the caller.
     */
    private boolean acquire() {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        try {
            connection.close();
        } finally {
            permits.release();
        }
    }
}
