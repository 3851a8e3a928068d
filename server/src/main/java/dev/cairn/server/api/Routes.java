package dev.cairn.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers API routes with Javalin and remembers them, so the OpenAPI description can be checked against them. */
final class Routes {
    private final RoutesConfig config;
    private final List<String> registered = new ArrayList<>();

    Routes(RoutesConfig config) {
        this.config = config;
    }

    void get(String path, Handler handler) {
        config.get(path, handler);
        registered.add("GET " + path);
    }

    void post(String path, Handler handler) {
        config.post(path, handler);
        registered.add("POST " + path);
    }

    void put(String path, Handler handler) {
        config.put(path, handler);
        registered.add("PUT " + path);
    }

    void patch(String path, Handler handler) {
        config.patch(path, handler);
        registered.add("PATCH " + path);
    }

    void delete(String path, Handler handler) {
        config.delete(path, handler);
        registered.add("DELETE " + path);
    }

    /** Every route as {@code METHOD /path/{param}}. */
    List<String> registered() {
        return List.copyOf(registered);
    }
}
