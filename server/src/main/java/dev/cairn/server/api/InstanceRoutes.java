package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Principal;
import dev.cairn.core.instances.Images;
import dev.cairn.core.instances.Instance;
import dev.cairn.server.Durations;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.InstanceActions;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v1/images}, {@code /v1/image/{id}}, {@code /v1/instances} and {@code /v1/instance/{id}}:
 * images made from an archive (or a target's latest good one) by an image task, and the throw-away
 * instances cloned from them. Making an instance from an archive or target makes its image first;
 * the instance then starts when the image is built.
 */
final class InstanceRoutes {
    private final InstanceActions actions;
    private final InstanceViews views;

    InstanceRoutes(Cairn cairn) {
        this.actions = new InstanceActions(cairn);
        this.views = new InstanceViews(cairn, actions);
    }

    void register(Routes routes) {
        routes.get("/v1/images", ctx -> Json.ok(ctx, actions.images(Principals.of(ctx)).stream().map(views::image).toList()));
        routes.post("/v1/images", ctx -> {
            RequestBody body = RequestBody.of(ctx);
            Images.Requested made = actions.createImage(Principals.of(ctx), source(body), body.string("name", ""),
                    body.string("script", ""), body.bool("rules", false));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("ok", "building");
            reply.put("task_uuid", made.task().uuid().toString());
            reply.put("image", views.image(made.image()));
            Json.ok(ctx, reply);
        });
        routes.get("/v1/image/{id}", ctx -> Json.ok(ctx, views.image(actions.image(Principals.of(ctx), id(ctx, "image")))));
        routes.delete("/v1/image/{id}", ctx -> {
            actions.deleteImage(Principals.of(ctx), id(ctx, "image"), Boolean.TRUE.equals(Flags.query(ctx, "force")));
            Json.ok(ctx, Views.ok("deleted"));
        });
        routes.get("/v1/instances", ctx -> {
            Principal p = Principals.of(ctx);
            Json.ok(ctx, actions.instances(p).stream().map(i -> views.instance(i, p)).toList());
        });
        routes.post("/v1/instances", ctx -> {
            Principal p = Principals.of(ctx);
            RequestBody body = RequestBody.of(ctx);
            Duration ttl = ttl(body);
            Map<String, Object> reply = new LinkedHashMap<>();
            if (body.has("image")) {
                Instance made = actions.createInstance(p, body.integer("image", 1, Long.MAX_VALUE), ttl);
                reply.put("ok", "created");
                reply.put("instance", views.instance(made, p));
            } else {
                InstanceActions.Imported made = actions.importInstance(p, source(body), body.string("name", ""),
                        body.string("script", ""), body.bool("rules", false), ttl);
                reply.put("ok", "building");
                reply.put("task_uuid", made.image().task().uuid().toString());
                reply.put("image", views.image(made.image().image()));
                reply.put("instance", views.instance(made.instance(), p));
            }
            Json.ok(ctx, reply);
        });
        routes.get("/v1/instance/{id}", ctx -> {
            Principal p = Principals.of(ctx);
            Json.ok(ctx, views.instance(actions.instance(p, id(ctx, "instance")), p));
        });
        routes.patch("/v1/instance/{id}", ctx -> {
            Principal p = Principals.of(ctx);
            RequestBody body = RequestBody.of(ctx).require("ttl");
            Json.ok(ctx, views.instance(actions.extend(p, id(ctx, "instance"), ttl(body)), p));
        });
        routes.post("/v1/instance/{id}/reset", ctx -> {
            Principal p = Principals.of(ctx);
            Json.ok(ctx, views.instance(actions.reset(p, id(ctx, "instance")), p));
        });
        routes.delete("/v1/instance/{id}", ctx -> {
            actions.deleteInstance(Principals.of(ctx), id(ctx, "instance"));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    private static InstanceActions.Source source(RequestBody body) {
        if (!body.has("archive") && !body.has("target")) {
            throw new CairnException.InvalidInput("give archive (a uuid) or target (a uuid, for its latest good archive)",
                    java.util.List.of("archive"));
        }
        return new InstanceActions.Source(body.uuid("archive"), body.uuid("target"), body.string("variant", null));
    }

    /** {@code ttl} as seconds or with a unit ({@code 8h}); null when absent. */
    private static Duration ttl(RequestBody body) {
        if (!body.has("ttl")) {
            return null;
        }
        try {
            return Duration.ofSeconds(body.integer("ttl", 1, 100L * 365 * 86400));
        } catch (CairnException.InvalidInput e) {
            return Durations.parse("ttl", body.string("ttl"));
        }
    }

    /** The {@code {id}} path parameter, a whole number; anything else is a 404, as no such item can exist. */
    static long id(Context ctx, String kind) {
        String text = ctx.pathParam("id");
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CairnException.NotFound(kind, text);
    }
}
