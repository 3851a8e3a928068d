package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Principal;
import dev.cairn.core.sanitise.Preview;
import dev.cairn.core.sanitise.Report;
import dev.cairn.core.sanitise.RulesTrial;
import dev.cairn.core.sanitise.RulesVersion;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.RulesActions;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A target's sanitising rules, {@code /v1/target/{uuid}/rules} (the document as JSON or YAML, each
 * save a new version), their strict check and preview on the latest archive, and
 * {@code POST /v1/archive/{uuid}/sanitise}, which makes a variant now.
 */
final class RulesRoutes {
    private static final int MAX_DOCUMENT = 1 << 20;
    private final RulesActions actions;

    RulesRoutes(Cairn cairn) {
        this.actions = new RulesActions(cairn);
    }

    void register(Routes routes) {
        routes.get("/v1/target/{uuid}/rules", ctx -> {
            Principal p = Principals.of(ctx);
            UUID target = Ids.path(ctx, "target");
            String version = ctx.queryParam("version");
            Integer number = null;
            if (version != null && !version.isBlank()) {
                try {
                    number = Integer.parseInt(version.strip());
                } catch (NumberFormatException e) {
                    throw new CairnException.InvalidInput("version must be a whole number, got " + version);
                }
            }
            Map<String, Object> view = view(actions.rules(p, target, number));
            view.put("versions", actions.versions(p, target));
            Json.ok(ctx, view);
        });
        routes.put("/v1/target/{uuid}/rules", ctx -> Json.ok(ctx, view(actions.save(Principals.of(ctx),
                Ids.path(ctx, "target"), document(ctx)))));
        routes.post("/v1/target/{uuid}/rules/check", ctx -> {
            RulesTrial.Result<Report> result = actions.check(Principals.of(ctx), Ids.path(ctx, "target"), optional(ctx));
            Map<String, Object> view = trial(result);
            view.putAll(report(result.value()));
            Json.ok(ctx, view);
        });
        routes.post("/v1/target/{uuid}/rules/preview", ctx -> {
            int rows = rows(ctx.queryParam("rows"));
            RulesTrial.Result<Preview> result = actions.preview(Principals.of(ctx), Ids.path(ctx, "target"), optional(ctx), rows);
            Map<String, Object> view = trial(result);
            view.putAll(report(result.value().report()));
            view.put("tables", result.value().tables().stream().map(RulesRoutes::table).toList());
            Json.ok(ctx, view);
        });
        routes.post("/v1/archive/{uuid}/sanitise", ctx -> {
            RequestBody body = RequestBody.of(ctx);
            Json.ok(ctx, Views.scheduled(actions.sanitise(Principals.of(ctx), Ids.path(ctx, "archive"),
                    body.string("variant", ""))));
        });
    }

    /** The body as the document; empty is a 400. */
    private static String document(Context ctx) {
        String body = optional(ctx);
        if (body == null) {
            throw new CairnException.InvalidInput("the body must be the rules document (JSON or YAML)", List.of("document"));
        }
        return body;
    }

    /** The body as a document to try, or null (empty: the saved rules). */
    private static String optional(Context ctx) {
        String body = ctx.body();
        if (body.length() > MAX_DOCUMENT) {
            throw new CairnException.InvalidInput("a rules document must be at most " + MAX_DOCUMENT + " characters, got "
                    + body.length());
        }
        if (body.isBlank()) {
            return null;
        }
        return wrapped(body);
    }

    /** The document of a {@code {"document": "…"}} body (how the CLI sends a file), else the body itself. */
    private static String wrapped(String body) {
        if (!body.strip().startsWith("{") || !body.contains("\"document\"")) {
            return body;
        }
        try {
            tools.jackson.databind.JsonNode node = WRAPPER.readTree(body);
            if (node.isObject() && node.size() == 1 && node.path("document").isString()) {
                return node.path("document").stringValue();
            }
        } catch (RuntimeException e) {
            // not JSON: the rules parser says what is wrong with it
        }
        return body;
    }

    private static final tools.jackson.databind.json.JsonMapper WRAPPER = tools.jackson.databind.json.JsonMapper.builder().build();

    private static int rows(String text) {
        if (text == null || text.isBlank()) {
            return 5;
        }
        try {
            int rows = Integer.parseInt(text.strip());
            if (rows >= 1 && rows <= 100) {
                return rows;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what is wanted
        }
        throw new CairnException.InvalidInput("rows must be from 1 to 100, got " + text);
    }

    static Map<String, Object> view(RulesVersion v) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("target_uuid", v.target().toString());
        view.put("version", v.version());
        view.put("document", v.document());
        view.put("saved_at", Times.format(v.savedAt()));
        view.put("saved_by", v.savedBy());
        return view;
    }

    private static Map<String, Object> trial(RulesTrial.Result<?> result) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("archive_uuid", result.archive().uuid().toString());
        view.put("archive_taken_at", Times.format(result.archive().takenAt()));
        view.put("rules_version", result.rulesVersion());
        return view;
    }

    static Map<String, Object> report(Report report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ok", report.ok());
        view.put("problems", report.problems());
        view.put("personal", report.personal().stream().map(c -> Map.of("table", c.table(), "column", c.column(),
                "marked_safe", c.markedSafe())).toList());
        return view;
    }

    private static Map<String, Object> table(Preview.TablePreview t) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("table", t.table());
        view.put("rows", t.rows());
        view.put("total", t.total());
        view.put("selected", t.selected());
        view.put("columns", t.columns());
        view.put("before", t.before());
        view.put("after", t.after());
        return view;
    }
}
