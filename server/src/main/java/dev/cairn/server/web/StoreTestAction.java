package dev.cairn.server.web;

import dev.cairn.server.auth.Principals;
import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.stores.StoreSelfTest;
import dev.cairn.server.service.UserActions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The stores list's "Test now": runs a store's self-test, as {@code POST /v1/store/{uuid}/test}
 * does, and answers htmx with the store's new health to swap in place, or a plain form post with
 * the stores list and a notice that says how it went.
 */
final class StoreTestAction {
    private final Cairn cairn;
    private final Pages pages;
    private final UserActions actions;

    StoreTestAction(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.actions = new UserActions(cairn);
    }

    void register(RoutesConfig routes) {
        routes.post("/stores/{uuid}/test", this::test);
    }

    private void test(Context ctx) {
        Store store = cairn.catalog().stores().get(Pages.uuid(ctx, "store"));
        StoreSelfTest.Result result = actions.testStore(Principals.of(ctx), store.uuid());
        if (ctx.header("HX-Request") != null) {
            pages.fragment(ctx, 200, "health.jte", Pages.params("health", cairn.catalog().stores().health(store.uuid())));
        } else {
            Pages.done(ctx, "/stores", "Store '" + store.name() + "' "
                    + (result.healthy() ? "is healthy." : "failed its self-test: " + result.error()));
        }
    }
}
