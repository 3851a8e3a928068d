package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A developer of team A sees nothing of team B: B's targets, jobs, archives and tasks are left out
 * of every list and filter, and every call naming one by uuid is answered exactly as for a uuid
 * that never existed.
 */
class TeamIsolationApiTest extends ApiTestBase {
    static ApiFixture.As developer;
    static String ourTarget;
    static String ourJob;
    static String ourArchive;
    static String ourTask;
    static String theirTarget;
    static String theirJob;
    static String theirArchive;
    static String theirTask;
    static String store;
    static String schedule;
    static String retention;
    static Path ours;

    @BeforeAll
    static void twoTeams() throws IOException {
        String teamA = api.team("team-a");
        String teamB = api.team("team-b");
        developer = api.as(api.userWithToken("dana", "team-a", Role.DEVELOPER));
        store = api.fsStore("shared store", api.directory("store"));
        schedule = api.schedule("nightly", "daily at 2am");
        retention = api.retention("a week", 7 * 86400);
        ours = api.directory("ours");
        Files.writeString(ours.resolve("a.txt"), "team a\n");
        Path theirs = api.directory("theirs");
        Files.writeString(theirs.resolve("b.txt"), "team b\n");
        ourTarget = api.fsTarget("a files", ours, teamA);
        theirTarget = api.fsTarget("b files", theirs, "team-b");
        ourJob = api.job("a nightly", ourTarget, store, schedule, retention);
        theirJob = api.job("b nightly", theirTarget, store, schedule, retention);
        JsonNode ourRun = api.awaitDone(api.runJob(ourJob).path("uuid").stringValue());
        JsonNode theirRun = api.awaitDone(api.runJob(theirJob).path("uuid").stringValue());
        ourTask = ourRun.path("uuid").stringValue();
        ourArchive = ourRun.path("archive_uuid").stringValue();
        theirTask = theirRun.path("uuid").stringValue();
        theirArchive = theirRun.path("archive_uuid").stringValue();
        assertThat(teamB).isNotEqualTo(teamA);
    }

    @Test
    void listsShowOnlyTheirOwnTeamsObjects() {
        assertThat(developer.get("/v1/targets").expect(200).uuids()).containsExactly(ourTarget);
        assertThat(developer.get("/v1/jobs").expect(200).uuids()).containsExactly(ourJob);
        assertThat(developer.get("/v1/archives").expect(200).uuids()).containsExactly(ourArchive);
        assertThat(developer.get("/v1/tasks").expect(200).uuids()).containsExactly(ourTask);
        // the admin sees both teams'
        assertThat(api.get("/v1/targets").expect(200).uuids()).contains(ourTarget, theirTarget);
        assertThat(api.get("/v1/tasks").expect(200).uuids()).contains(ourTask, theirTask);
    }

    @Test
    void theViewsNameTheOwningTeam() {
        String teamA = api.team("team-a");
        for (String path : List.of("/v1/target/" + ourTarget, "/v1/job/" + ourJob, "/v1/archive/" + ourArchive,
                "/v1/task/" + ourTask)) {
            JsonNode item = developer.get(path).expect(200).json();
            assertThat(item.path("team").stringValue()).as(path).isEqualTo(teamA);
            assertThat(item.path("team_name").stringValue()).as(path).isEqualTo("team-a");
        }
        assertThat(developer.get("/v1/task/" + ourTask).expect(200).json().path("owner").stringValue()).isEqualTo("admin");
    }

    @Test
    void filtersDoNotRevealTheOtherTeam() {
        assertThat(developer.get("/v1/targets?name=b%20files").expect(200).uuids()).isEmpty();
        assertThat(developer.get("/v1/targets?name=b%20files&exact=t").expect(200).uuids()).isEmpty();
        assertThat(developer.get("/v1/targets?name=files").expect(200).uuids()).containsExactly(ourTarget);
        assertThat(developer.get("/v1/jobs?name=b%20nightly").expect(200).uuids()).isEmpty();
        assertThat(developer.get("/v1/jobs?target=" + theirTarget).expect(200).uuids()).isEmpty();
        assertThat(developer.get("/v1/jobs?store=" + store).expect(200).uuids()).containsExactly(ourJob);
        assertThat(developer.get("/v1/archives?target=" + theirTarget).expect(200).uuids()).isEmpty();
        assertThat(developer.get("/v1/archives?job=" + theirJob).expect(200).uuids()).isEmpty();
        assertThat(developer.get("/v1/archives?store=" + store).expect(200).uuids()).containsExactly(ourArchive);
        assertThat(developer.get("/v1/tasks?status=done").expect(200).uuids()).containsExactly(ourTask);
    }

    @Test
    void everyCallOnTheOtherTeamsTargetIsAnsweredAsForAnUnknownOne() {
        Map<String, Object> body = fields("name", "taken over", "summary", "", "plugin", "fs",
                "endpoint", Map.of("path", "/tmp"), "agent", "");
        assertLikeUnknown(theirTarget, "target", uuid -> developer.get("/v1/target/" + uuid));
        assertLikeUnknown(theirTarget, "target", uuid -> developer.put("/v1/target/" + uuid, body));
        assertLikeUnknown(theirTarget, "target", uuid -> developer.delete("/v1/target/" + uuid));
        assertLikeUnknown(theirTarget, "target", uuid -> developer.post("/v1/target/" + uuid + "/test", null));
        assertThat(api.get("/v1/target/" + theirTarget).expect(200).json().path("name").stringValue()).isEqualTo("b files");
    }

    @Test
    void everyCallOnTheOtherTeamsJobIsAnsweredAsForAnUnknownOne() {
        Map<String, Object> body = fields("name", "taken over", "summary", "", "target", ourTarget, "store", store,
                "schedule", schedule, "retention", retention);
        assertLikeUnknown(theirJob, "job", uuid -> developer.get("/v1/job/" + uuid));
        assertLikeUnknown(theirJob, "job", uuid -> developer.put("/v1/job/" + uuid, body));
        assertLikeUnknown(theirJob, "job", uuid -> developer.delete("/v1/job/" + uuid));
        assertLikeUnknown(theirJob, "job", uuid -> developer.post("/v1/job/" + uuid + "/pause", null));
        assertLikeUnknown(theirJob, "job", uuid -> developer.post("/v1/job/" + uuid + "/unpause", null));
        assertLikeUnknown(theirJob, "job", uuid -> developer.post("/v1/job/" + uuid + "/run", fields("owner", "dana")));
        assertThat(api.get("/v1/job/" + theirJob).expect(200).json().path("paused").booleanValue()).isFalse();
    }

    @Test
    void everyCallOnTheOtherTeamsArchivesAndTasksIsAnsweredAsForUnknownOnes() {
        assertLikeUnknown(theirArchive, "archive", uuid -> developer.get("/v1/archive/" + uuid));
        assertLikeUnknown(theirArchive, "archive", uuid -> developer.put("/v1/archive/" + uuid, fields("notes", "mine")));
        assertLikeUnknown(theirArchive, "archive", uuid -> developer.delete("/v1/archive/" + uuid));
        assertLikeUnknown(theirArchive, "archive", uuid -> developer.post("/v1/archive/" + uuid + "/restore", null));
        assertLikeUnknown(theirArchive, "archive", uuid -> developer.post("/v1/archive/" + uuid + "/verify", null));
        assertLikeUnknown(theirTask, "task", uuid -> developer.get("/v1/task/" + uuid));
        assertLikeUnknown(theirTask, "task", uuid -> developer.delete("/v1/task/" + uuid));
        assertThat(api.get("/v1/archive/" + theirArchive).expect(200).json().path("notes").stringValue()).isEmpty();
    }

    @Test
    void restoringIntoTheOtherTeamsTargetIsAnsweredAsForAnUnknownTarget() {
        ApiFixture.As operator = api.as(api.userWithToken("otto", "team-a", Role.OPERATOR));
        assertLikeUnknown(theirTarget, "target",
                uuid -> operator.post("/v1/archive/" + ourArchive + "/restore", fields("target", uuid)));
    }

    @Test
    void namingTheOtherTeamsTargetOrTheOtherTeamInABodyIsLikeNamingOneThatDoesNotExist() {
        ApiFixture.As operator = api.as(api.userWithToken("olga", "team-a", Role.OPERATOR));
        Map<String, Object> job = fields("name", "sneaky", "summary", "", "target", theirTarget, "store", store,
                "schedule", schedule, "retention", retention);
        String unknown = UUID.randomUUID().toString();
        ApiReply theirs = operator.post("/v1/jobs", job).expect(400);
        ApiReply none = operator.post("/v1/jobs", ApiFixture.with(job, "target", unknown)).expect(400);
        assertThat(theirs.error()).isEqualTo(none.error().replace(unknown, theirTarget)).isEqualTo("target " + theirTarget
                + " does not exist");

        Map<String, Object> target = fields("name", "sneaky files", "plugin", "fs", "endpoint",
                Map.of("path", api.directory("sneaky").toString()), "team", "team-b");
        assertThat(operator.post("/v1/targets", target).expect(400).error()).isEqualTo("team 'team-b' does not exist");
        assertThat(operator.post("/v1/targets", ApiFixture.with(target, "team", "team-z")).expect(400).error())
                .isEqualTo("team 'team-z' does not exist");
        Map<String, Object> moved = fields("name", "a files", "summary", "", "plugin", "fs", "endpoint",
                Map.of("path", ours.toString()), "team", "team-b");
        assertThat(operator.put("/v1/target/" + ourTarget, moved).expect(400).error()).isEqualTo("team 'team-b' does not exist");
        assertThat(api.get("/v1/target/" + ourTarget).expect(200).json().path("team_name").stringValue()).isEqualTo("team-a");
    }

    /**
     * Asserts that {@code call} answers for {@code hidden} exactly what it answers for a uuid that never
     * existed: a 404, the same body with the uuid in it, {@code no KIND UUID}.
     */
    private static void assertLikeUnknown(String hidden, String kind, Function<String, ApiReply> call) {
        String unknown = UUID.randomUUID().toString();
        ApiReply forHidden = call.apply(hidden);
        ApiReply forUnknown = call.apply(unknown);
        assertThat(forUnknown.status()).as("reply %s for an unknown %s", forUnknown.body(), kind).isEqualTo(404);
        assertThat(forHidden.status()).as("reply %s for another team's %s", forHidden.body(), kind).isEqualTo(404);
        assertThat(forHidden.json().propertyNames()).isEqualTo(forUnknown.json().propertyNames());
        assertThat(forHidden.error()).isEqualTo("no " + kind + " " + hidden)
                .isEqualTo(forUnknown.error().replace(unknown, hidden));
    }
}
