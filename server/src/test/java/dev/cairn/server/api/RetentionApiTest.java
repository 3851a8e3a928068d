package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/retention} and {@code /v1/retention/{uuid}}. */
class RetentionApiTest extends ApiTestBase {

    @Test
    void createsShowsListsAndUpdatesAPolicy() {
        String uuid = api.create("/v1/retention", fields("name", "100d Retention Policy", "summary", "a short description",
                "expires", 8640000));

        JsonNode shown = api.get("/v1/retention/" + uuid).expect(200).json();
        assertThat(shown.propertyNames()).containsExactlyInAnyOrder("uuid", "name", "summary", "expires",
                "keep_daily", "keep_weekly", "keep_monthly", "keep_yearly");
        assertThat(shown.path("keep_daily").intValue()).as("a SHIELD client's policy keeps by expiry alone").isZero();
        assertThat(shown.path("uuid").stringValue()).isEqualTo(uuid);
        assertThat(shown.path("name").stringValue()).isEqualTo("100d Retention Policy");
        assertThat(shown.path("summary").stringValue()).isEqualTo("a short description");
        assertThat(shown.path("expires").isIntegralNumber()).isTrue();
        assertThat(shown.path("expires").longValue()).isEqualTo(8640000L);
        assertThat(api.get("/v1/retention").expect(200).json()).contains(shown);

        JsonNode updated = api.put("/v1/retention/" + uuid, fields("name", "1d", "summary", "one day", "expires", 86400))
                .expect(200).json();
        assertThat(updated.path("ok").stringValue()).isEqualTo("updated");
        JsonNode after = api.get("/v1/retention/" + uuid).expect(200).json();
        assertThat(after.path("name").stringValue()).isEqualTo("1d");
        assertThat(after.path("summary").stringValue()).isEqualTo("one day");
        assertThat(after.path("expires").longValue()).isEqualTo(86400L);
    }

    @Test
    void keepsGrandfatherFatherSonRulesAndAPutWithoutThemKeepsThem() {
        String uuid = api.create("/v1/retention", fields("name", "gfs", "expires", 86400, "keep_daily", 7, "keep_weekly", 4,
                "keep_monthly", 12, "keep_yearly", 3));
        JsonNode shown = api.get("/v1/retention/" + uuid).expect(200).json();
        assertThat(List.of(shown.path("keep_daily").intValue(), shown.path("keep_weekly").intValue(),
                shown.path("keep_monthly").intValue(), shown.path("keep_yearly").intValue())).containsExactly(7, 4, 12, 3);

        api.put("/v1/retention/" + uuid, fields("name", "gfs", "summary", "", "expires", 7200)).expect(200);
        JsonNode kept = api.get("/v1/retention/" + uuid).expect(200).json();
        assertThat(kept.path("expires").longValue()).isEqualTo(7200L);
        assertThat(kept.path("keep_monthly").intValue()).isEqualTo(12);
        api.put("/v1/retention/" + uuid, fields("name", "gfs", "summary", "", "expires", 7200, "keep_monthly", 0)).expect(200);
        assertThat(api.get("/v1/retention/" + uuid).expect(200).json().path("keep_monthly").intValue()).isZero();

        assertThat(api.post("/v1/retention", fields("name", "bad", "expires", 7200, "keep_daily", -1)).expect(400).error())
                .contains("keep_daily", "-1");
        assertThat(api.post("/v1/retention", fields("name", "bad", "expires", 7200, "keep_weekly", "four")).expect(400).error())
                .contains("keep_weekly", "four");
    }

    @Test
    void thePreviewListsWhatTheSweepWouldPurgeAndKeep() throws Exception {
        String policy = api.create("/v1/retention", fields("name", "preview gfs", "expires", 3600, "keep_daily", 1));
        Path source = api.directory("pt");
        Files.writeString(source.resolve("notes.txt"), "twice backed up");
        String target = api.fsTarget("preview target", source);
        String job = api.job("previewed", target, api.fsStore("ps", api.directory("ps")), api.schedule("pd", "daily at 1am"),
                policy);
        assertThat(api.runJob(job).path("status").stringValue()).isEqualTo("done");
        assertThat(api.runJob(job).path("status").stringValue()).isEqualTo("done");

        JsonNode now = api.get("/v1/retention/" + policy + "/preview?target=" + target).expect(200).json();
        assertThat(now.path("purge")).isEmpty();
        assertThat(now.path("keep")).hasSize(2);
        JsonNode newest = now.path("keep").get(0);
        assertThat(ApiReply.strings(newest.path("kept_by"))).hasSize(2).anySatisfy(rule -> assertThat(rule).startsWith("not expired until "))
                .anySatisfy(rule -> assertThat(rule).startsWith("daily "));
        assertThat(ApiReply.strings(now.path("keep").get(1).path("kept_by"))).singleElement()
                .satisfies(rule -> assertThat(rule).startsWith("not expired until "));

        assertThat(api.get("/v1/retention/" + policy + "/preview").expect(400).missing()).containsExactly("target");
        api.get("/v1/retention/" + policy + "/preview?target=" + UUID.randomUUID()).expect(404);
        api.get("/v1/retention/" + UUID.randomUUID() + "/preview?target=" + target).expect(404);
    }

    @Test
    void expiresMustBeAtLeastAnHour() {
        ApiReply created = api.post("/v1/retention", fields("name", "too short", "expires", 3599)).expect(400);
        assertThat(created.error()).contains("expires", "3599");
        assertThat(api.get("/v1/retention").expect(200).body()).doesNotContain("too short");

        String uuid = api.retention("exactly an hour", 3600);
        assertThat(api.get("/v1/retention/" + uuid).expect(200).json().path("expires").longValue()).isEqualTo(3600L);
        assertThat(api.put("/v1/retention/" + uuid, fields("name", "n", "summary", "s", "expires", 60)).expect(400).error())
                .contains("expires", "60");
        assertThat(api.get("/v1/retention/" + uuid).expect(200).json().path("expires").longValue()).isEqualTo(3600L);
    }

    @Test
    void expiresMustBeAWholeNumber() {
        assertThat(api.post("/v1/retention", fields("name", "words", "expires", "a week")).expect(400).error())
                .contains("expires", "a week");
        assertThat(api.post("/v1/retention", fields("name", "fraction", "expires", 3600.5)).expect(400).error())
                .contains("expires");
    }

    @Test
    void summaryIsOptionalOnCreationAndRequiredOnUpdate() {
        String uuid = api.create("/v1/retention", fields("name", "plain", "expires", 7200));
        assertThat(api.get("/v1/retention/" + uuid).expect(200).json().path("summary").stringValue()).isEmpty();
        ApiReply reply = api.put("/v1/retention/" + uuid, fields("name", "plain", "expires", 7200)).expect(400);
        assertThat(reply.missing()).containsExactly("summary");
    }

    @Test
    void anEmptySummaryIsAValueAnUpdateMayKeep() {
        String uuid = api.create("/v1/retention", fields("name", "plain", "expires", 7200));
        api.put("/v1/retention/" + uuid, fields("name", "renamed", "summary", "", "expires", 7200)).expect(200);
        JsonNode after = api.get("/v1/retention/" + uuid).expect(200).json();
        assertThat(after.path("name").stringValue()).isEqualTo("renamed");
        assertThat(after.path("summary").stringValue()).isEmpty();
    }

    @Test
    void missingFieldsAreListed() {
        assertThat(api.post("/v1/retention", fields("summary", "s")).expect(400).missing())
                .containsExactlyInAnyOrder("name", "expires");
    }

    @Test
    void refusesMalformedJson() {
        assertThat(api.post("/v1/retention", "name=weekly&expires=604800").expect(400).error()).isNotBlank();
    }

    @Test
    void anUnknownPolicyIsNotFound() {
        String unknown = "/v1/retention/" + UUID.randomUUID();
        assertThat(api.get(unknown).expect(404).error()).isNotBlank();
        api.put(unknown, fields("name", "x", "summary", "y", "expires", 3600)).expect(404);
        api.delete(unknown).expect(404);
    }

    @Test
    void filtersByUse() {
        String used = api.retention("used policy", 86400);
        String unused = api.retention("unused policy", 86400);
        api.job("kept a day", api.fsTarget("t", api.directory("t")), api.fsStore("s", api.directory("s")),
                api.schedule("d", "daily at 1am"), used);

        assertThat(api.get("/v1/retention?unused=t").expect(200).uuids()).contains(unused).doesNotContain(used);
        assertThat(api.get("/v1/retention?unused=f").expect(200).uuids()).contains(used).doesNotContain(unused);
        assertThat(api.get("/v1/retention").expect(200).uuids()).contains(used, unused);
    }

    @Test
    void deletingAPolicyAJobUsesIsAConflictNamingTheJob() {
        String policy = api.retention("busy policy", 86400);
        String job = api.job("kept by busy policy", api.fsTarget("bt", api.directory("bt")),
                api.fsStore("bs", api.directory("bs")), api.schedule("bd", "daily at 1am"), policy);

        assertThat(api.delete("/v1/retention/" + policy).expect(409).error()).contains("kept by busy policy");
        api.delete("/v1/job/" + job).expect(200);
        assertThat(api.delete("/v1/retention/" + policy).expect(200).json().path("ok").stringValue()).isEqualTo("deleted");
        api.get("/v1/retention/" + policy).expect(404);
    }
}
