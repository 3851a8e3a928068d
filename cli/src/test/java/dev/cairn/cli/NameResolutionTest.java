package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every NAME|UUID argument: a uuid goes straight to the item, a name is matched exactly in the list. */
class NameResolutionTest {

    private static final String WEB = "2f42d0b3-449a-4d0e-8576-a40cc552d7e5";
    private static final String WEB_COPY = "5c7b8b50-ff11-4d67-9624-fd8214bc8629";
    private static final String LOCAL = "994e991f-112d-496d-a1df-bbdc67c79332";
    private static final String DAILY = "e390934b-fc43-4343-a51b-22bd69a8894f";
    private static final String MONTH = "7eb2131c-c2ad-40b1-916f-7e162be89465";

    private final FakeCairn fake = FakeCairn.start()
            .on("GET", "/v1/targets", """
                    [{"uuid":"%s","name":"web","plugin":"fs"},
                     {"uuid":"%s","name":"web-copy","plugin":"fs"},
                     {"uuid":"0d9c3a39-7b07-4c43-a0c6-1b7e1f6a6f43","name":"twin","plugin":"fs"},
                     {"uuid":"1e5a7d0e-3f3e-4a49-9f0c-2d1f0b8e9a11","name":"twin","plugin":"fs"}]"""
                    .formatted(WEB, WEB_COPY))
            .on("GET", "/v1/target/" + WEB, """
                    {"uuid":"%s","name":"web","summary":"the web files","plugin":"fs",
                     "endpoint":"{\\"path\\":\\"/srv/www\\"}","agent":null}""".formatted(WEB))
            .on("GET", "/v1/stores", "[{\"uuid\":\"" + LOCAL + "\",\"name\":\"local\"}]")
            .on("GET", "/v1/schedules", "[{\"uuid\":\"" + DAILY + "\",\"name\":\"daily\"}]")
            .on("GET", "/v1/retention", "[{\"uuid\":\"" + MONTH + "\",\"name\":\"month\",\"expires\":2419200}]")
            .on("GET", "/v1/retention/" + MONTH,
                    "{\"uuid\":\"" + MONTH + "\",\"name\":\"month\",\"summary\":\"\",\"expires\":2419200}")
            .on("GET", "/v1/jobs", "[]")
            .on("POST", "/v1/jobs", "{\"ok\":\"created\",\"uuid\":\"af0b40b2-8f7b-46e4-b425-9730c677e625\"}");

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void aNameIsLookedUpInTheListAndMatchedExactly() {
        CliRun run = CliRun.against(fake, "show", "target", "web");

        assertThat(run.exitCode()).isZero();
        assertThat(fake.requestLines()).containsExactly("GET /v1/targets", "GET /v1/target/" + WEB);
        assertThat(run.out()).contains("Name:").contains("web").contains("{\"path\":\"/srv/www\"}");
    }

    @Test
    void aUuidGoesStraightToTheItem() {
        CliRun run = CliRun.against(fake, "show", "target", WEB);

        assertThat(run.exitCode()).isZero();
        assertThat(fake.requestLines()).containsExactly("GET /v1/target/" + WEB);
    }

    @Test
    void anUnknownNameIsAnError() {
        CliRun run = CliRun.against(fake, "delete", "target", "we");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: no target is named 'we'\n");
        assertThat(fake.requestLines()).containsExactly("GET /v1/targets");
    }

    @Test
    void anAmbiguousNameListsTheUuidsToChooseFrom() {
        CliRun run = CliRun.against(fake, "delete", "target", "twin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: 2 targets are named 'twin'; give the uuid of the one you mean: "
                + "0d9c3a39-7b07-4c43-a0c6-1b7e1f6a6f43, 1e5a7d0e-3f3e-4a49-9f0c-2d1f0b8e9a11");
        assertThat(fake.requests()).noneMatch(request -> request.method().equals("DELETE"));
    }

    @Test
    void archivesHaveNoNamesSoOnlyAUuidWillDo() {
        CliRun run = CliRun.against(fake, "show", "archive", "yesterday");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'yesterday' is not a uuid, and archives have no names");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void creatingAJobResolvesEachReferenceToItsUuid() {
        CliRun run = CliRun.against(fake, "create", "job", "--name", "nightly", "--target", "web",
                "--store", "local", "--schedule", "daily", "--retention", MONTH);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("created job nightly (af0b40b2-8f7b-46e4-b425-9730c677e625)\n");
        assertThat(fake.only("POST", "/v1/jobs").json().toString()).isEqualTo(
                "{\"name\":\"nightly\",\"target\":\"" + WEB + "\",\"store\":\"" + LOCAL + "\",\"schedule\":\""
                        + DAILY + "\",\"retention\":\"" + MONTH + "\",\"paused\":false}");
    }

    @Test
    void listFiltersTakeNamesAndSendUuids() {
        CliRun run = CliRun.against(fake, "list", "jobs", "--target", "web-copy", "--retention", "month", "--paused");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("no jobs\n");
        assertThat(fake.requestLines()).contains(
                "GET /v1/jobs?paused=t&retention=" + MONTH + "&target=" + WEB_COPY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"retention policy month", "retention policies month", "policy month", "retention month"})
    void aRetentionPolicyAnswersToEveryWayOfSayingIt(String words) {
        String[] args = ("show " + words).split(" ");

        CliRun run = CliRun.against(fake, args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Expires:").contains("4w (2419200 seconds)");
        assertThat(fake.requestLines()).containsExactly("GET /v1/retention", "GET /v1/retention/" + MONTH);
    }

    @Test
    void anArchiveIsFoundByAUniquePrefixOfItsUuid() {
        fake.on("GET", "/v1/archives", ARCHIVES).on("GET", "/v1/archive/" + NEWER, "{\"uuid\":\"" + NEWER + "\"}");

        CliRun run = CliRun.against(fake, "show", "archive", "9ee4b");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.requestLines()).containsExactly("GET /v1/archives?purged=t", "GET /v1/archive/" + NEWER);
    }

    @Test
    void anAmbiguousPrefixNamesTheCandidates() {
        fake.on("GET", "/v1/archives", ARCHIVES);

        CliRun run = CliRun.against(fake, "show", "archive", "9EE4");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("start with '9EE4'").contains(NEWER).contains(OLDER);
    }

    @Test
    void latestIsTheNewestValidArchiveOfTheTargetGiven() {
        fake.on("GET", "/v1/archives", ARCHIVES)
                .on("POST", "/v1/archive/" + OLDER + "/restore", "{\"ok\":\"scheduled\",\"task_uuid\":\"" + OLDER + "\"}");

        CliRun run = CliRun.against(fake, "restore", "archive", "latest", "--target", "web");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.requestLines()).containsExactly("GET /v1/targets", "GET /v1/archives?target=" + WEB,
                "POST /v1/archive/" + OLDER + "/restore");
    }

    private static final String NEWER = "9ee4b579-19ba-4fa5-94e1-e5b2a4d8e85a";
    private static final String OLDER = "9ee40000-19ba-4fa5-94e1-e5b2a4d8e85a";
    private static final String DAMAGED = "0aaa0000-19ba-4fa5-94e1-e5b2a4d8e85a";
    private static final String ARCHIVES = """
            [{"uuid":"%s","taken_at":"2026-12-02 02:00:00","status":"valid"},
             {"uuid":"%s","taken_at":"2026-12-03 02:00:00","status":"damaged"},
             {"uuid":"%s","taken_at":"2026-12-01 02:00:00","status":"valid"}]""".formatted(OLDER, DAMAGED, NEWER);
}
