package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.Version;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.server.auth.Principals;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plugins, the public key, status, health and the OpenAPI description: every signed-in user reads them. */
final class MetaRoutes {
    private final Cairn cairn;
    private final Views views;

    MetaRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
    }

    void register(Routes routes) {
        routes.get("/v1/plugins", ctx -> Json.ok(ctx, Views.all(cairn.plugins().all(), views::plugin)));
        routes.get("/v1/plugin/{name}", ctx -> {
            String name = ctx.pathParam("name");
            Json.ok(ctx, views.plugin(cairn.plugins().info(name).orElseThrow(() -> new CairnException.NotFound("plugin", name))));
        });
        routes.get("/v1/meta/pubkey", ctx -> ctx.contentType("text/plain").result(cairn.keys().publicKey() + "\n"));
        routes.get("/v1/status", ctx -> Json.ok(ctx, status(Principals.of(ctx))));
        routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
    }

    /** The server's status; the task counts are of the tasks {@code p} sees. */
    private Map<String, Object> status(Principal p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", cairn.settings().serverName());
        v.put("version", Version.CURRENT);
        v.put("server", cairn.settings().serverName());
        v.put("mode", cairn.settings().devMode() ? "DEV" : "normal");
        v.put("catalog", cairn.postgresCatalog() ? "postgresql" : "sqlite");
        v.put("started_at", Times.format(cairn.startedAt()));
        v.put("uptime_seconds", Duration.between(cairn.startedAt(), cairn.clock().instant()).toSeconds());
        v.put("pending_tasks", tasks(p, TaskStatus.PENDING));
        v.put("running_tasks", tasks(p, TaskStatus.RUNNING));
        v.put("pubkey", cairn.keys().publicKey());
        return v;
    }

    private long tasks(Principal p, TaskStatus status) {
        var tasks = cairn.catalog().tasks();
        return p.admin() ? tasks.count(status) : tasks.page(status, null, p.scope(), 0, 0).total();
    }

    static byte[] openApi() throws IOException {
        try (InputStream in = MetaRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IOException("openapi.json is missing from the server jar");
            }
            return in.readAllBytes();
        }
    }
}
