package dev.cairn.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A restore's input that throws after {@code limit} bytes, as Cairn's checked stream does when the
 * archive proves damaged part-way; when given a context, it cancels that task first, as a user's
 * cancel in the middle of a restore does.
 */
public final class FailingAfter extends FilterInputStream {
    private final long limit;
    private final TestTaskContext cancelling;
    private long read;

    /** Fails {@code in} after {@code limit} bytes; cancels {@code cancelling} first unless it is null. */
    public FailingAfter(InputStream in, long limit, TestTaskContext cancelling) {
        super(in);
        this.limit = limit;
        this.cancelling = cancelling;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (read >= limit) {
            if (cancelling != null) {
                cancelling.cancel();
                throw new IOException("the task was cancelled");
            }
            throw new IOException("damaged archive: chunk checksum mismatch");
        }
        int n = super.read(buffer, offset, (int) Math.min(length, limit - read));
        if (n > 0) {
            read += n;
        }
        return n;
    }
}
