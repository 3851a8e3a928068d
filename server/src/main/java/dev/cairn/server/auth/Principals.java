package dev.cairn.server.auth;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Principal;
import io.javalin.http.Context;

/** Where a request keeps who made it, once the API's or the web UI's sign-in check found them. */
public final class Principals {
    private static final String ATTRIBUTE = "cairn.principal";

    private Principals() {
    }

    public static void attach(Context ctx, Principal principal) {
        ctx.attribute(ATTRIBUTE, principal);
    }

    /** The request's principal, when a sign-in check attached one. */
    public static java.util.Optional<Principal> find(Context ctx) {
        return java.util.Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The request's principal; a request that reached a handler without one is a bug, answered 401. */
    public static Principal of(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new CairnException.Unauthorized("this request is not signed in");
        }
        return principal;
    }
}
