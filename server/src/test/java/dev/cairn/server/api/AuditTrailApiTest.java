package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.access.Role;
import dev.cairn.core.catalog.TeamScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every change made through the API leaves one audit row with who made it and how it ended: ok,
 * denied (a 403) or failed; a call on an object the user cannot see leaves none; no row holds an
 * endpoint.
 */
class AuditTrailApiTest extends ApiTestBase {
    static String team;
    static ApiFixture.As operator;
    static ApiFixture.As developer;
    static ApiFixture.As stranger;
    static Path files;

    @BeforeAll
    static void people() throws IOException {
        team = api.team("audited");
        operator = api.as(api.userWithToken("oscar", "audited", Role.OPERATOR));
        developer = api.as(api.userWithToken("devi", "audited", Role.DEVELOPER));
        stranger = api.as(api.userWithToken("sam", "other", Role.OPERATOR));
        files = api.directory("audited-files");
        Files.writeString(files.resolve("a.txt"), "audited\n");
    }

    @Test
    void aTargetCreatedByAnOperatorOfTheirOnlyTeamIsRecordedAsOk() {
        String uuid = operator.post("/v1/targets", fields("name", "oscar's files", "plugin", "fs",
                "endpoint", Map.of("path", files.toString()))).expect(200).json().path("uuid").stringValue();
        assertThat(api.get("/v1/target/" + uuid).expect(200).json().path("team").stringValue()).isEqualTo(team);

        AuditEntry row = only(rows("target.create", uuid));
        assertThat(row.userName()).isEqualTo("oscar");
        assertThat(row.outcome()).isEqualTo(AuditEntry.Outcome.OK);
        assertThat(row.objectKind()).isEqualTo("target");
        assertThat(row.objectName()).isEqualTo("oscar's files");
        assertThat(row.team()).isEqualTo(UUID.fromString(team));
        assertThat(row.address()).isNotBlank();
        assertThat(row.detail()).doesNotContain(files.toString());
    }

    @Test
    void aRefusedDeleteIsRecordedAsDeniedAndTheTargetStays() {
        String uuid = api.fsTarget("kept files", files, "audited");
        ApiReply refused = developer.delete("/v1/target/" + uuid).expect(403);
        assertThat(refused.json().path("permission").stringValue()).isEqualTo("edit-config");

        AuditEntry row = only(rows("target.delete", uuid));
        assertThat(row.userName()).isEqualTo("devi");
        assertThat(row.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
        assertThat(row.detail()).contains("edit-config");
        api.get("/v1/target/" + uuid).expect(200);
    }

    @Test
    void aDeleteThatConflictsIsRecordedAsFailedWithItsReason() {
        String target = api.fsTarget("busy files", files, "audited");
        String store = api.fsStore("busy store", api.directory("busy-store"));
        String schedule = api.schedule("busy schedule", "daily at 1am");
        String retention = api.retention("busy retention", 3600);
        api.job("busy job", target, store, schedule, retention);
        operator.delete("/v1/target/" + target).expect(409);

        AuditEntry row = only(rows("target.delete", target));
        assertThat(row.userName()).isEqualTo("oscar");
        assertThat(row.outcome()).isEqualTo(AuditEntry.Outcome.FAILED);
        assertThat(row.detail()).contains("busy job");
    }

    @Test
    void aRefusedEndpointIsRecordedAsFailedWithoutTheEndpoint() {
        String secretish = "relative/path-" + UUID.randomUUID();
        String uuid = api.fsTarget("fixable files", files, "audited");
        operator.put("/v1/target/" + uuid, fields("name", "fixable files", "summary", "", "plugin", "fs",
                "endpoint", Map.of("path", secretish))).expect(400);

        AuditEntry row = only(rows("target.update", uuid));
        assertThat(row.outcome()).isEqualTo(AuditEntry.Outcome.FAILED);
        assertThat(row.detail()).doesNotContain(secretish).startsWith("invalid input");
    }

    @Test
    void callsOnAnotherTeamsObjectsLeaveNoRow() {
        String uuid = api.fsTarget("unseen files", files, "audited");
        stranger.delete("/v1/target/" + uuid).expect(404);
        stranger.put("/v1/target/" + uuid, fields("name", "x", "summary", "", "plugin", "fs",
                "endpoint", Map.of("path", files.toString()))).expect(404);
        assertThat(rows("target.", uuid)).extracting(AuditEntry::action).containsExactly("target.create");
        assertThat(rows("target.", uuid)).extracting(AuditEntry::userName).containsOnly("admin");
    }

    @Test
    void sharedThingsChangedByAnAdminAreOkAndTriedByOthersAreDenied() {
        ApiReply refused = operator.post("/v1/schedules", fields("name", "oscar's schedule", "when", "daily at 3am"))
                .expect(403);
        assertThat(refused.json().path("permission").stringValue()).isEqualTo("manage-shared");
        String schedule = api.schedule("admin's schedule", "daily at 3am");
        api.put("/v1/schedule/" + schedule, fields("name", "admin's schedule", "summary", "renamed", "when", "daily at 4am"))
                .expect(200);

        List<AuditEntry> denied = api.cairn().access().audit().page(new AuditFilter(null, null, "schedule.create", null, null,
                null), TeamScope.ALL, null, 0, 100).items().stream().filter(r -> r.userName().equals("oscar")).toList();
        assertThat(only(denied).outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
        assertThat(only(denied).objectName()).isEqualTo("oscar's schedule");
        assertThat(only(rows("schedule.create", schedule)).outcome()).isEqualTo(AuditEntry.Outcome.OK);
        AuditEntry updated = only(rows("schedule.update", schedule));
        assertThat(updated.userName()).isEqualTo("admin");
        assertThat(updated.outcome()).isEqualTo(AuditEntry.Outcome.OK);
    }

    @Test
    void pausingAJobAndNotingAnArchiveAreRecorded() {
        String target = api.fsTarget("noted files", files, "audited");
        String store = api.fsStore("noted store", api.directory("noted-store"));
        String job = api.job("noted job", target, store, api.schedule("noted schedule", "daily at 2am"),
                api.retention("noted retention", 3600));
        operator.post("/v1/job/" + job + "/pause", null).expect(200);
        developer.post("/v1/job/" + job + "/unpause", null).expect(403);
        String archive = api.awaitDone(api.runJob(job).path("uuid").stringValue()).path("archive_uuid").stringValue();
        operator.put("/v1/archive/" + archive, fields("notes", "before the upgrade")).expect(200);

        assertThat(only(rows("job.pause", job)).outcome()).isEqualTo(AuditEntry.Outcome.OK);
        AuditEntry unpause = only(rows("job.unpause", job));
        assertThat(unpause.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
        assertThat(unpause.userName()).isEqualTo("devi");
        assertThat(unpause.team()).isEqualTo(UUID.fromString(team));
        AuditEntry noted = only(rows("archive.update", archive));
        assertThat(noted.userName()).isEqualTo("oscar");
        assertThat(noted.outcome()).isEqualTo(AuditEntry.Outcome.OK);
        AuditEntry backup = only(rows("backup", job));
        assertThat(backup.userName()).isEqualTo("admin");
        assertThat(backup.detail()).startsWith("task ");
    }

    /** The audit rows of {@code action} (or, ending in a dot, the actions it starts) about object {@code uuid}. */
    private static List<AuditEntry> rows(String action, String uuid) {
        return api.cairn().access().audit().page(new AuditFilter(null, null, action, UUID.fromString(uuid), null, null),
                TeamScope.ALL, null, 0, 100).items();
    }

    private static AuditEntry only(List<AuditEntry> rows) {
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }
}
