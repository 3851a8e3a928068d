package dev.cairn.server.api;

import io.javalin.http.Context;
import tools.jackson.databind.json.JsonMapper;

/** The API's one JSON mapper, and replies written with it. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
    }

    static void ok(Context ctx, Object body) {
        send(ctx, 200, body);
    }
}
