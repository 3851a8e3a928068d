package dev.cairn.plugins.exec;

import dev.cairn.plugin.PluginException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a program's short stdout reply (a JSON map) on its own thread while the program runs, so
 * that the program never blocks on a full pipe; keeps at most {@link #LIMIT} bytes and discards
 * the rest.
 */
final class ReplyReader {
    static final int LIMIT = 64 * 1024;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;

    private ReplyReader(InputStream stdout, String program) {
        this.thread = Thread.ofVirtual().name(program + "-stdout").start(() -> read(stdout));
    }

    /** Starts reading {@code stdout} until its end. */
    static ReplyReader start(InputStream stdout, String program) {
        return new ReplyReader(stdout, program);
    }

    private void read(InputStream stdout) {
        byte[] buffer = new byte[8192];
        try (stdout) {
            int read;
            while ((read = stdout.read(buffer)) >= 0) {
                synchronized (kept) {
                    kept.write(buffer, 0, Math.min(read, Math.max(0, LIMIT - kept.size())));
                }
            }
        } catch (IOException e) {
            // the process was stopped; what was read so far is the reply
        }
    }

    /** The reply once stdout has ended, waiting at most {@code timeout} for that. */
    String text(Duration timeout) {
        try {
            if (!thread.join(timeout)) {
                throw new PluginException("the program's stdout stayed open after it exited "
                        + "(does it leave a background process running?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("interrupted while reading the program's reply", e);
        }
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
