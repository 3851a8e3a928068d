package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.endpoint;
import static dev.cairn.server.api.ApiFixture.fields;
import static dev.cairn.server.api.ApiFixture.with;
import static dev.cairn.server.api.ApiFixture.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /v1/jobs}, {@code /v1/job/{uuid}} and its pause, unpause and run actions. */
class JobsApiTest {
    @TempDir
    static Path root;
    static ApiFixture api;
    static Path sourceDirectory;
    static Path storeDirectory;
    static String target;
    static String store;
    static String schedule;
    static String retention;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.start(root);
        sourceDirectory = api.directory("orders");
        Files.writeString(sourceDirectory.resolve("orders.csv"), "id,total\n1,9.99\n");
        storeDirectory = api.directory("store");
        target = api.fsTarget("orders files", sourceDirectory);
        store = api.fsStore("orders store", storeDirectory);
        schedule = api.create("/v1/schedules", fields("name", "Daily Backups Schedule", "when", "daily at 4am"));
        retention = api.create("/v1/retention", fields("name", "100d Retention Policy", "expires", 8640000));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Map<String, Object> jobBody(String name) {
        return fields("name", name, "summary", "a short description", "store", store, "target", target,
                "retention", retention, "schedule", schedule, "paused", false);
    }

    @Test
    void createsAndShowsAJobWithTheSeedsFields() {
        String uuid = api.create("/v1/jobs", jobBody("A Backup Job"));

        JsonNode job = api.get("/v1/job/" + uuid).expect(200).json();
        assertThat(job.propertyNames()).contains("uuid", "name", "summary", "retention_name", "retention_uuid", "expiry",
                "schedule_name", "schedule_uuid", "schedule", "paused", "store_uuid", "store_plugin", "store_endpoint",
                "target_uuid", "target_plugin", "target_endpoint");
        assertThat(job.path("uuid").stringValue()).isEqualTo(uuid);
        assertThat(job.path("name").stringValue()).isEqualTo("A Backup Job");
        assertThat(job.path("summary").stringValue()).isEqualTo("a short description");
        assertThat(job.path("retention_name").stringValue()).isEqualTo("100d Retention Policy");
        assertThat(job.path("retention_uuid").stringValue()).isEqualTo(retention);
        assertThat(job.path("expiry").longValue()).isEqualTo(8640000L);
        assertThat(job.path("schedule_name").stringValue()).isEqualTo("Daily Backups Schedule");
        assertThat(job.path("schedule_uuid").stringValue()).isEqualTo(schedule);
        assertThat(job.path("schedule").stringValue()).isEqualTo("daily at 4am");
        assertThat(job.path("paused").isBoolean()).isTrue();
        assertThat(job.path("paused").booleanValue()).isFalse();
        assertThat(job.path("store_uuid").stringValue()).isEqualTo(store);
        assertThat(job.path("store_plugin").stringValue()).isEqualTo("fs");
        assertThat(endpoint(job, "store_endpoint").path("path").stringValue()).isEqualTo(storeDirectory.toString());
        assertThat(job.path("target_uuid").stringValue()).isEqualTo(target);
        assertThat(job.path("target_plugin").stringValue()).isEqualTo("fs");
        assertThat(endpoint(job, "target_endpoint").path("path").stringValue()).isEqualTo(sourceDirectory.toString());
        assertThat(job.path("next_run").stringValue()).endsWith(" 04:00:00");

        assertThat(api.get("/v1/jobs").expect(200).json()).contains(job);
    }

    @Test
    void aJobMayStartPausedAndIsPausedAndUnpaused() {
        String uuid = api.create("/v1/jobs", with(jobBody("starts paused"), "paused", true));
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("paused").booleanValue()).isTrue();
        assertThat(api.get("/v1/jobs?paused=t").expect(200).uuids()).contains(uuid);
        assertThat(api.get("/v1/jobs?paused=f").expect(200).uuids()).doesNotContain(uuid);

        JsonNode unpaused = api.post("/v1/job/" + uuid + "/unpause", null).expect(200).json();
        assertThat(unpaused.path("ok").stringValue()).isEqualTo("unpaused");
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("paused").booleanValue()).isFalse();
        assertThat(api.get("/v1/jobs?paused=f").expect(200).uuids()).contains(uuid);
        assertThat(api.get("/v1/jobs?paused=t").expect(200).uuids()).doesNotContain(uuid);

        JsonNode paused = api.post("/v1/job/" + uuid + "/pause", null).expect(200).json();
        assertThat(paused.path("ok").stringValue()).isEqualTo("paused");
        JsonNode after = api.get("/v1/job/" + uuid).expect(200).json();
        assertThat(after.path("paused").booleanValue()).isTrue();
        assertThat(after.path("next_run").stringValue()).as("a paused job has no next run").isEmpty();
    }

    @Test
    void filtersBy() {
        String otherTarget = api.fsTarget("other files", api.directory("other"));
        String otherStore = api.fsStore("other store", api.directory("other-store"));
        String otherSchedule = api.schedule("other schedule", "hourly");
        String otherRetention = api.retention("other retention", 3600);
        String first = api.create("/v1/jobs", jobBody("filter one"));
        String second = api.create("/v1/jobs", fields("name", "filter two", "store", otherStore, "target", otherTarget,
                "retention", otherRetention, "schedule", otherSchedule, "paused", false));

        assertThat(api.get("/v1/jobs?target=" + target).expect(200).uuids()).contains(first).doesNotContain(second);
        assertThat(api.get("/v1/jobs?target=" + otherTarget).expect(200).uuids()).containsExactly(second);
        assertThat(api.get("/v1/jobs?store=" + otherStore).expect(200).uuids()).containsExactly(second);
        assertThat(api.get("/v1/jobs?schedule=" + otherSchedule).expect(200).uuids()).containsExactly(second);
        assertThat(api.get("/v1/jobs?retention=" + otherRetention).expect(200).uuids()).containsExactly(second);
        assertThat(api.get("/v1/jobs?retention=" + retention + "&store=" + store).expect(200).uuids())
                .contains(first).doesNotContain(second);
        assertThat(api.get("/v1/jobs?target=" + otherTarget + "&paused=t").expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/jobs?store=" + UUID.randomUUID()).expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/jobs?target=nope").expect(400).error()).contains("target", "nope");
        assertThat(api.get("/v1/jobs?paused=perhaps").expect(400).error()).contains("perhaps");
    }

    @Test
    void updatesAJob() {
        String uuid = api.create("/v1/jobs", jobBody("before"));
        String otherStore = api.fsStore("update store", api.directory("update-store"));
        JsonNode updated = api.put("/v1/job/" + uuid, fields("name", "after", "summary", "moved to another store",
                "store", otherStore, "target", target, "retention", retention, "schedule", schedule)).expect(200).json();
        assertThat(updated.propertyNames()).containsExactly("ok");
        assertThat(updated.path("ok").stringValue()).isEqualTo("updated");

        JsonNode job = api.get("/v1/job/" + uuid).expect(200).json();
        assertThat(job.path("name").stringValue()).isEqualTo("after");
        assertThat(job.path("summary").stringValue()).isEqualTo("moved to another store");
        assertThat(job.path("store_uuid").stringValue()).isEqualTo(otherStore);
        assertThat(job.path("store_name").stringValue()).isEqualTo("update store");
    }

    @Test
    void updateRequiresASummary() {
        String uuid = api.create("/v1/jobs", without(jobBody("summary needed"), "summary"));
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("summary").stringValue()).isEmpty();
        ApiReply reply = api.put("/v1/job/" + uuid, without(without(jobBody("summary needed"), "summary"), "paused"))
                .expect(400);
        assertThat(reply.missing()).containsExactly("summary");
        assertThat(reply.error()).contains("summary");
    }

    @Test
    void updateRefusesPaused() {
        String uuid = api.create("/v1/jobs", jobBody("cannot pause by update"));
        ApiReply reply = api.put("/v1/job/" + uuid, with(jobBody("cannot pause by update"), "paused", true)).expect(400);
        assertThat(reply.error()).contains("paused");
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("paused").booleanValue()).isFalse();
        assertThat(api.put("/v1/job/" + uuid, with(jobBody("still not"), "paused", false)).expect(400).error())
                .contains("paused");
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("name").stringValue())
                .isEqualTo("cannot pause by update");
    }

    /** Seed 004's update body has no priority, so a client following the seed must not reset it. */
    @Test
    void anUpdateWithoutPriorityKeepsThePriority() {
        String uuid = api.create("/v1/jobs", with(jobBody("urgent"), "priority", 10));
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("priority").intValue()).isEqualTo(10);
        api.put("/v1/job/" + uuid, without(with(jobBody("urgent"), "summary", "renamed only"), "paused")).expect(200);
        assertThat(api.get("/v1/job/" + uuid).expect(200).json().path("priority").intValue()).isEqualTo(10);
    }

    @Test
    void missingFieldsAreListed() {
        ApiReply reply = api.post("/v1/jobs", fields("summary", "only a summary")).expect(400);
        assertThat(reply.missing()).containsExactlyInAnyOrder("name", "store", "target", "retention", "schedule");
        String uuid = api.create("/v1/jobs", jobBody("complete"));
        assertThat(api.put("/v1/job/" + uuid, fields("name", "complete")).expect(400).missing())
                .containsExactlyInAnyOrder("summary", "store", "target", "retention", "schedule");
    }

    @Test
    void refusesReferencesToWhatDoesNotExist() {
        String missingTarget = UUID.randomUUID().toString();
        assertThat(api.post("/v1/jobs", with(jobBody("ghost target"), "target", missingTarget)).expect(400).error())
                .contains("target", missingTarget);
        assertThat(api.post("/v1/jobs", with(jobBody("bad uuid"), "store", "the big one")).expect(400).error())
                .contains("store", "the big one");
        assertThat(api.get("/v1/jobs").expect(200).body()).doesNotContain("ghost target", "bad uuid");
    }

    @Test
    void refusesMalformedJsonAndAPriorityOutOfRange() {
        assertThat(api.post("/v1/jobs", "{\"name\": \"job\" \"target\": \"x\"}").expect(400).error()).isNotBlank();
        assertThat(api.post("/v1/jobs", with(jobBody("too important"), "priority", 101)).expect(400).error())
                .contains("priority", "101");
        assertThat(api.post("/v1/jobs", with(jobBody("odd pause"), "paused", "sometimes")).expect(400).error())
                .contains("paused");
    }

    @Test
    void anUnknownJobIsNotFound() {
        String unknown = "/v1/job/" + UUID.randomUUID();
        assertThat(api.get(unknown).expect(404).error()).isNotBlank();
        api.put(unknown, without(jobBody("x"), "paused")).expect(404);
        api.delete(unknown).expect(404);
        api.post(unknown + "/pause", null).expect(404);
        api.post(unknown + "/unpause", null).expect(404);
        api.post(unknown + "/run", fields("owner", "someone")).expect(404);
    }

    @Test
    void runSchedulesABackupTask() {
        String uuid = api.create("/v1/jobs", jobBody("run now"));
        JsonNode reply = api.post("/v1/job/" + uuid + "/run", fields("owner", "alice")).expect(200).json();
        assertThat(reply.propertyNames()).containsExactlyInAnyOrder("ok", "task_uuid");
        assertThat(reply.path("ok").stringValue()).isEqualTo("scheduled");

        JsonNode task = api.awaitDone(reply.path("task_uuid").stringValue());
        assertThat(task.path("type").stringValue()).isEqualTo("backup");
        assertThat(task.path("owner").stringValue()).isEqualTo("admin");
        assertThat(task.path("owner_note").stringValue()).isEqualTo("alice");
        assertThat(task.path("job_uuid").stringValue()).isEqualTo(uuid);
        assertThat(task.path("archive_uuid").isString()).isTrue();

        JsonNode job = api.get("/v1/job/" + uuid).expect(200).json();
        assertThat(job.path("last_status").stringValue()).isEqualTo("done");
    }

    @Test
    void runWithoutOwnerIsOwnedByTheSignedInUserWithoutANote() {
        String uuid = api.create("/v1/jobs", jobBody("anonymous run"));
        JsonNode reply = api.post("/v1/job/" + uuid + "/run", null).expect(200).json();
        assertThat(reply.path("ok").stringValue()).isEqualTo("scheduled");
        JsonNode task = api.awaitDone(reply.path("task_uuid").stringValue());
        assertThat(task.path("owner").stringValue()).isEqualTo("admin");
        assertThat(task.path("owner_note").stringValue()).isEmpty();
        assertThat(api.post("/v1/job/" + uuid + "/run", "{owner}").expect(400).error()).isNotBlank();
    }

    @Test
    void deletesAJob() {
        String uuid = api.create("/v1/jobs", jobBody("to delete"));
        JsonNode deleted = api.delete("/v1/job/" + uuid).expect(200).json();
        assertThat(deleted.path("ok").stringValue()).isEqualTo("deleted");
        api.get("/v1/job/" + uuid).expect(404);
        assertThat(api.get("/v1/jobs").expect(200).uuids()).doesNotContain(uuid);
    }

    @Test
    void secretsOfTheTargetAreMaskedInTheJob() {
        String database = api.create("/v1/targets", fields("name", "pg", "plugin", "postgres", "endpoint",
                Map.of("host", "db", "user", "backup", "password", "pg-secret-value", "database", "shop")));
        String uuid = api.create("/v1/jobs", with(jobBody("pg job"), "target", database));
        ApiReply reply = api.get("/v1/job/" + uuid).expect(200);
        assertThat(reply.body()).doesNotContain("pg-secret-value");
        assertThat(endpoint(reply.json(), "target_endpoint").path("password").stringValue()).isEqualTo("********");
        assertThat(api.get("/v1/jobs?target=" + database).expect(200).body()).doesNotContain("pg-secret-value");
    }
}
