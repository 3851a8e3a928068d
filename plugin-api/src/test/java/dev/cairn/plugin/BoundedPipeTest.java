package dev.cairn.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The pipe between two threads of a backup: every byte arrives once, in order, and failures reach the other side. */
final class BoundedPipeTest {
    private static final byte[] DATA = new byte[5 * BoundedPipe.CHUNK + 12_345];

    static {
        new Random(42).nextBytes(DATA);
    }

    @Test
    void writeFromReadsAStreamStraightIntoTheChunksAndMixesWithWrites() throws Exception {
        BoundedPipe pipe = new BoundedPipe(2);
        // a stream that gives at most 1000 bytes a read, as a decrypting stream gives pieces
        InputStream upstream = new java.io.ByteArrayInputStream(DATA, 3, DATA.length - 3) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream sink = pipe.sink()) {
                sink.write(DATA, 0, 3);
                while (pipe.writeFrom(upstream) >= 0) {
                    // every read lands in a chunk of the pipe
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (InputStream source = pipe.source()) {
            assertThat(source.readAllBytes()).isEqualTo(DATA);
        }
        writer.get();
    }

    @Test
    void piecesOfAnySizeArriveInOrderThroughRecycledChunks() throws Exception {
        BoundedPipe pipe = new BoundedPipe(2);
        CompletableFuture<Void> writer = writeInOddPieces(pipe);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream source = pipe.source()) {
            byte[] buffer = new byte[777];
            // read() and read(byte[]) for the first part, transferTo for the rest
            received.write(source.read());
            received.write(buffer, 0, source.read(buffer));
            source.transferTo(received);
            assertThat(source.read()).isEqualTo(-1);
        }
        writer.get();
        assertThat(received.toByteArray()).isEqualTo(DATA);
    }

    @Test
    void aFailedPipeGivesTheReaderTheWritersError() {
        BoundedPipe pipe = new BoundedPipe(4);
        pipe.fail(new IOException("pg_dump exited with status 1"));

        assertThatThrownBy(() -> pipe.source().transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(IOException.class).hasMessage("pg_dump exited with status 1");
        assertThatThrownBy(() -> pipe.sink().write(DATA))
                .isInstanceOf(IOException.class).hasMessageContaining("pg_dump exited with status 1");
    }

    @Test
    void aReaderThatStopsStopsTheWriter() throws IOException {
        BoundedPipe pipe = new BoundedPipe(2);
        CompletableFuture<Void> writer = writeInOddPieces(pipe);
        pipe.source().close();

        assertThatThrownBy(writer::get).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IOException.class).hasRootCauseMessage("the reading side of the pipe stopped");
    }

    private static CompletableFuture<Void> writeInOddPieces(BoundedPipe pipe) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream sink = pipe.sink()) {
                int offset = 0;
                for (int piece = 1; offset < DATA.length; piece = piece * 3 % 70_001 + 1) {
                    int n = Math.min(piece, DATA.length - offset);
                    sink.write(DATA, offset, n);
                    offset += n;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
