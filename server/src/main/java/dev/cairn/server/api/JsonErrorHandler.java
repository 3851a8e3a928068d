package dev.cairn.server.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it refuses before any route sees them (a {@code %00} or another
 * ambiguous path, a header too large): on the API's paths a JSON {@code {"error": "…"}} like
 * every other API error, elsewhere Jetty's own page. Set on the server and on the servlet context.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!api(request)) {
            return super.handle(request, response, callback);
        }
        int code = request.getAttribute(ERROR_STATUS) instanceof Integer status ? status : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        json(response, code < 400 ? 400 : code, message == null ? null : message.toString(), callback);
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        if (!api(request)) {
            super.generateResponse(request, response, code, message, cause, callback);
            return;
        }
        json(response, code, message, callback);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause)
            throws IOException {
        if (!api(request)) {
            return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code, message, cause);
        }
        json(response, code, message, callback);
        return true;
    }

    /**
     * Whether the request is the API's. A request Jetty could not parse at all reaches here as
     * {@code /badMessage}, its own path lost: it gets JSON too, as most such requests are API calls.
     */
    private static boolean api(Request request) {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        return path != null && (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/healthz")
                || path.equals("/badMessage"));
    }

    private static void json(Response response, int code, String message, Callback callback) {
        String error = switch (code) {
            case 400 -> "the request is malformed"
                    + (message == null || message.isBlank() ? "" : ": " + message.toLowerCase())
                    + " (a path may not hold %00, encoded slashes or other ambiguous characters)";
            case 413 -> "the request body is too large";
            case 414 -> "the request path is too long";
            case 431 -> "the request's headers are too large";
            default -> "the request cannot be served" + (message == null || message.isBlank() ? "" : ": " + message);
        };
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] body = Json.MAPPER.writeValueAsString(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
