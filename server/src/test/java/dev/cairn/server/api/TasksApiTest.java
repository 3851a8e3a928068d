package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /v1/tasks} and {@code /v1/task/{uuid}}, over tasks that really ran. */
class TasksApiTest {
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

    @TempDir
    static Path root;
    static ApiFixture api;
    static String job;
    static String doneTask;
    static String failedTask;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.start(root);
        Path source = api.directory("source");
        Files.writeString(source.resolve("a.txt"), "a\n");
        String store = api.fsStore("task store", api.directory("store"));
        String schedule = api.schedule("task schedule", "daily at 4am");
        String retention = api.retention("task retention", 3600);
        job = api.job("task job", api.fsTarget("task files", source), store, schedule, retention);
        doneTask = api.awaitDone(api.runJob(job).path("uuid").stringValue()).path("uuid").stringValue();

        String missing = api.fsTarget("vanished files", root.resolve("does-not-exist"));
        String failingJob = api.job("failing job", missing, store, schedule, retention);
        failedTask = api.runJob(failingJob).path("uuid").stringValue();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void showsATaskWithTheSeedsFields() {
        JsonNode task = api.get("/v1/task/" + doneTask).expect(200).json();
        assertThat(task.propertyNames()).contains("uuid", "owner", "type", "job_uuid", "archive_uuid", "status",
                "started_at", "stopped_at", "log");
        assertThat(task.path("uuid").stringValue()).isEqualTo(doneTask);
        assertThat(task.path("owner").stringValue()).isEqualTo("admin");
        assertThat(task.path("owner_note").stringValue()).isEqualTo("tester");
        assertThat(task.path("type").stringValue()).isEqualTo("backup");
        assertThat(task.path("job_uuid").stringValue()).isEqualTo(job);
        assertThat(task.path("status").stringValue()).isEqualTo("done");
        assertThat(task.path("started_at").stringValue()).matches(TIMESTAMP);
        assertThat(task.path("stopped_at").stringValue()).matches(TIMESTAMP);
        assertThat(task.path("stopped_at").stringValue()).isGreaterThanOrEqualTo(task.path("started_at").stringValue());
        String archive = task.path("archive_uuid").stringValue();
        api.get("/v1/archive/" + archive).expect(200);
        assertThat(task.path("log").stringValue()).contains(archive).contains("done");
    }

    @Test
    void aFailedTaskSaysWhyInItsLog() {
        JsonNode task = api.get("/v1/task/" + failedTask).expect(200).json();
        assertThat(task.path("status").stringValue()).isEqualTo("failed");
        assertThat(task.path("archive_uuid").isNull()).isTrue();
        assertThat(task.path("log").stringValue()).contains("failed").contains("does-not-exist");
    }

    @Test
    void aFailedTaskGivesItsReasonOnOneLineAndNamesItsJobAndTarget() {
        JsonNode failed = api.get("/v1/task/" + failedTask).expect(200).json();
        String log = failed.path("log").stringValue();
        String reason = failed.path("reason").stringValue();
        assertThat(reason).contains("does-not-exist").doesNotContain("\n").doesNotStartWith("failed:");
        assertThat(log).contains(" failed: " + reason + "\n");
        assertThat(failed.path("job_name").stringValue()).isEqualTo("failing job");
        assertThat(failed.path("target_name").stringValue()).isEqualTo("vanished files");
        assertThat(api.get("/v1/tasks?status=failed").expect(200).json())
                .anySatisfy(task -> assertThat(task.path("reason").stringValue()).isEqualTo(reason));

        JsonNode done = api.get("/v1/task/" + doneTask).expect(200).json();
        assertThat(done.path("reason").stringValue()).isEmpty();
        assertThat(done.path("job_name").stringValue()).isEqualTo("task job");
        assertThat(done.path("target_name").stringValue()).isEqualTo("task files");
    }

    @Test
    void listsTasksFilteredByStatus() {
        assertThat(api.get("/v1/tasks").expect(200).uuids()).contains(doneTask, failedTask);
        assertThat(api.get("/v1/tasks?status=done").expect(200).uuids()).contains(doneTask).doesNotContain(failedTask);
        assertThat(api.get("/v1/tasks?status=failed").expect(200).uuids()).contains(failedTask).doesNotContain(doneTask);
        assertThat(api.get("/v1/tasks?status=running").expect(200).uuids()).doesNotContain(doneTask, failedTask);
        assertThat(api.get("/v1/tasks?status=done").expect(200).json())
                .allSatisfy(task -> assertThat(task.path("status").stringValue()).isEqualTo("done"));
        assertThat(api.get("/v1/tasks?status=finished").expect(400).error()).contains("finished");
    }

    @Test
    void readsTheLogFromAnOffset() {
        JsonNode whole = api.get("/v1/task/" + doneTask).expect(200).json();
        String log = whole.path("log").stringValue();
        assertThat(log.length()).isGreaterThan(10);
        assertThat(whole.path("next_log_offset").intValue()).isEqualTo(log.length());

        JsonNode rest = api.get("/v1/task/" + doneTask + "?log_offset=10").expect(200).json();
        assertThat(rest.path("log").stringValue()).isEqualTo(log.substring(10));
        assertThat(rest.path("next_log_offset").intValue()).isEqualTo(log.length());

        JsonNode end = api.get("/v1/task/" + doneTask + "?log_offset=" + log.length()).expect(200).json();
        assertThat(end.path("log").stringValue()).isEmpty();
        assertThat(end.path("next_log_offset").intValue()).isEqualTo(log.length());

        JsonNode beyond = api.get("/v1/task/" + doneTask + "?log_offset=" + (log.length() + 100)).expect(200).json();
        assertThat(beyond.path("log").stringValue()).isEmpty();
        assertThat(beyond.path("next_log_offset").intValue()).isEqualTo(log.length());

        assertThat(api.get("/v1/task/" + doneTask + "?log_offset=-1").expect(400).error()).contains("log_offset", "-1");
        assertThat(api.get("/v1/task/" + doneTask + "?log_offset=ten").expect(400).error()).contains("log_offset", "ten");
    }

    @Test
    void anUnknownTaskIsNotFound() {
        String unknown = "/v1/task/" + UUID.randomUUID();
        assertThat(api.get(unknown).expect(404).error()).isNotBlank();
        api.delete(unknown).expect(404);
        api.get("/v1/task/12345").expect(404);
    }

    @Test
    void cancelingAnEndedTaskIsAConflict() {
        assertThat(api.delete("/v1/task/" + doneTask).expect(409).error()).contains(doneTask);
        assertThat(api.get("/v1/task/" + doneTask).expect(200).json().path("status").stringValue()).isEqualTo("done");
    }
}
