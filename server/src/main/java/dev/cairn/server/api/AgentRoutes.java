package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.access.Permission;
import dev.cairn.core.agents.AgentHub;
import dev.cairn.core.agents.AgentStatus;
import dev.cairn.core.agents.PollReply;
import dev.cairn.core.catalog.Names;
import dev.cairn.server.auth.Principals;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * {@code /v1/agents} for people (every signed-in user reads it), and the routes agents call, an
 * admin's ({@code manage-system}): poll for work (a heartbeat held open up to {@link AgentHub#POLL_HOLD}),
 * stream a work's data up or down, send its log and its result.
 */
final class AgentRoutes {
    private final Cairn cairn;

    AgentRoutes(Cairn cairn) {
        this.cairn = cairn;
    }

    void register(Routes routes) {
        AgentHub hub = cairn.agents();
        routes.get("/v1/agents", ctx -> Json.ok(ctx, hub.agents().stream().map(AgentRoutes::view).toList()));
        routes.post("/v1/agent/{name}/poll", ctx -> {
            agent(ctx);
            RequestBody body = RequestBody.of(ctx);
            Names.checkName("agent name", ctx.pathParam("name"));
            PollReply reply = hub.poll(ctx.pathParam("name"), body.strings("plugins"), body.string("version", ""),
                    AgentHub.POLL_HOLD);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("work", reply.work() == null ? null : Map.of("uuid", reply.work().uuid().toString(),
                    "task_uuid", reply.work().task().toString(), "op", reply.work().op(),
                    "plugin", reply.work().plugin(), "endpoint", reply.work().endpoint()));
            view.put("cancel", reply.cancel().stream().map(UUID::toString).toList());
            Json.ok(ctx, view);
        });
        routes.put("/v1/agent/work/{uuid}/data", ctx -> {
            agent(ctx);
            hub.receive(Ids.path(ctx, "agent work"), ctx.req().getInputStream());
            Json.ok(ctx, Views.ok("received"));
        });
        routes.get("/v1/agent/work/{uuid}/data", ctx -> {
            agent(ctx);
            UUID work = Ids.path(ctx, "agent work");
            ctx.res().setContentType("application/octet-stream");
            try {
                hub.send(work, ctx.res().getOutputStream());
            } catch (Exception e) {
                if (!ctx.res().isCommitted()) {
                    throw e;
                }
                // Part of the data is out: break the connection so the agent cannot take it for all of it.
                abort(ctx, e);
            }
        });
        routes.post("/v1/agent/work/{uuid}/result", ctx -> {
            agent(ctx);
            UUID work = Ids.path(ctx, "agent work");
            RequestBody body = RequestBody.of(ctx).require("ok");
            hub.result(work, body.bool("ok", false), body.string("error"));
            Json.ok(ctx, Views.ok("recorded"));
        });
        routes.post("/v1/agent/work/{uuid}/log", ctx -> {
            agent(ctx);
            UUID work = Ids.path(ctx, "agent work");
            hub.log(work, RequestBody.of(ctx).strings("lines"));
            Json.ok(ctx, Views.ok("logged"));
        });
    }

    /**
     * Refuses a request to the agents' own routes from anyone but an admin: an agent signs in with an
     * admin's token (the server's admin token), as it moves any team's data.
     */
    private static void agent(Context ctx) {
        Principals.of(ctx).require(Permission.MANAGE_SYSTEM);
    }

    private static Map<String, Object> view(AgentStatus agent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", agent.name());
        view.put("plugins", agent.plugins());
        view.put("version", agent.version());
        view.put("last_seen", agent.lastSeen() == null ? null : Times.format(agent.lastSeen()));
        view.put("healthy", agent.healthy());
        view.put("running", agent.running());
        return view;
    }

    private static void abort(Context ctx, Exception cause) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getServletChannel().abort(cause);
        }
    }
}
