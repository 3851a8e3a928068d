package dev.cairn.core.pipeline;

import dev.cairn.core.pipeline.MeasuringInputStream.StoreReadException;
import dev.cairn.plugin.BoundedPipe;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The plain stream a target plugin restores from: at its end it reads the stored object's last
 * bytes and checks its SHA-256 and plain size, and throws an {@link IOException} naming the object
 * and both checksums instead of returning -1 when they do not match. An object that breaks off or
 * cannot be decrypted or decompressed part-way throws as well. So a plugin that swaps its staged
 * copy in only once it has read -1 never swaps in a damaged archive.
 *
 * <p>Closing it does nothing: the pipeline closes the store's stream once the plugin is done.
 */
final class CheckedPlainStream extends InputStream {
    private final InputStream raw;
    private final MeasuringInputStream stored;
    private final StoredObject object;
    private final BooleanSupplier cancelled;
    private final byte[] one = new byte[1];
    private long plain;
    private boolean ended;
    private DamagedArchiveException damage;

    CheckedPlainStream(InputStream raw, MeasuringInputStream stored, StoredObject object, BooleanSupplier cancelled) {
        this.raw = raw;
        this.stored = stored;
        this.object = object;
        this.cancelled = cancelled;
    }

    @Override
    public int read() throws IOException {
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (damage != null) {
            throw new IOException(damage.getMessage(), damage);
        }
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            n = raw.read(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreReadException || ObjectReader.stopped(e) || cancelled.getAsBoolean()) {
                throw e;
            }
            throw damaged(new DamagedArchiveException("object " + object.key() + " is damaged: it cannot be decrypted "
                    + "and decompressed past " + plain + " plain bytes (" + e.getMessage() + ")", e));
        }
        if (n < 0) {
            checkEnd();
            return -1;
        }
        plain += n;
        return n;
    }

    private void checkEnd() throws IOException {
        stored.drain();
        String actual = stored.sha256Hex();
        if (!object.sha256().equals(actual)) {
            throw damaged(new DamagedArchiveException("object " + object.key() + " changed after it was checked: "
                    + "expected sha256 " + object.sha256() + ", read " + actual));
        }
        if (object.rawSize() >= 0 && plain != object.rawSize()) {
            throw damaged(new DamagedArchiveException("object " + object.key() + " decompressed to " + plain
                    + " bytes; the catalog recorded " + object.rawSize()));
        }
        ended = true;
    }

    private IOException damaged(DamagedArchiveException found) {
        damage = found;
        return new IOException(found.getMessage(), found);
    }

    /** What made the stream fail, when the object proved damaged. */
    Optional<DamagedArchiveException> damage() {
        return Optional.ofNullable(damage);
    }

    /** Reads and checks whatever the plugin left unread; throws the damage found there. */
    void readRest() throws IOException {
        byte[] buffer = new byte[BoundedPipe.CHUNK];
        try {
            while (read(buffer, 0, buffer.length) >= 0) {
                // checked at the end
            }
        } catch (IOException e) {
            if (damage != null) {
                throw damage;
            }
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        return ended || damage != null ? 0 : raw.available();
    }

    @Override
    public void close() {
        // the pipeline closes the store's stream
    }
}
