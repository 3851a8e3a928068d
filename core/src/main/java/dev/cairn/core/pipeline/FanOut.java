package dev.cairn.core.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one stream to several outputs (the pipes to each store of a backup). An output that fails
 * is dropped and the others go on, so one store going away does not cost the copies in the rest;
 * once every output has failed, writing fails with {@link AllOutputsFailed}.
 */
final class FanOut extends OutputStream {
    private final List<OutputStream> live;
    private IOException firstFailure;

    FanOut(List<OutputStream> outputs) {
        this.live = new ArrayList<>(outputs);
    }

    /** Thrown once no output is left to write to. */
    static final class AllOutputsFailed extends IOException {
        AllOutputsFailed(IOException cause) {
            super("every store stopped reading: " + cause.getMessage(), cause);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        each(out -> out.write(bytes, offset, length));
    }

    @Override
    public void flush() throws IOException {
        each(OutputStream::flush);
    }

    @Override
    public void close() throws IOException {
        each(OutputStream::close);
    }

    private interface Step {
        void apply(OutputStream out) throws IOException;
    }

    private void each(Step step) throws IOException {
        for (int i = live.size() - 1; i >= 0; i--) {
            try {
                step.apply(live.get(i));
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                live.remove(i);
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (live.isEmpty()) {
            throw new AllOutputsFailed(firstFailure);
        }
    }
}
