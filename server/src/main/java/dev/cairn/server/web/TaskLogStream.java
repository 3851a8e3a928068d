package dev.cairn.server.web;

import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Task;
import dev.cairn.server.auth.Principals;
import dev.cairn.core.catalog.Tasks;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent events of a task's log: {@code status} events say when it starts running, {@code log}
 * events carry each new piece of the log (as a JSON string, with the offset after it as the event
 * id, so a reconnecting browser resumes there), and one {@code end} event carries the final status and when it stopped.
 * A task of a team the signed-in user does not see is answered as an unknown one.
 */
final class TaskLogStream {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long POLL_MILLIS = 250;
    private static final long HEARTBEAT_MILLIS = 15_000;
    private final Tasks tasks;

    TaskLogStream(Tasks tasks) {
        this.tasks = tasks;
    }

    /** Sends the log from the requested offset as it grows, until the task ends or the browser goes away. */
    void follow(SseClient client) {
        UUID uuid;
        try {
            uuid = UUID.fromString(client.ctx().pathParam("uuid"));
        } catch (IllegalArgumentException e) {
            client.sendEvent("end", JSON.writeValueAsString(Map.of("status", "unknown")));
            return;
        }
        Principal p = Principals.of(client.ctx());
        int offset = offset(client);
        String status = null;
        long quietSince = System.currentTimeMillis();
        while (!client.terminated()) {
            Task task = tasks.find(uuid).filter(t -> p.sees(t.team())).orElse(null);
            if (task == null) {
                client.sendEvent("end", JSON.writeValueAsString(Map.of("status", "unknown")));
                return;
            }
            if (!task.status().finished() && !task.status().wire().equals(status)) {
                status = task.status().wire();
                client.sendEvent("status", JSON.writeValueAsString(Map.of("status", status)));
            }
            String log = task.log() == null ? "" : task.log();
            if (log.length() > offset) {
                client.sendEvent("log", JSON.writeValueAsString(log.substring(offset)), String.valueOf(log.length()));
                offset = log.length();
                quietSince = System.currentTimeMillis();
            }
            if (task.status().finished()) {
                client.sendEvent("end", JSON.writeValueAsString(Map.of("status", task.status().wire(),
                        "stopped", Display.time(task.stoppedAt()))));
                return;
            }
            if (System.currentTimeMillis() - quietSince > HEARTBEAT_MILLIS) {
                client.sendComment("waiting");
                quietSince = System.currentTimeMillis();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Where to start: the browser's Last-Event-ID on a reconnect, else {@code ?offset=}, else 0. */
    private static int offset(SseClient client) {
        String text = client.ctx().header("Last-Event-ID");
        if (text == null) {
            text = client.ctx().queryParam("offset");
        }
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
