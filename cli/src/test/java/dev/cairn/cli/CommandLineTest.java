package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the CLI says about a command line it cannot run: all of it before any request is made. */
class CommandLineTest {

    @Test
    void aBadDurationIsAUsageErrorThatShowsTheValueAndTheAcceptedForms() {
        CliRun run = CliRun.offline("create", "retention", "policy", "--name", "month", "--expires", "7x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Invalid value for option '--expires': '7x' is not a duration")
                .contains("90m, 12h, 7d, 4w")
                .contains("see 'cairn create retention --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownNounNamesTheNounsTheVerbTakes() {
        CliRun run = CliRun.offline("list", "frobs");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: unknown noun 'frobs' for 'cairn list' (expected one of: targets, "
                + "stores, schedules, retention, jobs, archives, tasks, plugins, agents, users, teams, tokens, audit, images, instances, notifications)");
    }

    @Test
    void anUnknownVerbIsAnUnknownCommand() {
        CliRun run = CliRun.offline("frobnicate", "target", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: unknown command 'frobnicate' for 'cairn'").contains("create, list, show");
    }

    @Test
    void aVerbWithoutANounAsksWhat() {
        CliRun run = CliRun.offline("pause");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: cairn pause what? Give one of: job");
    }

    @Test
    void aNounOnlyAnotherVerbTakesIsUnknownForThisVerb() {
        CliRun run = CliRun.offline("pause", "target", "web");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown noun 'target' for 'cairn pause' (expected one of: job)");
    }

    @Test
    void usedAndUnusedExcludeEachOther() {
        CliRun run = CliRun.offline("list", "stores", "--used", "--unused");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: --used, --unused are mutually exclusive");
    }

    @Test
    void anEndpointMustBeAJsonObject() {
        CliRun notJson = CliRun.offline("create", "target", "--name", "web", "--plugin", "fs", "--endpoint", "path=/srv");
        CliRun notAnObject = CliRun.offline("create", "store", "--name", "s", "--plugin", "fs", "--endpoint", "[1]");

        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("Invalid value for option '--endpoint': 'path=/srv' is not JSON");
        assertThat(notAnObject.exitCode()).isEqualTo(2);
        assertThat(notAnObject.err()).contains("'[1]' is not a JSON object");
    }

    @Test
    void aDayMustBeARealDateWrittenYyyymmdd() {
        CliRun run = CliRun.offline("list", "archives", "--before", "20260230");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'20260230' is not a day written YYYYMMDD");
    }

    @Test
    void aTaskStatusMustBeOneTheApiKnows() {
        CliRun run = CliRun.offline("list", "tasks", "--status", "finished");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--status'").contains("'finished'");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        CliRun run = CliRun.offline("create", "job", "--name", "nightly", "--target", "web");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options").contains("--store").contains("--schedule")
                .contains("--retention");
    }

    @Test
    void anEditThatChangesNothingIsRefused() {
        CliRun run = CliRun.offline("edit", "schedule", "daily");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nothing to change: give at least one of --name, --summary, --when, --timezone");
    }

    @Test
    void onlyTheWordPolicyMayComeBetweenRetentionAndTheName() {
        CliRun run = CliRun.offline("delete", "retention", "plan", "month");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unexpected argument 'month'");
    }

    @Test
    void anInvalidUrlIsReportedWithWhereItCameFrom() {
        CliRun run = CliRun.of(Map.of("CAIRN_URL", "localhost:8080"), Path.of("."),
                "list", "targets");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: invalid Cairn URL 'localhost:8080' (from CAIRN_URL)");
    }

    @Test
    void helpListsEveryVerbAndExitsZero() {
        CliRun run = CliRun.offline("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: cairn")
                .contains("create", "list", "show", "edit", "delete", "pause", "unpause", "run", "restore", "cancel")
                .contains("CAIRN_TOKEN_FILE");
    }

    @Test
    void eachVerbAndNounHasItsOwnHelp() {
        CliRun list = CliRun.offline("list", "--help");
        CliRun runJob = CliRun.offline("help", "run");
        CliRun showPolicy = CliRun.offline("show", "retention", "policy", "--help");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("targets, target").contains("retention, policies, policy").contains("plugins");
        assertThat(runJob.out()).contains("Usage: cairn run").contains("job, jobs");
        assertThat(showPolicy.out()).contains("Usage: cairn show retention").contains("POLICY");
    }

    @Test
    void noArgumentsPrintsTheUsageOnStandardErrorAndExitsTwo() {
        CliRun run = CliRun.offline();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: cairn");
    }

    @Test
    void aMistypedVerbGetsTheClosestOneSuggested() {
        CliRun run = CliRun.offline("lst", "jobs");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).contains("did you mean 'list'?");
    }

    @Test
    void aUsageErrorWithJsonIsJson() {
        CliRun run = CliRun.offline("list", "frobs", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("{\"error\":\"unknown noun 'frobs' for 'cairn list'").endsWith("}\n");
    }

    @Test
    void versionIsPrinted() {
        CliRun run = CliRun.offline("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("cairn ");
    }

    @Test
    void helpNamesTheServerRolesToo() {
        assertThat(CliRun.offline("--help").out()).contains("cairn dev", "cairn server", "cairn agent");
    }
}
