package dev.cairn.plugins.redis;

import dev.cairn.plugin.PluginException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection to Redis speaking RESP2: commands go out as arrays of bulk strings, replies come
 * back as String (simple and bulk strings), Long, List or null; an error reply throws
 * {@link RedisError}. Replies are bounded in size; the RDB payload of SYNC is read from
 * {@link #input()} directly.
 */
final class RespConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BULK = 16 * 1024 * 1024;
    private static final int MAX_ITEMS = 1_000_000;
    private static final byte[] CRLF = {'\r', '\n'};

    private final RedisAddress address;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(RedisAddress address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects without authenticating; connection failures stay IOExceptions, for callers that retry. */
    static RespConnection connect(RedisAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
            return new RespConnection(address, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects and authenticates, turning every failure into one readable {@link PluginException}. */
    static RespConnection open(RedisAddress address) {
        RespConnection connection;
        try {
            connection = connect(address);
        } catch (IOException e) {
            throw unreachable(address, e);
        }
        try {
            connection.authenticate();
            return connection;
        } catch (IOException e) {
            connection.close();
            throw unreachable(address, e);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Sends AUTH when the address has a password; a refused password is a {@link PluginException}. */
    void authenticate() throws IOException {
        if (address.password().isEmpty()) {
            return;
        }
        try {
            if (address.user().isEmpty()) {
                call("AUTH", address.password());
            } else {
                call("AUTH", address.user(), address.password());
            }
        } catch (RedisError e) {
            String who = address.user().isEmpty() ? "the password" : "user '" + address.user() + "' with that password";
            throw new PluginException(address + " refused " + who + ": " + e.getMessage());
        }
    }

    /** The failure to reach {@code address}, as one line. */
    static PluginException unreachable(RedisAddress address, IOException e) {
        String why = e instanceof UnknownHostException ? "unknown host " + address.host() : e.getMessage();
        return new PluginException("cannot connect to " + address + ": " + why, e);
    }

    /** Sends one command and reads its reply. */
    Object call(String... arguments) throws IOException {
        send(arguments);
        return read();
    }

    /** Sends one command without reading its reply. */
    void send(String... arguments) throws IOException {
        out.write(('*' + Integer.toString(arguments.length)).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            out.write(('$' + Integer.toString(bytes.length)).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(bytes);
            out.write(CRLF);
        }
        out.flush();
    }

    /** Reads one reply. */
    Object read() throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new EOFException(address + " closed the connection");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new RedisError(line);
            case ':' -> parseLong(line);
            case '$' -> bulk(parseLong(line));
            case '*' -> array(parseLong(line));
            default -> throw new IOException(address + " sent an unexpected reply: " + printable((char) type + line));
        };
    }

    private String bulk(long length) throws IOException {
        if (length < 0) {
            return null;
        }
        if (length > MAX_BULK) {
            throw new IOException(address + " sent a reply of " + length + " bytes, more than the " + MAX_BULK + " expected");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length || !readLine().isEmpty()) {
            throw new EOFException(address + " closed the connection in the middle of a reply");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Object> array(long count) throws IOException {
        if (count < 0) {
            return null;
        }
        if (count > MAX_ITEMS) {
            throw new IOException(address + " sent a reply of " + count + " items, more than the " + MAX_ITEMS + " expected");
        }
        List<Object> items = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            items.add(read());
        }
        return items;
    }

    /** Reads up to CRLF (or a lone LF) and returns the line without it. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new EOFException(address + " closed the connection");
            }
            if (line.size() == MAX_LINE) {
                throw new IOException(address + " sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private long parseLong(String line) throws IOException {
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new IOException(address + " sent a malformed number: " + printable(line), e);
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** The buffered input, positioned after the last reply read: where SYNC's RDB payload arrives. */
    InputStream input() {
        return in;
    }

    /** How long a read may wait for data before it fails. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
