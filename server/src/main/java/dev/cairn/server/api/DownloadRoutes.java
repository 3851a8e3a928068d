package dev.cairn.server.api;

import com.github.luben.zstd.ZstdOutputStream;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Principal;
import dev.cairn.core.download.Download;
import dev.cairn.core.download.DownloadRequest;
import dev.cairn.core.download.Downloads;
import dev.cairn.server.auth.Principals;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Downloads, as seed 000 asks: {@code GET /v1/archive/{uuid}/download}, a target's newest usable
 * archive at {@code GET /v1/target/{uuid}/latest}, and the short {@code GET /download/NAME}, each
 * with {@code ?before=YYYYMMDD}, {@code ?archive=UUID}, {@code ?variant=}, {@code ?format=sql},
 * {@code ?clean=t} and {@code ?compress=zstd|gzip}; {@code Range: bytes=N-} resumes an unconverted
 * download (206).
 *
 * <p>A download that fails part-way is cut off: the connection is closed without the chunked
 * encoding's last chunk (or short of its Content-Length), so {@code curl} exits non-zero and a
 * {@code | psql} sees the stream end in error.
 */
public final class DownloadRoutes {
    private static final Pattern OPEN_RANGE = Pattern.compile("bytes=(\\d{1,18})-");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private final Cairn cairn;
    private final Downloads downloads;

    public DownloadRoutes(Cairn cairn) {
        this.cairn = cairn;
        this.downloads = cairn.downloads();
    }

    void register(Routes routes) {
        routes.get("/v1/archive/{uuid}/download", this::archive);
        routes.get("/v1/target/{uuid}/latest", this::latest);
        routes.get("/download/{name}", ctx -> {
            Principal p = Principals.of(ctx);
            String name = ctx.pathParam("name");
            var target = downloads.targetNamed(p, name)
                    .orElseThrow(() -> new CairnException.NotFound("target", "named '" + name + "'"));
            send(ctx, downloads.ofTarget(p, target.uuid(), request(ctx, true)));
        });
    }

    /**
     * Sends the archive of the {@code {uuid}} path parameter to the request's principal, with the same
     * query parameters, headers and cut-off as the API's route (the web UI's download button uses it).
     */
    public void archive(Context ctx) throws IOException {
        send(ctx, downloads.ofArchive(Principals.of(ctx), Ids.path(ctx, "archive"), request(ctx, false)));
    }

    /** Sends the newest usable archive of the target of the {@code {uuid}} path parameter, as {@link #archive} does. */
    public void latest(Context ctx) throws IOException {
        send(ctx, downloads.ofTarget(Principals.of(ctx), Ids.path(ctx, "target"), request(ctx, true)));
    }

    private static DownloadRequest request(Context ctx, boolean ofTarget) {
        return new DownloadRequest(ofTarget ? Ids.query(ctx, "archive") : null,
                ofTarget ? Times.day("before", ctx.queryParam("before")) : null, ctx.queryParam("variant"),
                ctx.queryParam("format"), Boolean.TRUE.equals(Flags.query(ctx, "clean")));
    }

    private void send(Context ctx, Download d) throws IOException {
        String compress = compression(ctx, d);
        long from = resumeFrom(ctx, d, compress);
        if (from >= 0 && d.length() >= 0 && from >= d.length() && d.length() > 0) {
            ctx.header("Content-Range", "bytes */" + d.length());
            throw new CairnException.RangeNotSatisfiable("the download is " + d.length() + " bytes; it cannot start at byte "
                    + from);
        }
        String etag = compress == null ? d.etag() : d.etag().replaceAll("\"$", "-" + compress + "\"");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304).header("ETag", etag);
            return;
        }
        ctx.contentType(d.format().contentType());
        // Accept-Encoding is transport (browsers and curl --compressed undo it, so the file keeps its name);
        // an explicit ?compress= is a compressed file
        boolean asked = ctx.queryParam("compress") != null && compress != null;
        ctx.header("Content-Disposition", "attachment; filename=\"" + d.fileName() + (!asked ? ""
                : compress.equals("gzip") ? ".gz" : ".zst") + "\"");
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", HTTP_DATE.format(d.lastModified()));
        ctx.header("Cache-Control", "private, no-transform");
        if (!d.converted() && compress == null) {
            ctx.header("Accept-Ranges", "bytes");
        }
        long start = Math.max(0, from);
        if (compress != null) {
            ctx.header("Content-Encoding", compress);
            ctx.header("Vary", "Accept-Encoding");
        } else if (d.length() >= 0) {
            ctx.header("Content-Length", String.valueOf(d.length() - start));
        }
        if (from >= 0) {
            ctx.status(206).header("Content-Range", "bytes " + from + "-" + (d.length() - 1) + "/" + d.length());
        } else {
            ctx.status(200);
        }
        OutputStream body = ctx.res().getOutputStream();
        try {
            OutputStream out = switch (compress == null ? "" : compress) {
                case "gzip" -> new GZIPOutputStream(body, 64 * 1024);
                case "zstd" -> new ZstdOutputStream(body, 3);
                default -> body;
            };
            downloads.send(Principals.of(ctx), d, start, out);
            if (out != body) {
                out.close();
            }
        } catch (IOException | RuntimeException e) {
            // the status and part of the body are out: only cutting the connection tells the client it failed
            cutOff(ctx);
        }
    }

    /** {@code ?compress=} or, when absent, the client's Accept-Encoding (zstd, then gzip); null for none. */
    private static String compression(Context ctx, Download d) {
        String asked = ctx.queryParam("compress");
        if (asked != null && !asked.isEmpty()) {
            return switch (asked.toLowerCase(Locale.ROOT)) {
                case "zstd", "gzip" -> asked.toLowerCase(Locale.ROOT);
                case "none", "identity" -> null;
                default -> throw new CairnException.InvalidInput("compress must be zstd, gzip or none, got " + asked);
            };
        }
        String accept = ctx.header("Accept-Encoding");
        if (accept == null || ctx.header("Range") != null) {
            return null;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("zstd") ? "zstd" : lower.contains("gzip") ? "gzip" : null;
    }

    /** The first byte a {@code Range: bytes=N-} asks for, or -1 for the whole stream (other ranges are ignored, RFC 9110). */
    private static long resumeFrom(Context ctx, Download d, String compress) {
        String range = ctx.header("Range");
        if (range == null || d.converted() || compress != null || d.length() < 0) {
            return -1;
        }
        String ifRange = ctx.header("If-Range");
        if (ifRange != null && !ifRange.strip().equals(d.etag())) {
            // the client holds the start of another stream (a newer archive came since): it gets the whole new one
            return -1;
        }
        Matcher m = OPEN_RANGE.matcher(range.trim());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Closes the connection under a response already started, so it cannot end as if complete. */
    private static void cutOff(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
        }
        ctx.skipRemainingHandlers();
    }
}
