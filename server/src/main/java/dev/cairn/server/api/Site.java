package dev.cairn.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Another part of the site served by the API's web server (the web UI): it adds its routes, and
 * answers errors on paths outside {@code /v1} and {@code /healthz} its own way instead of as JSON.
 */
public interface Site {
    /** Adds routes, filters and static files; called once while the server is configured. */
    void register(JavalinConfig config);

    /** Answers a failed request outside the API with {@code status} and a message for people. */
    void error(Context ctx, int status, String message);
}
