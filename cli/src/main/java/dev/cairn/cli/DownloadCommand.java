package dev.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn download TARGET}: the target's newest usable archive (or the one asked for) as the
 * decrypted stream, to stdout for a pipe ({@code | psql}) or to a file, which a later run resumes
 * where it stopped. A stream the server cut off (a damaged archive, a broken connection) is an exit
 * status of 1, never a clean end.
 */
@Command(name = "download", description = "Download a target's newest archive (or --archive, --before) as the"
        + " plain stream: to stdout for a pipe, e.g. cairn download shop --format sql | psql shop_dev, or to -o FILE.")
final class DownloadCommand extends ApiCommand {
    private static final int PIECE = 64 * 1024;

    @Parameters(paramLabel = "TARGET", description = "The target's name or uuid.")
    String target;

    @Option(names = "--archive", paramLabel = "ARCHIVE", description = "One of its archives (uuid, a unique prefix, or 'latest').")
    String archive;

    @Option(names = "--before", paramLabel = "YYYYMMDD", converter = Converters.Day.class,
            description = "The newest archive taken before this day.")
    String before;

    @Option(names = "--variant", paramLabel = "NAME", description = "A sanitised variant instead of the full archive.")
    String variant;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Turn it into this format, e.g. sql for a PostgreSQL dump.")
    String format;

    @Option(names = "--clean", description = "With --format sql: SQL that drops what exists before creating it.")
    boolean clean;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE instead of stdout; a partly written FILE is resumed.")
    Path output;

    @Override
    public Integer call() {
        String uuid = resolve(Kind.TARGET, target).uuid();
        ApiPath path = ApiPath.of("/v1/target/" + uuid + "/latest")
                .with("archive", archive == null ? null : resolve(Kind.ARCHIVE, archive).uuid())
                .with("before", before).with("variant", variant).with("format", format)
                .with("clean", clean ? "t" : null);
        Path file = output == null ? null : invocation().workingDirectory().resolve(output);
        Path tag = file == null ? null : file.resolveSibling("." + file.getFileName() + ".cairn-etag");
        Map<String, String> headers = new LinkedHashMap<>();
        long have = 0;
        if (file != null && Files.isRegularFile(file) && Files.isRegularFile(tag)) {
            have = size(file);
            headers.put("Range", "bytes=" + have + "-");
            headers.put("If-Range", read(tag));
        }
        HttpResponse<InputStream> response = api().stream(path.toString(), headers);
        boolean resumed = response.statusCode() == 206;
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1) + (resumed ? have : 0);
        String etag = response.headers().firstValue("ETag").orElse("");
        Progress progress = new Progress(total, resumed ? have : 0);
        try (InputStream in = response.body(); OutputStream out = open(file, resumed)) {
            if (tag != null && !etag.isEmpty()) {
                Files.writeString(tag, etag);
            }
            byte[] buffer = new byte[PIECE];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                progress.add(n);
            }
        } catch (IOException e) {
            progress.end();
            terminal().error("the download was cut off after " + progress.bytes() + " bytes (" + e.getMessage() + ")"
                    + (file == null ? "" : "; run the same command again to resume " + output));
            return 1;
        }
        progress.end();
        if (tag != null) {
            try {
                Files.deleteIfExists(tag);
            } catch (IOException e) {
                throw new CliException("cannot remove " + tag + ": " + e.getMessage(), e);
            }
            if (!terminal().json()) {
                terminal().error("downloaded " + response.headers().firstValue("Content-Disposition")
                        .map(d -> d.replaceAll(".*filename=\"([^\"]*)\".*", "$1")).orElse("the archive") + " to " + output
                        + " (" + ByteSize.human(progress.bytes()) + (resumed ? ", resumed" : "") + ")");
            }
        }
        return 0;
    }

    private OutputStream open(Path file, boolean append) throws IOException {
        if (file == null) {
            return new NotClosing(invocation().out());
        }
        return append ? Files.newOutputStream(file, StandardOpenOption.APPEND)
                : Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CliException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Standard output, flushed but left open when the download ends. */
    private static final class NotClosing extends java.io.FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Bytes, rate and time left on stderr, redrawn at most four times a second, when stderr is a terminal. */
    private final class Progress {
        private final long total;
        private final long start;
        private final Instant began = Instant.now();
        private final boolean shown = stderrIsTerminal();
        private long bytes;
        private Instant drawn = Instant.EPOCH;

        Progress(long total, long start) {
            this.total = total;
            this.start = start;
            this.bytes = start;
        }

        void add(int n) {
            bytes += n;
            Instant now = Instant.now();
            if (shown && Duration.between(drawn, now).toMillis() >= 250) {
                drawn = now;
                draw(now);
            }
        }

        long bytes() {
            return bytes;
        }

        void end() {
            if (shown) {
                draw(Instant.now());
                invocation().err().println();
            }
        }

        private void draw(Instant now) {
            double seconds = Math.max(0.001, Duration.between(began, now).toMillis() / 1000.0);
            double rate = (bytes - start) / seconds;
            StringBuilder line = new StringBuilder("\r").append(ByteSize.human(bytes));
            if (total > 0) {
                line.append(" of ").append(ByteSize.human(total)).append(String.format(" (%d%%)", bytes * 100 / total));
            }
            line.append(", ").append(ByteSize.human((long) rate)).append("/s");
            if (total > 0 && rate > 0) {
                line.append(", ").append(DurationText.format((long) ((total - bytes) / rate))).append(" left");
            }
            invocation().err().print(line.append("   "));
            invocation().err().flush();
        }
    }

    private static boolean stderrIsTerminal() {
        try {
            String device = Path.of("/proc/self/fd/2").toRealPath().toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
