package dev.cairn.plugins.redis;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Takes a full RDB snapshot of a running Redis over the network, the way {@code redis-cli --rdb}
 * does: it registers as a replica that wants only the RDB, sends SYNC, and copies the payload.
 *
 * <p>Redis announces the payload either as {@code $<length>} (the snapshot was written to disk
 * first) or, for a diskless transfer, as {@code $EOF:<40-byte mark>}, after which the data ends
 * with that same mark. Only the RDB bytes reach the output, through a fixed-size buffer.
 */
final class RdbSnapshot {
    private static final int MARK_LENGTH = 40;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final byte[] RDB_MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    // while it prepares the snapshot Redis sends a newline every second, so silence this long means trouble
    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(120);

    private final RedisAddress address;
    private final TaskContext context;

    RdbSnapshot(RedisAddress address, TaskContext context) {
        this.address = address;
        this.context = context;
    }

    /** Writes the snapshot's RDB bytes to {@code out} and returns how many there were. */
    long copyTo(OutputStream out) {
        try (RespConnection redis = RespConnection.open(address)) {
            // "capa eof" allows a diskless transfer; "rdb-only" (Redis 7) ends the stream after the RDB
            offer(redis, "capa", "eof");
            offer(redis, "rdb-only", "1");
            redis.send("SYNC");
            redis.readTimeout(TRANSFER_TIMEOUT);
            String header = payloadHeader(redis);
            long bytes;
            if (header.startsWith("EOF:")) {
                byte[] mark = header.substring(4).getBytes(StandardCharsets.US_ASCII);
                if (mark.length != MARK_LENGTH) {
                    throw new PluginException(address + " announced a diskless snapshot with a malformed end mark");
                }
                context.log(address + " is streaming a diskless RDB snapshot");
                bytes = copyUntilMark(redis.input(), out, mark);
            } else {
                long length = parseLength(header);
                context.log(address + " is sending an RDB snapshot of " + length + " bytes");
                bytes = copyExactly(redis.input(), out, length);
            }
            context.log("received " + bytes + " bytes of RDB from " + address);
            return bytes;
        } catch (SocketTimeoutException e) {
            throw new PluginException(address + " sent nothing for " + TRANSFER_TIMEOUT.toSeconds()
                    + " s during the snapshot", e);
        } catch (IOException e) {
            throw new PluginException("lost the connection to " + address + " during the snapshot: " + e.getMessage(), e);
        }
    }

    /** Sends a REPLCONF option; older servers refuse options they do not know, which is harmless. */
    private void offer(RespConnection redis, String option, String value) throws IOException {
        try {
            redis.call("REPLCONF", option, value);
        } catch (RedisError e) {
            switch (e.code()) {
                case "NOAUTH" -> throw new PluginException(address + " needs a password: " + e.getMessage());
                case "NOPERM" -> throw new PluginException(address + " does not let "
                        + (address.user().isEmpty() ? "the default user" : "user '" + address.user() + "'")
                        + " take a replication snapshot (it needs REPLCONF and SYNC): " + e.getMessage());
                default -> context.log(address + " does not know REPLCONF " + option + ": " + e.getMessage());
            }
        }
    }

    /** Skips the keep-alive newlines and returns the text after {@code $} on the payload's header line. */
    private String payloadHeader(RespConnection redis) throws IOException {
        InputStream in = redis.input();
        while (true) {
            int c = in.read();
            switch (c) {
                case '\n' -> {
                    if (context.cancelled()) {
                        throw new PluginException("the backup was cancelled while " + address + " prepared the snapshot");
                    }
                }
                case '$' -> {
                    return redis.readLine();
                }
                case '-' -> {
                    String error = redis.readLine();
                    String why = error.startsWith("NOAUTH") ? " needs a password: " : " refused SYNC: ";
                    throw new PluginException(address + why + error);
                }
                case -1 -> throw new EOFException(address + " closed the connection before sending the snapshot"
                        + " (see its log; a failed background save or a full disk are common causes)");
                default -> throw new PluginException(address + " answered SYNC with something other than a snapshot: "
                        + (char) c + redis.readLine());
            }
        }
    }

    private long parseLength(String header) {
        try {
            return Long.parseLong(header);
        } catch (NumberFormatException e) {
            throw new PluginException(address + " announced a snapshot of malformed length " + header, e);
        }
    }

    private long copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long copied = copyMagic(in, out, length);
        while (copied < length) {
            checkCancelled();
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
            if (read < 0) {
                throw new EOFException(address + " closed the connection after " + copied + " of " + length + " bytes");
            }
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
    }

    /**
     * Copies until the data read so far ends with {@code mark}, holding back the last 40 bytes each
     * time, since they may be the mark, which is not part of the RDB.
     */
    private long copyUntilMark(InputStream in, OutputStream out, byte[] mark) throws IOException {
        long copied = copyMagic(in, out, Long.MAX_VALUE);
        byte[] buffer = new byte[BUFFER_SIZE + MARK_LENGTH];
        int held = 0;
        while (true) {
            checkCancelled();
            int read = in.read(buffer, held, BUFFER_SIZE);
            if (read < 0) {
                throw new EOFException(address + " closed the connection before the end of the snapshot");
            }
            int filled = held + read;
            if (filled >= MARK_LENGTH && Arrays.equals(buffer, filled - MARK_LENGTH, filled, mark, 0, MARK_LENGTH)) {
                out.write(buffer, 0, filled - MARK_LENGTH);
                return copied + filled - MARK_LENGTH;
            }
            int release = Math.max(0, filled - MARK_LENGTH);
            out.write(buffer, 0, release);
            copied += release;
            held = filled - release;
            System.arraycopy(buffer, release, buffer, 0, held);
        }
    }

    /** Copies the first bytes, which every RDB file starts with, or fails when they are something else. */
    private int copyMagic(InputStream in, OutputStream out, long length) throws IOException {
        byte[] magic = in.readNBytes((int) Math.min(RDB_MAGIC.length, length));
        if (!Arrays.equals(magic, RDB_MAGIC)) {
            throw new PluginException(address + " sent a snapshot that does not start like an RDB file");
        }
        out.write(magic);
        return magic.length;
    }

    private void checkCancelled() {
        if (context.cancelled()) {
            throw new PluginException("the backup of " + address + " was cancelled");
        }
    }
}
