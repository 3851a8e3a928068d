package dev.cairn.server.draupnir;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Principal;
import dev.cairn.core.instances.Image;
import dev.cairn.core.instances.Instance;
import dev.cairn.plugin.PluginException;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.InstanceActions;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 002's routes and bodies: {@code GET|POST /images}, {@code GET|DELETE /images/:id},
 * {@code POST /images/:id/done}, {@code GET|POST /instances}, {@code GET|DELETE /instances/:id};
 * 201 on create, 204 on delete, {@code ready}, {@code image_id}, {@code port} as a string, times as
 * RFC 3339. Cairn's extensions: the {@code archive} (or {@code target}) attribute an image is filled
 * from, and an instance's {@code host}, {@code user}, {@code database} and (to its maker only)
 * {@code password}. Deleting an image destroys its instances, as Draupnir does. Errors are
 * {@code {"errors": [{"status", "title", "detail"}]}}.
 */
public final class DraupnirApi {
    /** The paths this API answers; the web UI and API v1 leave them alone. */
    public static final List<String> PATHS = List.of("/images", "/instances");
    /** How long {@code POST /images/:id/done} waits for the image task before answering that it is not ready yet. */
    private static final Duration DONE_WAIT = Duration.ofMinutes(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final InstanceActions actions;

    public DraupnirApi(Cairn cairn) {
        this.actions = new InstanceActions(cairn);
    }

    /** Whether {@code path} is one of this API's. */
    public static boolean owns(String path) {
        return PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    public void register(RoutesConfig routes) {
        routes.get("/images", handled(ctx -> {
            Principal p = Principals.of(ctx);
            send(ctx, 200, Map.of("data", actions.images(p).stream().map(this::image).toList()));
        }));
        routes.post("/images", handled(ctx -> {
            JsonNode attributes = attributes(ctx, "images");
            String archive = text(attributes, "archive");
            String target = text(attributes, "target");
            if (archive == null && target == null) {
                throw new CairnException.InvalidInput("Cairn fills an image from an archive: give the archive attribute "
                        + "(an archive uuid) or target (a target uuid, for its latest good archive)", List.of("archive"));
            }
            var made = actions.createImage(Principals.of(ctx), new InstanceActions.Source(uuid("archive", archive),
                    uuid("target", target)), text(attributes, "name"), text(attributes, "anonymisation_script"));
            send(ctx, 201, Map.of("data", image(made.image())));
        }));
        routes.get("/images/{id}", handled(ctx ->
                send(ctx, 200, Map.of("data", image(actions.image(Principals.of(ctx), id(ctx, "image")))))));
        routes.post("/images/{id}/done", handled(ctx -> done(ctx, id(ctx, "image"))));
        routes.delete("/images/{id}", handled(ctx -> {
            actions.deleteImage(Principals.of(ctx), id(ctx, "image"), true);
            ctx.status(204);
        }));
        routes.get("/instances", handled(ctx -> {
            Principal p = Principals.of(ctx);
            send(ctx, 200, Map.of("data", actions.instances(p).stream()
                    .filter(i -> i.state() != Instance.State.DESTROYED).map(i -> instance(i, p)).toList()));
        }));
        routes.post("/instances", handled(ctx -> {
            Principal p = Principals.of(ctx);
            JsonNode attributes = attributes(ctx, "instances");
            JsonNode imageId = attributes.path("image_id");
            long image = imageId.isIntegralNumber() ? imageId.longValue()
                    : imageId.isString() && imageId.stringValue().strip().matches("\\d{1,18}")
                    ? Long.parseLong(imageId.stringValue().strip()) : -1;
            if (image < 1) {
                throw new CairnException.InvalidInput("image_id must be the id of an image, got "
                        + (imageId.isMissingNode() ? "nothing" : imageId.toString()), List.of("image_id"));
            }
            send(ctx, 201, Map.of("data", instance(actions.createInstance(p, image, null), p)));
        }));
        routes.get("/instances/{id}", handled(ctx -> {
            Principal p = Principals.of(ctx);
            send(ctx, 200, Map.of("data", instance(actions.instance(p, id(ctx, "instance")), p)));
        }));
        routes.delete("/instances/{id}", handled(ctx -> {
            actions.deleteInstance(Principals.of(ctx), id(ctx, "instance"));
            ctx.status(204);
        }));
    }

    /** Waits for image {@code id}'s task to end: 200 when ready, 409 with why when it failed, 202 when still building. */
    private void done(Context ctx, long id) throws InterruptedException {
        Principal p = Principals.of(ctx);
        Image image = actions.image(p, id);
        long deadline = System.nanoTime() + DONE_WAIT.toNanos();
        while (image.state() == Image.State.BUILDING && System.nanoTime() < deadline) {
            Thread.sleep(200);
            image = actions.image(p, id);
        }
        if (image.state() == Image.State.FAILED) {
            throw new CairnException.Conflict("image " + id + " failed: " + image.error());
        }
        send(ctx, image.ready() ? 200 : 202, Map.of("data", image(image)));
    }

    private Map<String, Object> image(Image i) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("backed_up_at", time(i.backedUpAt()));
        attributes.put("created_at", time(i.createdAt()));
        attributes.put("updated_at", time(i.updatedAt()));
        attributes.put("ready", i.ready());
        attributes.put("anonymisation_script", i.script());
        attributes.put("name", i.name());
        attributes.put("archive", i.archive().toString());
        attributes.put("state", i.state().wire());
        if (!i.error().isEmpty()) {
            attributes.put("error", i.error());
        }
        return resource("images", i.id(), attributes);
    }

    private Map<String, Object> instance(Instance i, Principal p) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("created_at", time(i.createdAt()));
        attributes.put("updated_at", time(i.updatedAt()));
        attributes.put("image_id", i.image());
        attributes.put("port", String.valueOf(i.port()));
        attributes.put("host", i.host());
        attributes.put("user", i.user());
        attributes.put("database", i.database());
        if (InstanceActions.owner(p, i)) {
            attributes.put("password", i.password());
        }
        attributes.put("state", i.state().wire());
        attributes.put("expires_at", time(i.expiresAt()));
        return resource("instances", i.id(), attributes);
    }

    private static Map<String, Object> resource(String type, long id, Map<String, Object> attributes) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", type);
        v.put("id", id);
        v.put("attributes", attributes);
        return v;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The {@code data.attributes} of a JSON:API body of {@code type}; an empty body has none. */
    private static JsonNode attributes(Context ctx, String type) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CairnException.InvalidInput("the body must be JSON: " + e.getOriginalMessage());
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new CairnException.InvalidInput("the body must be {\"data\": {\"type\": \"" + type
                    + "\", \"attributes\": {…}}}", List.of("data"));
        }
        String given = data.path("type").isString() ? data.path("type").stringValue() : type;
        if (!given.equals(type)) {
            throw new CairnException.Conflict("data.type must be " + type + ", got " + given);
        }
        JsonNode attributes = data.path("attributes");
        return attributes.isObject() ? attributes : JSON.createObjectNode();
    }

    private static String text(JsonNode attributes, String name) {
        JsonNode value = attributes.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new CairnException.InvalidInput(name + " must be a string, got " + value);
        }
        return value.stringValue();
    }

    private static UUID uuid(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput(field + " must be a uuid, got " + text);
        }
    }

    private static long id(Context ctx, String kind) {
        String text = ctx.pathParam("id");
        if (text.matches("\\d{1,18}") && Long.parseLong(text) > 0) {
            return Long.parseLong(text);
        }
        throw new CairnException.NotFound(kind, text);
    }

    private static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    }

    /** {@code handler}, with Cairn's failures answered as JSON:API errors. */
    private static Handler handled(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (CairnException | PluginException e) {
                int status = Statuses.of(e);
                if (status == 401) {
                    throw e;
                }
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("status", String.valueOf(status));
                error.put("title", title(status));
                error.put("detail", e.getMessage());
                if (e instanceof CairnException.Forbidden f) {
                    error.put("permission", f.permission());
                }
                send(ctx, status, Map.of("errors", List.of(error)));
            }
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            default -> "Internal Server Error";
        };
    }
}
