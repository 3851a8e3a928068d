package dev.cairn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Moves a backup stream between Cairn and a child process in bounded pieces, and turns the ways
 * that can fail into one readable line.
 */
public final class ProcessStreams {
    private static final int BUFFER_BYTES = 64 * 1024;

    private ProcessStreams() {
    }

    /** Copies the child's stdout into {@code out} to its end, then waits for the child to succeed. */
    public static void copyOutput(ChildProcess child, String program, OutputStream out, TaskContext context) throws IOException {
        InputStream stdout = child.stdout();
        byte[] buffer = new byte[BUFFER_BYTES];
        while (true) {
            int read;
            try {
                read = stdout.read(buffer);
            } catch (IOException e) {
                if (context.cancelled()) {
                    throw cancelled(program);
                }
                throw e;
            }
            if (read < 0) {
                break;
            }
            if (context.cancelled()) {
                throw cancelled(program);
            }
            out.write(buffer, 0, read);
        }
        await(child, program, context);
    }

    /**
     * Feeds {@code in} to the child's stdin to its end, discarding what the child prints on stdout,
     * then waits for it to succeed.
     *
     * <p>When {@code in} fails, the exception propagates with the child's stdin still open, so the
     * caller's {@code close()} kills the child before it could take a cut-off stream for a complete one.
     */
    public static void feedInput(ChildProcess child, String program, InputStream in, TaskContext context) throws IOException {
        Thread discarder = Thread.ofVirtual().name(program + "-stdout").start(() -> discard(child.stdout()));
        OutputStream stdin = child.stdin();
        byte[] buffer = new byte[BUFFER_BYTES];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (context.cancelled()) {
                throw cancelled(program);
            }
            try {
                stdin.write(buffer, 0, read);
            } catch (IOException e) {
                throw stoppedReading(child, program, e);
            }
        }
        try {
            stdin.close();
        } catch (IOException e) {
            throw stoppedReading(child, program, e);
        }
        await(child, program, context);
        try {
            discarder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(program + " was stopped because the task was interrupted", e);
        }
    }

    /**
     * Runs the child as a filter: feeds {@code in} to its stdin (on a virtual thread) while its stdout
     * is copied into {@code out}, then waits for it to succeed. When {@code in} fails (a damaged
     * archive), the child is stopped and that failure is thrown, never a clean end of {@code out}.
     */
    public static void filter(ChildProcess child, String program, InputStream in, OutputStream out, TaskContext context)
            throws IOException {
        IOException[] fed = new IOException[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread feeder = Thread.ofVirtual().name(program + "-stdin").start(() -> {
            OutputStream stdin = child.stdin();
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    stdin.write(buffer, 0, read);
                }
                stdin.close();
            } catch (IOException e) {
                fed[0] = e;
                child.close();
            } catch (RuntimeException e) {
                failed[0] = e;
                child.close();
            }
        });
        try {
            InputStream stdout = child.stdout();
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int read; (read = stdout.read(buffer)) >= 0; ) {
                if (context.cancelled()) {
                    throw cancelled(program);
                }
                out.write(buffer, 0, read);
            }
            feeder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(program + " was stopped because the thread was interrupted", e);
        } finally {
            if (feeder.isAlive()) {
                child.close();
            }
        }
        if (fed[0] != null) {
            throw fed[0];
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        await(child, program, context);
    }

    private static PluginException stoppedReading(ChildProcess child, String program, IOException e) {
        // a child that failed explains itself (in the exception await throws) better than a broken pipe does
        child.await();
        return new PluginException(program + " stopped reading the backup before its end", e);
    }

    /** Waits for the child to succeed; a child killed by a cancel is reported as cancelled, not by its exit status. */
    private static void await(ChildProcess child, String program, TaskContext context) {
        try {
            child.await();
        } catch (PluginException e) {
            if (context.cancelled()) {
                throw cancelled(program);
            }
            throw e;
        }
    }

    private static PluginException cancelled(String program) {
        return new PluginException(program + " was stopped because the task was cancelled");
    }

    private static void discard(InputStream stdout) {
        try (stdout) {
            stdout.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the process was stopped; nothing more to read
        }
    }
}
