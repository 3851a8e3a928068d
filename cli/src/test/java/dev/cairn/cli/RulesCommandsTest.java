package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn show rules}, {@code cairn edit rules --file} and {@code cairn check rules} over the rules API. */
class RulesCommandsTest {
    private static final String TARGET = "6b1f3c58-1d3e-4f7a-9d2b-3c4e5f607182";
    private static final String TARGETS = "[{\"uuid\":\"" + TARGET + "\",\"name\":\"shop-db\"}]";
    private final FakeCairn fake = FakeCairn.start();
    @TempDir
    Path temp;

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void showPrintsTheDocumentOfTheVersionAskedFor() {
        fake.on("GET", "/v1/targets", TARGETS);
        fake.on("GET", "/v1/target/" + TARGET + "/rules", """
                {"target_uuid":"%s","version":3,"document":"tables:\\n  users: drop\\n","saved_at":"2026-12-03 12:00:00",
                 "saved_by":"ada","versions":[3,2,1]}""".formatted(TARGET));
        CliRun run = CliRun.against(fake, "show", "rules", "shop-db", "--version", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("version 3").contains("by ada").contains("users: drop");
        assertThat(fake.requests()).anyMatch(r -> r.path().endsWith("/rules") && "3".equals(r.query().get("version")));
    }

    @Test
    void editSendsTheFileAsTheDocument() throws Exception {
        Path file = Files.writeString(temp.resolve("rules.yaml"), "tables:\n  users: drop\n");
        fake.on("GET", "/v1/targets", TARGETS);
        fake.on("PUT", "/v1/target/" + TARGET + "/rules", "{\"target_uuid\":\"" + TARGET + "\",\"version\":4}");
        CliRun run = CliRun.against(fake, "edit", "rules", "shop-db", "--file", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("version 4");
        assertThat(fake.only("PUT", "/v1/target/" + TARGET + "/rules").json().path("document").stringValue())
                .isEqualTo("tables:\n  users: drop\n");
    }

    @Test
    void checkPrintsTheReportAndThePreviewAndFailsOnProblems() {
        fake.on("GET", "/v1/targets", TARGETS);
        fake.on("POST", "/v1/target/" + TARGET + "/rules/check", """
                {"ok":false,"problems":["public.users.ssn has no rule (strict mode)"],
                 "personal":[{"table":"public.users","column":"ssn","marked_safe":false}],
                 "archive_uuid":"22222222-2222-4222-8222-222222222222","archive_taken_at":"2026-12-03 04:00:00","rules_version":2}""");
        fake.on("POST", "/v1/target/" + TARGET + "/rules/preview", """
                {"ok":false,"problems":[],"personal":[],"archive_uuid":"22222222-2222-4222-8222-222222222222","rules_version":2,
                 "tables":[{"table":"public.users","rows":"keep","total":2,"selected":-1,"columns":["id","email"],
                            "before":[["1","ada@corp.test"]],"after":[["1","4228ae62"]]}]}""");
        CliRun run = CliRun.against(fake, "check", "rules", "shop-db", "--rows", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("1 problem(s)").contains("problem: public.users.ssn has no rule")
                .contains("looks personal: public.users.ssn (no rule)")
                .contains("before: id=1, email=ada@corp.test").contains("after:  id=1, email=4228ae62");
        assertThat(fake.requests()).anyMatch(r -> r.path().endsWith("/preview") && "1".equals(r.query().get("rows")));
    }
}
