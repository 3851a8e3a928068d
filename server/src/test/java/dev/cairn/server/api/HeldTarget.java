package dev.cairn.server.api;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A data system whose backups wait until the test lets them go, so that a test can see a task running and one pending. */
final class HeldTarget implements TargetPlugin {
    static final String NAME = "held";
    private final CountDownLatch release = new CountDownLatch(1);

    /** Lets every waiting and later backup finish. */
    void release() {
        release.countDown();
    }

    @Override
    public PluginInfo info() {
        return new PluginInfo(NAME, "Held dump", "tests", "1", true, false, List.of(), "dumps a line once released");
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the held backup was interrupted");
        }
        out.write("held\n".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) {
        throw new UnsupportedOperationException("the held target is only ever backed up");
    }
}
