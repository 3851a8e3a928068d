package dev.cairn.server.api;

import io.javalin.http.Context;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The API's one JSON mapper, and replies written with it. */
final class Json {
    /**
     * Reads numbers with a fraction or exponent as {@link java.math.BigDecimal}, so that a range
     * check sees what was sent, and refuses an object that names a field twice.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
    }

    static void ok(Context ctx, Object body) {
        send(ctx, 200, body);
    }
}
