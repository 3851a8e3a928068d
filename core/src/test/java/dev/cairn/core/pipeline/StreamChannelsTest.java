package dev.cairn.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stream-to-channel adapters age reads and writes through: same bytes, one call per chunk, closing passes on. */
class StreamChannelsTest {
    private static final byte[] DATA = random(200_003);

    @Test
    void readsEveryByteIntoHeapAndDirectBuffers() throws IOException {
        for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.allocate(65_552), ByteBuffer.allocateDirect(70_000)}) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try (ReadableByteChannel channel = StreamChannels.readable(new ByteArrayInputStream(DATA))) {
                while (channel.read(buffer) >= 0) {
                    buffer.flip();
                    byte[] piece = new byte[buffer.remaining()];
                    buffer.get(piece);
                    seen.write(piece);
                    buffer.clear();
                }
            }
            assertThat(seen.toByteArray()).isEqualTo(DATA);
        }
    }

    @Test
    void aHeapBufferIsFilledInOneReadOfTheStream() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        InputStream counting = new ByteArrayInputStream(DATA) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                return super.read(b, off, len);
            }
        };
        ByteBuffer chunk = ByteBuffer.allocate(65_552);
        chunk.position(16);
        try (ReadableByteChannel channel = StreamChannels.readable(counting)) {
            assertThat(channel.read(chunk)).isEqualTo(65_536);
        }
        assertThat(reads).hasValue(1);
        assertThat(chunk.position()).isEqualTo(65_552);
    }

    @Test
    void writesEveryByteFromHeapAndDirectBuffers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WritableByteChannel channel = StreamChannels.writable(out)) {
            ByteBuffer heap = ByteBuffer.wrap(DATA, 0, 100_000).slice();
            assertThat(channel.write(heap)).isEqualTo(100_000);
            assertThat(heap.hasRemaining()).isFalse();
            ByteBuffer direct = ByteBuffer.allocateDirect(DATA.length - 100_000).put(DATA, 100_000, DATA.length - 100_000).flip();
            assertThat(channel.write(direct)).isEqualTo(DATA.length - 100_000);
            assertThat(direct.hasRemaining()).isFalse();
        }
        assertThat(out.toByteArray()).isEqualTo(DATA);
    }

    @Test
    void closingTheChannelClosesTheStreamAndRefusesMore() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        WritableByteChannel channel = StreamChannels.writable(out);
        assertThat(channel.isOpen()).isTrue();
        channel.close();
        assertThat(closed).hasValue(1);
        assertThat(channel.isOpen()).isFalse();
        assertThatThrownBy(() -> channel.write(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
        ReadableByteChannel readable = StreamChannels.readable(new ByteArrayInputStream(DATA));
        readable.close();
        assertThatThrownBy(() -> readable.read(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(11).nextBytes(bytes);
        return bytes;
    }
}
