package dev.cairn.plugins.exec;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.SupervisedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;

/**
 * The stdout of a running program as a stream that ends only when the program succeeded: at the
 * end of its output the program is awaited, and a non-zero exit is thrown instead of the end, so a
 * blob cut short by a failure never passes for a whole one. Closing it early kills the program.
 */
final class ProgramOutput extends InputStream {
    private final SupervisedProcess child;
    private final InputStream stdout;
    private final UnaryOperator<PluginException> explain;
    private boolean ended;

    /**
     * @param explain turns the exception of a failed exit into the one callers see
     */
    ProgramOutput(SupervisedProcess child, UnaryOperator<PluginException> explain) {
        this.child = child;
        this.stdout = child.stdout();
        this.explain = explain;
    }

    @Override
    public int read() throws IOException {
        int next = stdout.read();
        return next < 0 ? end() : next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = stdout.read(buffer, offset, length);
        return read < 0 ? end() : read;
    }

    private int end() {
        if (!ended) {
            try {
                child.await();
            } catch (PluginException e) {
                throw explain.apply(e);
            }
            ended = true;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        try {
            stdout.close();
        } finally {
            child.close();
        }
    }
}
