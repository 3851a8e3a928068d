package dev.cairn.cli;

import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Follows a task until it reaches a final status, handing each new piece of its log to a sink
 * as it arrives.
 *
 * <p>Polls {@code GET /v1/task/UUID?log_offset=N} every {@code interval}; a zero interval polls
 * back to back, which is what tests use.
 */
final class TaskFollower {

    private final CairnApi api;
    private final Duration interval;
    private final Consumer<String> logSink;

    TaskFollower(CairnApi api, Duration interval, Consumer<String> logSink) {
        this.api = api;
        this.interval = interval;
        this.logSink = logSink;
    }

    /** Blocks until the task is done, failed or canceled, and returns its last state. */
    JsonNode follow(String taskUuid) {
        long offset = 0;
        while (true) {
            JsonNode task = api.get(ApiPath.of(Kind.TASK.itemPath(taskUuid))
                    .with("log_offset", Long.toString(offset)).toString());
            offset = emitNewLog(task, offset);
            if (TaskStatus.fromWire(Fields.text(task, "status")).isFinal()) {
                return task;
            }
            pause();
        }
    }

    /** Emits what the log gained since {@code offset} and returns the offset to ask for next. */
    private long emitNewLog(JsonNode task, long offset) {
        String log = Fields.text(task, "log");
        JsonNode next = task.path("next_log_offset");
        if (next.isIntegralNumber()) {
            // The server honoured log_offset: log holds only what is new.
            if (log != null && !log.isEmpty()) {
                logSink.accept(log);
            }
            return next.asLong();
        }
        // A server that ignores log_offset sends the whole log each time: cut off what was shown.
        if (log == null || log.length() <= offset) {
            return offset;
        }
        logSink.accept(log.substring((int) offset));
        return log.length();
    }

    private void pause() {
        if (interval.isZero()) {
            return;
        }
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while following the task", e);
        }
    }
}
