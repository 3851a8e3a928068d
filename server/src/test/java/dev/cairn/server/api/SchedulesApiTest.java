package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/schedules} and {@code /v1/schedule/{uuid}}. */
class SchedulesApiTest extends ApiTestBase {
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";


    @Test
    void createsShowsListsAndUpdatesASchedule() {
        String uuid = api.create("/v1/schedules", fields("name", "Daily Backups", "summary", "every night", "when", "daily at 4am"));

        JsonNode shown = api.get("/v1/schedule/" + uuid).expect(200).json();
        assertThat(shown.propertyNames()).contains("uuid", "name", "summary", "when");
        assertThat(shown.path("uuid").stringValue()).isEqualTo(uuid);
        assertThat(shown.path("name").stringValue()).isEqualTo("Daily Backups");
        assertThat(shown.path("summary").stringValue()).isEqualTo("every night");
        assertThat(shown.path("when").stringValue()).isEqualTo("daily at 4am");
        assertThat(shown.path("canonical").stringValue()).isEqualTo("daily at 4:00");
        assertThat(shown.path("timezone").stringValue()).isEqualTo("UTC");
        assertThat(shown.path("next_runs")).hasSize(5).allSatisfy(run ->
                assertThat(run.stringValue()).matches(TIMESTAMP + " \\+00:00").endsWith(" 04:00:00 +00:00"));
        assertThat(api.get("/v1/schedules").expect(200).uuids()).contains(uuid);

        JsonNode updated = api.put("/v1/schedule/" + uuid, fields("name", "Weekly Backups", "summary", "sundays only",
                "when", "sundays 8am")).expect(200).json();
        assertThat(updated.path("ok").stringValue()).isEqualTo("updated");
        JsonNode after = api.get("/v1/schedule/" + uuid).expect(200).json();
        assertThat(after.path("name").stringValue()).isEqualTo("Weekly Backups");
        assertThat(after.path("summary").stringValue()).isEqualTo("sundays only");
        assertThat(after.path("when").stringValue()).isEqualTo("sundays 8am");
        assertThat(after.path("canonical").stringValue()).isEqualTo("sundays at 8:00");
    }

    @Test
    void summaryIsOptionalOnCreationAndRequiredOnUpdate() {
        String uuid = api.create("/v1/schedules", fields("name", "no summary", "when", "hourly"));
        assertThat(api.get("/v1/schedule/" + uuid).expect(200).json().path("summary").stringValue()).isEmpty();

        ApiReply reply = api.put("/v1/schedule/" + uuid, fields("name", "no summary", "when", "hourly")).expect(400);
        assertThat(reply.missing()).containsExactly("summary");
        assertThat(reply.error()).contains("summary");
    }

    @Test
    void missingFieldsAreListed() {
        ApiReply reply = api.post("/v1/schedules", fields("summary", "forgot the rest")).expect(400);
        assertThat(reply.missing()).containsExactlyInAnyOrder("name", "when");
        String uuid = api.schedule("complete", "daily at noon");
        assertThat(api.put("/v1/schedule/" + uuid, fields()).expect(400).missing())
                .containsExactlyInAnyOrder("name", "summary", "when");
    }

    @Test
    void anUnparsableTimespecIsRefusedNamingTheText() {
        ApiReply reply = api.post("/v1/schedules", fields("name", "vague", "when", "whenever it suits")).expect(400);
        assertThat(reply.error()).contains("whenever it suits");

        String uuid = api.schedule("precise", "daily at 3am");
        assertThat(api.put("/v1/schedule/" + uuid, fields("name", "precise", "summary", "s", "when", "at 25 o'clock"))
                .expect(400).error()).contains("at 25 o'clock");
        assertThat(api.get("/v1/schedule/" + uuid).expect(200).json().path("when").stringValue()).isEqualTo("daily at 3am");
    }

    @Test
    void aScheduleAsPeopleTypeItIsKeptAsTypedAndShownInItsCanonicalForm() {
        String uuid = api.create("/v1/schedules", fields("name", "office evenings", "when", "weekdays at 5pm"));

        JsonNode shown = api.get("/v1/schedule/" + uuid).expect(200).json();
        assertThat(shown.path("when").stringValue()).isEqualTo("weekdays at 5pm");
        assertThat(shown.path("canonical").stringValue()).isEqualTo("monday to friday at 17:00");
        assertThat(shown.path("next_runs")).hasSize(5).allSatisfy(run ->
                assertThat(run.stringValue()).endsWith(" 17:00:00 +00:00"));
    }

    @Test
    void aTimespecThatDoesNotSayWhenIsRefusedWithAFormThatWorks() {
        assertThat(api.post("/v1/schedules", fields("name", "vague", "when", "daily")).expect(400).error())
                .contains("cannot read timespec 'daily'", "say when: e.g. 'daily at 4am'");
        assertThat(api.post("/v1/schedules", fields("name", "vague", "when", "twice a day")).expect(400).error())
                .contains("e.g. 'every 12 hours from 0:00'");
    }

    @Test
    void refusesMalformedJson() {
        assertThat(api.post("/v1/schedules", "{\"name\": \"x\",, }").expect(400).error()).isNotBlank();
    }

    @Test
    void anUnknownScheduleIsNotFound() {
        String unknown = "/v1/schedule/" + UUID.randomUUID();
        assertThat(api.get(unknown).expect(404).error()).isNotBlank();
        api.put(unknown, fields("name", "x", "summary", "y", "when", "hourly")).expect(404);
        api.delete(unknown).expect(404);
    }

    @Test
    void filtersByUse() {
        String used = api.schedule("used schedule", "daily at 5am");
        String unused = api.schedule("unused schedule", "daily at 6am");
        api.job("on the used schedule", api.fsTarget("t", api.directory("t")), api.fsStore("s", api.directory("s")),
                used, api.retention("r", 3600));

        assertThat(api.get("/v1/schedules?unused=t").expect(200).uuids()).contains(unused).doesNotContain(used);
        assertThat(api.get("/v1/schedules?unused=f").expect(200).uuids()).contains(used).doesNotContain(unused);
        assertThat(api.get("/v1/schedules").expect(200).uuids()).contains(used, unused);
    }

    @Test
    void deletingAScheduleAJobUsesIsAConflictNamingTheJob() {
        String schedule = api.schedule("busy schedule", "daily at 7am");
        String job = api.job("morning job", api.fsTarget("mt", api.directory("mt")), api.fsStore("ms", api.directory("ms")),
                schedule, api.retention("mr", 3600));

        assertThat(api.delete("/v1/schedule/" + schedule).expect(409).error()).contains("morning job");
        api.delete("/v1/job/" + job).expect(200);
        assertThat(api.delete("/v1/schedule/" + schedule).expect(200).json().path("ok").stringValue()).isEqualTo("deleted");
        api.get("/v1/schedule/" + schedule).expect(404);
    }

    /**
     * Seed 004's update body has no timezone, so a client that follows the seed never sends one:
     * its update must not move the schedule to another zone.
     */
    @Test
    void anUpdateWithoutTimezoneKeepsTheSchedulesZone() {
        String uuid = api.create("/v1/schedules", fields("name", "paris nights", "when", "daily at 2am",
                "timezone", "Europe/Paris"));
        assertThat(api.get("/v1/schedule/" + uuid).expect(200).json().path("timezone").stringValue()).isEqualTo("Europe/Paris");

        api.put("/v1/schedule/" + uuid, fields("name", "paris nights", "summary", "renamed only", "when", "daily at 2am"))
                .expect(200);
        assertThat(api.get("/v1/schedule/" + uuid).expect(200).json().path("timezone").stringValue()).isEqualTo("Europe/Paris");
    }

    @Test
    void nextRunsAreTheSchedulesOwnTimesWithTheirOffset() {
        String uuid = api.create("/v1/schedules", fields("name", "paris 2am", "when", "daily 2am",
                "timezone", "Europe/Paris"));
        JsonNode runs = api.get("/v1/schedule/" + uuid).expect(200).json().path("next_runs");
        // December and the summer months: Paris is an hour ahead of UTC in winter, two in summer
        assertThat(runs).hasSize(5).allSatisfy(run -> assertThat(run.stringValue())
                .matches(TIMESTAMP + " \\+0[12]:00").contains(" 02:00:00 +0"));
    }
}
