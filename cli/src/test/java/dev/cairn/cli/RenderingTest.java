package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How replies look to people (tables, key: value blocks, sizes) and to scripts (--json). */
class RenderingTest {

    private static final String ARCHIVES = """
            [{"uuid":"9ee4b579-19ba-4fa5-94e1-e5b2a4d8e85a","taken_at":"2026-11-22 04:00:03",
              "expires_at":"2026-12-20 04:00:03","notes":"before change #422","status":"valid",
              "job_name":"web nightly","target_name":"web","store_name":"local","size":1258291,"stored_size":402653},
             {"uuid":"286102fe-c0fd-4e45-a357-743436a19602","taken_at":"2026-11-21 04:00:02",
              "expires_at":null,"notes":"","status":"valid",
              "target_name":"orders-db","store_name":"s3","size":512,"stored_size":null}]""";

    private final FakeCairn fake = FakeCairn.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void aTableAlignsEachColumnOnItsWidestCell() {
        String rendered = Table.withColumns("NAME", "PLUGIN", "SUMMARY")
                .row("web", "fs", "the web files")
                .row("orders-db", "postgres", null)
                .render();

        assertThat(rendered).isEqualTo("""
                NAME       PLUGIN    SUMMARY
                web        fs        the web files
                orders-db  postgres  -
                """);
    }

    @Test
    void controlCharactersInNamesAreShownEscapedNeverSentToTheTerminal() {
        fake.on("GET", "/v1/targets", """
                [{"uuid":"2f42d0b3-449a-4d0e-8576-a40cc552d7e5","name":"inj\\n14:00:00 done\\n\\u001b[2J",
                  "summary":"bell\\u0007 c1\\u009b","plugin":"fs","endpoint":"{}","agent":""}]""");

        CliRun run = CliRun.against(fake, "list", "targets");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("\u001b", "\u0007", "\u009b")
                .contains("inj\\n14:00:00 done\\n\\u001b[2J", "bell\\u0007 c1\\u009b");
        assertThat(run.out().lines()).hasSize(2);
        assertThat(Table.withColumns("NAME").row("a\rb\u202e").render()).isEqualTo("NAME\na\\rb\\u202e\n");
    }

    @Test
    void sizesReadInBinaryUnits() {
        assertThat(ByteSize.human(0)).isEqualTo("0 B");
        assertThat(ByteSize.human(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.human(1024)).isEqualTo("1.0 KiB");
        assertThat(ByteSize.human(1258291)).isEqualTo("1.2 MiB");
        assertThat(ByteSize.human(1048575)).isEqualTo("1.0 MiB");
        assertThat(ByteSize.human(5L * 1024 * 1024 * 1024 * 1024)).isEqualTo("5.0 TiB");
    }

    @Test
    void archivesListAsATableWithHumanSizes() {
        fake.on("GET", "/v1/archives", ARCHIVES);

        CliRun run = CliRun.against(fake, "list", "archives");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                UUID                                  TAKEN AT             EXPIRES AT           JOB          TARGET     STORE  STATUS  SIZE     NOTES
                9ee4b579-19ba-4fa5-94e1-e5b2a4d8e85a  2026-11-22 04:00:03  2026-12-20 04:00:03  web nightly  web        local  valid   1.2 MiB  before change #422
                286102fe-c0fd-4e45-a357-743436a19602  2026-11-21 04:00:02  -                    -            orders-db  s3     valid   512 B
                """);
    }

    @Test
    void unsetTimesSentAsEmptyTextShowAsADash() {
        fake.on("GET", "/v1/tasks", """
                [{"uuid":"5e2c416d-36f7-484a-8a2a-3d3d567d55d6","owner":"anon","type":"backup","status":"pending",
                  "requested_at":"2026-11-22 04:00:00","started_at":"","stopped_at":"","timeout_at":"","log":""}]""");

        CliRun run = CliRun.against(fake, "list", "tasks", "--all");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                UUID                                  TYPE    STATUS   JOB  TARGET  OWNER  REQUESTED AT         STARTED AT  STOPPED AT  REASON
                5e2c416d-36f7-484a-8a2a-3d3d567d55d6  backup  pending  -    -       anon   2026-11-22 04:00:00  -           -           -
                """);
    }

    @Test
    void failedTasksShowTheirJobTargetAndReasonOnTheirRow() {
        fake.on("GET", "/v1/tasks", """
                [{"uuid":"5e2c416d-36f7-484a-8a2a-3d3d567d55d6","owner":"system","type":"backup","status":"failed",
                  "job_name":"web nightly","target_name":"web","reason":"directory /srv/www does not exist\\n(x)",
                  "requested_at":"2026-11-22 04:00:00","started_at":"2026-11-22 04:00:01","stopped_at":"2026-11-22 04:00:02"},
                 {"uuid":"7a1c5d22-4a55-4c2f-9e0b-1f6c0c1d2e3f","owner":"anon","type":"restore","status":"done",
                  "job_name":null,"target_name":"orders-db","reason":"",
                  "requested_at":"2026-11-22 05:00:00","started_at":"2026-11-22 05:00:01","stopped_at":"2026-11-22 05:00:09"}]""");

        CliRun run = CliRun.against(fake, "list", "tasks", "--all");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                UUID                                  TYPE     STATUS  JOB          TARGET     OWNER   REQUESTED AT         STARTED AT           STOPPED AT           REASON
                5e2c416d-36f7-484a-8a2a-3d3d567d55d6  backup   failed  web nightly  web        system  2026-11-22 04:00:00  2026-11-22 04:00:01  2026-11-22 04:00:02  directory /srv/www does not exist\\n(x)
                7a1c5d22-4a55-4c2f-9e0b-1f6c0c1d2e3f  restore  done    -            orders-db  anon    2026-11-22 05:00:00  2026-11-22 05:00:01  2026-11-22 05:00:09
                """);
    }

    @Test
    void jsonPrintsTheServersReplyForScripts() {
        fake.on("GET", "/v1/archives", ARCHIVES);

        CliRun run = CliRun.against(fake, "--json", "list", "archives", "--after", "20261101");

        assertThat(run.exitCode()).isZero();
        assertThat(JsonMapper.shared().readTree(run.out())).isEqualTo(JsonMapper.shared().readTree(ARCHIVES));
        assertThat(run.out()).contains("\n  \"uuid\" : \"9ee4b579");
        assertThat(fake.requestLines()).containsExactly("GET /v1/archives?after=20261101");
    }

    @Test
    void jsonMayAlsoComeAfterTheNoun() {
        fake.on("GET", "/v1/plugins", "[]");

        CliRun run = CliRun.against(fake, "list", "plugins", "--json");

        assertThat(run.out().strip()).isEqualTo("[ ]");
    }

    @Test
    void anEmptyListSaysSo() {
        fake.on("GET", "/v1/targets", "[]");

        CliRun run = CliRun.against(fake, "list", "targets", "--unused", "--plugin", "postgres");

        assertThat(run.out()).isEqualTo("no targets\n");
        assertThat(fake.requestLines()).containsExactly("GET /v1/targets?plugin=postgres&unused=t");
    }

    @Test
    void agentsShowTheirHealthPluginsAndWork() {
        fake.on("GET", "/v1/agents", """
                [{"name":"edge-1","plugins":["fs","redis"],"version":"0.1.0","last_seen":"2026-11-21 03:20:00",
                  "healthy":true,"running":1},
                 {"name":"edge-2","plugins":["fs"],"version":"0.1.0","last_seen":"2026-11-20 10:00:00",
                  "healthy":false,"running":0}]""");

        CliRun run = CliRun.against(fake, "list", "agents");

        assertThat(run.out()).isEqualTo("""
                NAME    HEALTH   PLUGINS    LAST SEEN            RUNNING
                edge-1  healthy  fs, redis  2026-11-21 03:20:00  1
                edge-2  GONE     fs         2026-11-20 10:00:00  0
                """);
        assertThat(fake.requestLines()).containsExactly("GET /v1/agents");
        assertThat(CliRun.against(fake, "list", "agents", "--json").out()).contains("\"healthy\" : true");
    }

    @Test
    void aScheduleShowsItsNextRunsOneUnderAnother() {
        String uuid = "36f50f26-b007-433a-a67a-bdffbd0746c8";
        fake.on("GET", "/v1/schedule/" + uuid, """
                {"uuid":"%s","name":"daily","summary":"every night","when":"daily at 4am",
                 "timezone":"UTC","canonical":"daily at 04:00",
                 "next_runs":["2026-11-22 04:00:00 +00:00","2026-11-23 04:00:00 +00:00"]}""".formatted(uuid));

        CliRun run = CliRun.against(fake, "show", "schedule", uuid);

        assertThat(run.out()).isEqualTo("""
                UUID:      36f50f26-b007-433a-a67a-bdffbd0746c8
                Name:      daily
                Summary:   every night
                When:      daily at 4am
                Timezone:  UTC
                Canonical: daily at 04:00
                Next runs: 2026-11-22 04:00:00 +00:00
                           2026-11-23 04:00:00 +00:00
                """);
    }

    @Test
    void aJobShowsItsCopiesAndWhetherItVerifies() {
        String uuid = "0c4b8c39-5f5e-4a52-9a3f-2d8f8f2b1c11";
        fake.on("GET", "/v1/job/" + uuid, """
                {"uuid":"%s","name":"nightly","summary":"","paused":false,
                 "copies":["a9d0a1c4-0000-4000-8000-000000000001"],"copy_names":["offsite"],"verify":true}"""
                .formatted(uuid));

        CliRun run = CliRun.against(fake, "show", "job", uuid);

        assertThat(run.out()).contains("Copies:", "offsite").containsPattern("Verify: +yes");
    }

    @Test
    void pluginsShowTheirFeaturesAndEndpointFields() {
        fake.on("GET", "/v1/plugins", """
                [{"name":"fs","title":"Local directory","version":"1.0","features":{"target":"yes","store":"yes"}},
                 {"name":"postgres","title":"PostgreSQL","version":"1.0","features":{"target":"yes","store":"no"}}]""")
                .on("GET", "/v1/plugin/postgres", """
                {"name":"postgres","title":"PostgreSQL","author":"Cairn","version":"1.0",
                 "features":{"target":"yes","store":"no"},
                 "fields":[{"name":"host","type":"string","required":true,"default":null,"help":"server host","secret":false},
                           {"name":"password","type":"string","required":false,"default":null,"help":"","secret":true}],
                 "help":"Backs up with pg_dump."}""");

        CliRun list = CliRun.against(fake, "list", "plugins");
        CliRun show = CliRun.against(fake, "show", "plugin", "postgres");

        assertThat(list.out()).isEqualTo("""
                NAME      VERSION  TARGET  STORE  TITLE
                fs        1.0      yes     yes    Local directory
                postgres  1.0      yes     no     PostgreSQL
                """);
        assertThat(show.out()).contains("Store:   no")
                .contains("FIELD     TYPE    REQUIRED  SECRET  DEFAULT  HELP")
                .contains("password  string  no        yes     -")
                .contains("Help:\nBacks up with pg_dump.");
    }
}
