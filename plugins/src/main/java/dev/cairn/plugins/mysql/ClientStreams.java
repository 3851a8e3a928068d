package dev.cairn.plugins.mysql;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Moves a dump between Cairn and a client program in bounded pieces, stopping when the task is
 * cancelled, and waits for the program to succeed.
 */
final class ClientStreams {
    private static final int BUFFER_BYTES = 64 * 1024;

    private ClientStreams() {
    }

    /** Copies the child's stdout into {@code out} to its end, then waits for the child to succeed. */
    static void copyOutput(ChildProcess child, String program, OutputStream out, TaskContext context) throws IOException {
        InputStream stdout = child.stdout();
        byte[] buffer = new byte[BUFFER_BYTES];
        int read;
        while ((read = readChecked(stdout, buffer, program, context)) >= 0) {
            out.write(buffer, 0, read);
        }
        child.await();
    }

    private static int readChecked(InputStream stdout, byte[] buffer, String program, TaskContext context) throws IOException {
        try {
            int read = stdout.read(buffer);
            if (context.cancelled()) {
                throw cancelled(program);
            }
            return read;
        } catch (IOException e) {
            if (context.cancelled()) {
                throw cancelled(program);
            }
            throw e;
        }
    }

    /**
     * Feeds {@code in} to the child's stdin to its end, discarding what it prints, then waits for it
     * to succeed.
     *
     * <p>When {@code in} fails, the exception propagates with stdin still open, so the caller's
     * {@code close()} kills the child before it could take a cut-off dump for a complete one.
     */
    static void feedInput(ChildProcess child, String program, InputStream in, TaskContext context) throws IOException {
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
        child.await();
        try {
            discarder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(program + " was stopped because the task was interrupted", e);
        }
    }

    private static PluginException stoppedReading(ChildProcess child, String program, IOException e) {
        // a client that failed explains itself (in the exception await throws) better than a broken pipe does
        child.await();
        return new PluginException(program + " stopped reading the dump before its end", e);
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
