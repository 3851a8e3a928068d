package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.server.auth.Principals;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Renders the precompiled jte templates into responses. Every page template takes a
 * {@link Chrome} named {@code chrome} besides its own parameters.
 */
final class Pages {
    private static final String SESSION = "cairn.session";
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Remembers the request's session for the handlers and templates after the guard. */
    static void attach(Context ctx, Session session) {
        ctx.attribute(SESSION, session);
    }

    /** The request's session; the guard has made sure there is one on every page but the login. */
    static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** Renders {@code template} as a full page with status 200. */
    void page(Context ctx, String template, String title, String section, Map<String, Object> params) {
        page(ctx, 200, template, title, section, params);
    }

    void page(Context ctx, int status, String template, String title, String section, Map<String, Object> params) {
        Session session = session(ctx);
        Chrome chrome = new Chrome(title, section, session == null ? null : session.csrf(),
                session == null ? null : session.takeNotice(), session == null ? null : Principals.of(ctx),
                ctx.scheme() + "://" + ctx.host());
        Map<String, Object> all = new HashMap<>(params);
        all.put("chrome", chrome);
        fragment(ctx, status, template, all);
    }

    /** Renders a template that is a piece of a page, for htmx to swap in. */
    void fragment(Context ctx, int status, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** An error page that says what went wrong and offers a way back. */
    void error(Context ctx, int status, String message) {
        String title = switch (status) {
            case 403 -> "Refused";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            default -> status >= 500 ? "Something failed" : "Cannot do that";
        };
        page(ctx, status, "error.jte", title, "", Map.of("status", status, "message", message));
    }

    /** The {@code {uuid}} path parameter; a malformed one is a 404, as no such item can exist. */
    static UUID uuid(Context ctx, String kind) {
        String text = ctx.pathParam("uuid");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CairnException.NotFound(kind, text);
        }
    }

    /** Template parameters from alternating names and values; values may be null. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    /** Redirects after a change (303, so the browser follows with GET), with a notice for the next page. */
    static void done(Context ctx, String location, String notice) {
        Session session = session(ctx);
        if (session != null && notice != null) {
            session.notice(notice);
        }
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }
}
