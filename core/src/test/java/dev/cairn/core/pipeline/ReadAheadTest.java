package dev.cairn.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The read-ahead stage between decryption and decompression: same bytes, same failures, no thread left. */
class ReadAheadTest {

    @Test
    void passesEveryByteInOrder() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        try (InputStream ahead = ReadAhead.of(new ByteArrayInputStream(data), "test-ahead")) {
            assertThat(ahead.readAllBytes()).isEqualTo(data);
            assertThat(ahead.read()).isEqualTo(-1);
        }
    }

    @Test
    void theReaderSeesTheUpstreamsOwnException() throws IOException {
        IOException storeFailure = new MeasuringInputStream.StoreReadException("the store broke off",
                new IOException("connection reset"));
        try (InputStream ahead = ReadAhead.of(failingAfter(100_000, storeFailure), "test-ahead")) {
            assertThatThrownBy(ahead::readAllBytes).isSameAs(storeFailure);
        }
        IllegalStateException bug = new IllegalStateException("a runtime failure upstream");
        try (InputStream ahead = ReadAhead.of(failingAfter(10, bug), "test-ahead")) {
            assertThatThrownBy(ahead::readAllBytes).isSameAs(bug);
        }
    }

    @Test
    void closingStopsTheThreadAndLeavesTheUpstreamToItsOwner() throws IOException {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read.addAndGet(len);
                return len;
            }
        };
        InputStream ahead = ReadAhead.of(endless, "test-ahead-endless");
        assertThat(ahead.readNBytes(1000)).hasSize(1000);
        ahead.close();
        long afterClose = read.get();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-ahead-endless"));
        assertThat(endless.read()).isEqualTo(1); // still open for its owner
        assertThat(read.get()).isEqualTo(afterClose + 1);
    }

    private static InputStream failingAfter(int bytes, Exception failure) {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(new byte[bytes]), broken);
    }
}
