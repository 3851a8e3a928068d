package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Principal;
import dev.cairn.core.instances.Image;
import dev.cairn.core.instances.Instance;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.InstanceActions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The throw-away databases of seed 002 in the browser, at {@code /databases} (the Draupnir API owns
 * {@code /images} and {@code /instances}): the instances a user sees with their connection details
 * (the password to their maker only), time left, reset, extend and delete; the images with a "New
 * instance" button; and the "New instance" buttons of targets and archives, which make the image
 * first (seed 003's import into a new instance). Every action goes through {@link InstanceActions},
 * as the API's do.
 */
final class InstancePages {
    private final Cairn cairn;
    private final Pages pages;
    private final InstanceActions actions;

    InstancePages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.actions = new InstanceActions(cairn);
    }

    void register(RoutesConfig routes) {
        routes.get("/databases", this::list);
        routes.get("/databases/images/new", this::imageForm);
        routes.post("/databases/images", this::createImage);
        routes.post("/databases/images/{id}/instances", ctx -> {
            Instance made = actions.createInstance(Principals.of(ctx), id(ctx, "image"), ttl(ctx));
            Pages.done(ctx, "/databases#instance-" + made.id(), "Instance " + made.id() + " is "
                    + (made.state() == Instance.State.RUNNING ? "running on port " + made.port() + "." : "starting."));
        });
        routes.post("/targets/{uuid}/instance", ctx -> importInstance(ctx,
                new InstanceActions.Source(null, Pages.uuid(ctx, "target"))));
        routes.post("/archives/{uuid}/instance", ctx -> importInstance(ctx,
                new InstanceActions.Source(Pages.uuid(ctx, "archive"), null)));
        routes.post("/databases/{id}/reset", ctx -> {
            Instance reset = actions.reset(Principals.of(ctx), id(ctx, "instance"));
            Pages.done(ctx, "/databases#instance-" + reset.id(), "Instance " + reset.id() + " is back to its image's state.");
        });
        routes.post("/databases/{id}/extend", ctx -> {
            Instance longer = actions.extend(Principals.of(ctx), id(ctx, "instance"), ttl(ctx));
            Pages.done(ctx, "/databases#instance-" + longer.id(), "Instance " + longer.id() + " now expires "
                    + Display.time(longer.expiresAt()) + " UTC.");
        });
        routes.get("/databases/{id}/delete", ctx -> {
            Instance instance = actions.instance(Principals.of(ctx), id(ctx, "instance"));
            confirm(ctx, "Delete instance " + instance.id() + "?", "Its server on port " + instance.port()
                    + " is stopped and everything written to it is removed now.",
                    "/databases/" + instance.id() + "/delete", "Delete instance");
        });
        routes.post("/databases/{id}/delete", ctx -> {
            long id = id(ctx, "instance");
            actions.deleteInstance(Principals.of(ctx), id);
            Pages.done(ctx, "/databases", "Instance " + id + " deleted.");
        });
        routes.get("/databases/images/{id}/delete", ctx -> {
            Principal p = Principals.of(ctx);
            Image image = actions.image(p, id(ctx, "image"));
            long live = actions.instances(p).stream().filter(i -> i.image() == image.id() && i.state().live()).count();
            confirm(ctx, "Delete image " + image.id() + " (" + image.name() + ")?", live == 0
                    ? "Its files (" + Display.size(image.sizeBytes()) + ") are removed now."
                    : "Its " + live + " running instance(s) are stopped and deleted with it, and its files ("
                    + Display.size(image.sizeBytes()) + ") removed now.",
                    "/databases/images/" + image.id() + "/delete", live == 0 ? "Delete image" : "Delete image and its instances");
        });
        routes.post("/databases/images/{id}/delete", ctx -> {
            long id = id(ctx, "image");
            actions.deleteImage(Principals.of(ctx), id, true);
            Pages.done(ctx, "/databases", "Image " + id + " deleted.");
        });
    }

    private void list(Context ctx) {
        Principal p = Principals.of(ctx);
        List<Image> images = actions.images(p);
        Map<Long, Image> byId = images.stream().collect(Collectors.toMap(Image::id, Function.identity()));
        Instant now = cairn.clock().instant();
        List<InstanceRow> rows = actions.instances(p).stream()
                .filter(i -> i.state() != Instance.State.DESTROYED || i.updatedAt().isAfter(now.minus(Duration.ofDays(1))))
                .map(i -> row(p, i, byId.get(i.image()), now)).toList();
        pages.page(ctx, "databases.jte", "Databases", "databases", Pages.params("instances", rows, "images", images,
                "defaultTtl", cairn.instances().instances().settings().defaultTtl().toHours(),
                "maximumTtl", cairn.instances().instances().settings().maximumTtl().toHours()));
    }

    private InstanceRow row(Principal p, Instance i, Image image, Instant now) {
        String plugin = image == null ? "" : image.plugin();
        boolean mine = InstanceActions.owner(p, i);
        long own = i.state() == Instance.State.RUNNING ? actions.ownBytes(i) : -1;
        return new InstanceRow(i, image == null ? "(deleted image)" : image.name(), plugin, own, mine,
                connect(i, plugin), timeLeft(Duration.between(now, i.expiresAt())));
    }

    /** The client command that connects to {@code i}; it asks for the password (shown beside it to the maker). */
    private static String connect(Instance i, String plugin) {
        return switch (plugin) {
            case "postgres" -> "psql \"host=" + i.host() + " port=" + i.port() + " user=" + i.user() + " dbname="
                    + i.database() + "\"";
            case "mysql" -> "mysql -h " + i.host() + " -P " + i.port() + " -u " + i.user() + " -p " + i.database();
            default -> "";
        };
    }

    private static String timeLeft(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        long minutes = left.toMinutes();
        return minutes < 60 ? minutes + " min left" : minutes / 60 + " h " + minutes % 60 + " min left";
    }

    private void imageForm(Context ctx) {
        Principal p = Principals.of(ctx);
        InstanceActions.Source source = source(ctx.queryParam("archive"), ctx.queryParam("target"));
        var archive = actions.archive(p, source);
        pages.page(ctx, "image-form.jte", "New image", "databases", Pages.params("archive", archive,
                "target", cairn.catalog().targets().find(archive.target()).map(t -> t.name()).orElse("(deleted target)"),
                "error", null));
    }

    private void createImage(Context ctx) {
        Principal p = Principals.of(ctx);
        InstanceActions.Source source = source(ctx.formParam("archive"), null);
        String name = text(ctx.formParam("name"));
        String script = text(ctx.formParam("script"));
        var made = actions.createImage(p, source, name, script);
        Pages.done(ctx, "/tasks/" + made.task().uuid(), "Image " + made.image().id() + " is being made: its task "
                + "restores the archive" + (script.isEmpty() ? "" : ", runs the script") + " and seals it.");
    }

    private void importInstance(Context ctx, InstanceActions.Source source) {
        boolean rules = "true".equals(ctx.formParam("rules"));
        var imported = actions.importInstance(Principals.of(ctx), source, "", "", rules, ttl(ctx));
        Pages.done(ctx, "/databases#instance-" + imported.instance().id(), "Instance " + imported.instance().id()
                + " starts once image " + imported.image().image().id() + " is made from the archive"
                + (rules ? " with the target's sanitising rules applied" : "") + " (follow its task on "
                + "the tasks page).");
    }

    private void confirm(Context ctx, String question, String consequence, String action, String button) {
        pages.page(ctx, "confirm.jte", question, "databases", Pages.params("question", question, "consequence", consequence,
                "action", action, "button", button, "back", "/databases", "error", null));
    }

    /** A form's {@code ttl_hours}, or null for the server's default. */
    private static Duration ttl(Context ctx) {
        String hours = text(ctx.formParam("ttl_hours"));
        if (hours.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofHours(Long.parseLong(hours));
        } catch (NumberFormatException e) {
            throw new CairnException.InvalidInput("ttl_hours must be a whole number of hours, got '" + hours + "'");
        }
    }

    private static InstanceActions.Source source(String archive, String target) {
        try {
            return new InstanceActions.Source(blank(archive) ? null : UUID.fromString(archive.trim()),
                    blank(target) ? null : UUID.fromString(target.trim()));
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput("archive and target must be uuids: " + e.getMessage());
        }
    }

    private static long id(Context ctx, String kind) {
        String text = ctx.pathParam("id");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CairnException.NotFound(kind, text);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(String s) {
        return s == null ? "" : s.trim();
    }
}
