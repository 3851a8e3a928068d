package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Permission;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.UserActions;

/** {@code /v1/tasks} and {@code /v1/task/{uuid}} (with {@code ?log_offset=N}); DELETE cancels. */
final class TaskRoutes {
    private static final int LIST_LIMIT = 500;
    private final Cairn cairn;
    private final Views views;

    TaskRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
    }

    void register(Routes routes) {
        var tasks = cairn.catalog().tasks();
        routes.get("/v1/tasks", ctx -> {
            String status = ctx.queryParam("status");
            TaskStatus filter = status == null || status.isEmpty() ? null : TaskStatus.fromWire(status);
            Json.ok(ctx, Views.all(tasks.list(filter, Principals.of(ctx).scope(), ListLimit.of(ctx, LIST_LIMIT).value()), t -> views.task(t, 0)));
        });
        routes.get("/v1/task/{uuid}", ctx -> {
            Task task = cairn.access().task(Principals.of(ctx), Ids.path(ctx, "task"), Permission.VIEW);
            Json.ok(ctx, views.task(task, logOffset(ctx.queryParam("log_offset"))));
        });
        routes.delete("/v1/task/{uuid}", ctx -> {
            new UserActions(cairn).cancel(Principals.of(ctx), Ids.path(ctx, "task"));
            Json.ok(ctx, Views.ok("canceled"));
        });
    }

    private static int logOffset(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(text);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CairnException.InvalidInput("log_offset must be a whole number of at least 0, got " + text);
    }
}
