package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cairn show job NAME --stats}: the job's details, its success rates, the mean time between failures and its last runs. */
class JobStatsCommandTest {
    private static final String JOB = "5a0f3c58-1d3e-4f7a-9d2b-3c4e5f607182";
    private final FakeCairn fake = FakeCairn.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void showJobWithStatsPrintsRatesAndTheLastRuns() {
        fake.on("GET", "/v1/jobs", "[{\"uuid\":\"" + JOB + "\",\"name\":\"nightly\"}]");
        fake.on("GET", "/v1/job/" + JOB, "{\"uuid\":\"" + JOB + "\",\"name\":\"nightly\",\"paused\":false}");
        fake.on("GET", "/v1/job/" + JOB + "/stats", """
                {"uuid":"%s","name":"nightly","at":"2026-12-03 12:00:00","success_rate_7d":0.8571,"success_rate_30d":0.9,
                 "last_7_days":{"days":7,"ended":7,"succeeded":6,"failed":1,"success_rate":0.8571},
                 "last_30_days":{"days":30,"ended":31,"succeeded":27,"failed":3,"success_rate":0.9},
                 "mean_time_between_failures":345600,"last_success":"2026-12-03 04:00:41","last_failure":"2026-12-02 04:00:05",
                 "runs":[{"task_uuid":"11111111-1111-4111-8111-111111111111","status":"done","started_at":"2026-12-03 04:00:00",
                          "stopped_at":"2026-12-03 04:00:41","duration":41.0,"archive_uuid":"22222222-2222-4222-8222-222222222222",
                          "size":1258291,"stored_size":402653},
                         {"task_uuid":"33333333-3333-4333-8333-333333333333","status":"failed","started_at":"2026-12-02 04:00:00",
                          "stopped_at":"2026-12-02 04:00:05","duration":5.0,"archive_uuid":"","size":0,"stored_size":0}]}"""
                .formatted(JOB));

        CliRun run = CliRun.against(fake, "show", "job", "nightly", "--stats", "--runs", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Name:", "nightly")
                .containsPattern("Success \\(7 days\\): +86% \\(6 of 7 runs; 1 failed\\)")
                .containsPattern("Success \\(30 days\\): +90% \\(27 of 31 runs; 3 failed, 1 canceled\\)")
                .containsPattern("Between failures: +mean 4d \\(30 days\\)")
                .contains("Last runs:")
                .containsPattern("11111111-1111-4111-8111-111111111111 +done +2026-12-03 04:00:00 +41s +1.2 MiB +393.2 KiB")
                .containsPattern("33333333-3333-4333-8333-333333333333 +failed +2026-12-02 04:00:00 +5s +- +-");
        assertThat(fake.requests()).anyMatch(r -> r.path().equals("/v1/job/" + JOB + "/stats") && "2".equals(r.query().get("runs")));
    }
}
