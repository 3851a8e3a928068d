package dev.cairn.core.catalog;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;

/**
 * Runs the catalog work of virtual threads on a fixed set of platform threads, one per pooled
 * connection; platform threads (the scheduler's, the task runner's loop) run theirs in place.
 *
 * <p>sqlite-jdbc is JNI: a virtual thread inside a native call pins its carrier, and the JDK adds
 * no carrier to make up for it. With two carriers, two requests stepping a statement (or waiting
 * for SQLite's lock inside native code) stopped every other virtual thread, {@code /healthz} and
 * the holder of the lock they waited for included. Here a virtual thread waits for its connection
 * in Hikari and for its result in a {@link Future}, both of which unmount it; only the platform
 * threads enter native code. There are as many of them as connections, and a caller holds its
 * connection before it hands its work over, so work never queues here.
 */
final class PlatformThreadCalls implements HandleCallbackDecorator, AutoCloseable {
    private final ExecutorService threads;

    PlatformThreadCalls(int connections) {
        this.threads = Executors.newFixedThreadPool(connections, Thread.ofPlatform().daemon().name("catalog-", 1).factory());
    }

    @Override
    public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
        return handle -> {
            if (!Thread.currentThread().isVirtual()) {
                return callback.withHandle(handle);
            }
            return await(threads.submit(() -> callback.withHandle(handle)));
        };
    }

    /**
     * The result of {@code work}. An interrupt does not abandon it, since the caller closes the
     * handle it runs on: the wait goes on and the interrupt is kept for the caller to see.
     */
    private static <R, X extends Exception> R await(Future<R> work) throws X {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return work.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw PlatformThreadCalls.<X>rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Throws the callback's own exception, checked or not, as the callback would have. */
    @SuppressWarnings("unchecked")
    private static <X extends Exception> X rethrow(Throwable cause) throws X {
        if (cause instanceof Error error) {
            throw error;
        }
        throw (X) cause;
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
