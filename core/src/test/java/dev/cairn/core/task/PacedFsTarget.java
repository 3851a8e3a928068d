package dev.cairn.core.task;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import dev.cairn.plugins.fs.FsPlugin;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The real fs target, but the archive it restores from stops flowing after its first
 * {@value #FLOWING} bytes until the task is stopped: so tests can cancel, or kill the server,
 * while a directory restore is half-way through writing its staged copy.
 */
public final class PacedFsTarget implements TargetPlugin {
    static final int FLOWING = 256 * 1024;
    private final FsPlugin fs = new FsPlugin();

    @Override
    public PluginInfo info() {
        PluginInfo real = fs.info();
        return new PluginInfo("paced-fs", "Directory, restored slowly", "tests", "1", true, false, real.fields(),
                "the fs target, whose restores stall half-way until stopped");
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        fs.backup(endpoint, out, context);
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        fs.restore(endpoint, new Stalling(in), context);
    }

    @Override
    public RestoreMode restoreMode(Endpoint endpoint) {
        return fs.restoreMode(endpoint);
    }

    @Override
    public void discardStagedRestore(Endpoint endpoint, TaskContext context) throws IOException {
        fs.discardStagedRestore(endpoint, context);
    }

    private static final class Stalling extends FilterInputStream {
        private long passed;

        Stalling(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (passed >= FLOWING) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("the restore was stopped");
                }
            }
            int n = super.read(bytes, offset, (int) Math.min(length, FLOWING - passed));
            passed += Math.max(n, 0);
            return n;
        }
    }
}
