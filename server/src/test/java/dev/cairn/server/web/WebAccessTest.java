package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.core.schedule.Timespec;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI as people of different teams and roles see it, over HTTP through the token login:
 * a developer of team alpha sees alpha's things only, gets a 404 for bravo's, no button they may
 * not press, and a refusal (audited as denied) for a post forged with their own session's form
 * token; an operator of alpha restores and edits; the admin sees everything and manages users,
 * teams and memberships; anyone manages their own tokens; the audit page shows each their share.
 */
class WebAccessTest {
    private static final Pattern SECRET = Pattern.compile("id=\"token-secret\">(cairn_[A-Za-z0-9_-]+)<");
    @TempDir
    static Path root;
    static WebFixture web;
    static Access access;
    static Team alpha;
    static Team bravo;
    static User developer;
    static User operator;
    static String developerToken;
    static String operatorToken;
    static Store store;
    static Target alphaTarget;
    static Target bravoTarget;
    static Job alphaJob;
    static Job bravoJob;
    static Archive alphaArchive;
    static Archive alphaSpare;
    static Archive bravoArchive;
    static Task alphaTask;
    static Task bravoTask;

    @BeforeAll
    static void start() throws IOException {
        web = WebFixture.start(root);
        access = web.cairn().access();
        alpha = team("alpha");
        bravo = team("bravo");
        developer = user("dana", alpha, Role.DEVELOPER);
        operator = user("oscar", alpha, Role.OPERATOR);
        developerToken = access.tokens().create(developer.uuid(), "web", null).secret();
        operatorToken = access.tokens().create(operator.uuid(), "web", null).secret();

        var catalog = web.cairn().catalog();
        store = new Store(UUID.randomUUID(), "shared vault", "", "fs",
                Map.of("path", Files.createDirectories(root.resolve("store")).toString()));
        catalog.stores().insert(store);
        Schedule schedule = new Schedule(UUID.randomUUID(), "nightly", "", Timespec.parse("daily 4am"), ZoneId.of("UTC"));
        catalog.schedules().insert(schedule);
        RetentionPolicy week = new RetentionPolicy(UUID.randomUUID(), "a week", "", 7 * 86400);
        catalog.retention().insert(week);
        alphaTarget = target("alpha-db", alpha);
        bravoTarget = target("bravo-db", bravo);
        alphaJob = job("alpha nightly", alphaTarget, schedule, week);
        bravoJob = job("bravo nightly", bravoTarget, schedule, week);
        alphaArchive = archive(alphaTarget, "alpha archive");
        alphaSpare = archive(alphaTarget, "alpha spare");
        bravoArchive = archive(bravoTarget, "bravo archive");
        alphaTask = failedTask(alphaJob, alphaTarget, "alpha broke");
        bravoTask = failedTask(bravoJob, bravoTarget, "bravo broke");
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void aDeveloperSeesOnlyTheirTeamOnEveryList() {
        try (FormClient dana = FormClient.logIn(web, developerToken)) {
            for (String page : List.of("/", "/targets", "/jobs", "/archives", "/tasks", "/tasks?status=failed")) {
                HttpResponse<String> response = dana.get(page);
                assertThat(response.statusCode()).as(page).isEqualTo(200);
                assertThat(response.body()).as(page).doesNotContain("bravo-db", "bravo nightly", "bravo archive",
                        "/tasks/" + bravoTask.uuid());
            }
            assertThat(dana.get("/").body()).contains("alpha nightly", "/tasks/" + alphaTask.uuid(), "dana", "Log out");
            assertThat(dana.get("/targets").body()).contains("alpha-db");
            assertThat(dana.get("/jobs").body()).contains("alpha nightly");
            assertThat(dana.get("/archives").body()).contains("alpha archive");
            assertThat(dana.get("/tasks").body()).contains("alpha nightly → backup of alpha-db");
            // a filter naming another team's job finds nothing and does not name it
            assertThat(dana.get("/tasks?job=" + bravoJob.uuid()).body()).doesNotContain("bravo nightly", "/tasks/" + bravoTask.uuid());
            assertThat(dana.get("/archives?job=" + bravoJob.uuid()).body()).doesNotContain("bravo archive");
        }
    }

    @Test
    void anotherTeamsItemPagesAreNotFound() {
        try (FormClient dana = FormClient.logIn(web, developerToken)) {
            for (String page : List.of("/targets/" + bravoTarget.uuid(), "/jobs/" + bravoJob.uuid(), "/tasks/" + bravoTask.uuid(),
                    "/archives/" + bravoArchive.uuid() + "/restore", "/archives/" + bravoArchive.uuid() + "/delete",
                    "/targets/" + bravoTarget.uuid() + "/delete", "/jobs/" + bravoJob.uuid() + "/delete")) {
                HttpResponse<String> response = dana.get(page);
                assertThat(response.statusCode()).as(page).isEqualTo(404);
                assertThat(response.body()).as(page).doesNotContain("bravo-db", "bravo nightly");
            }
            assertThat(dana.post("/archives/" + bravoArchive.uuid() + "/restore", Map.of()).statusCode()).isEqualTo(404);
            assertThat(dana.post("/jobs/" + bravoJob.uuid() + "/run", Map.of()).statusCode()).isEqualTo(404);
            assertThat(dana.get("/targets/" + alphaTarget.uuid()).statusCode()).isEqualTo(200);
            assertThat(dana.get("/tasks/" + alphaTask.uuid()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDeveloperSeesNoButtonTheyMayNotPress() {
        try (FormClient dana = FormClient.logIn(web, developerToken)) {
            String archives = dana.get("/archives").body();
            assertThat(archives).contains("/archives/" + alphaArchive.uuid() + "/verify")
                    .doesNotContain("/restore", "/delete");
            String jobs = dana.get("/jobs").body();
            assertThat(jobs).contains("/jobs/" + alphaJob.uuid() + "/run")
                    .doesNotContain("/jobs/new", "/delete", "/pause", ">Edit<");
            String targets = dana.get("/targets").body();
            assertThat(targets).doesNotContain("/targets/new", "/delete", ">Edit<").contains(">View<");
            String target = dana.get("/targets/" + alphaTarget.uuid()).body();
            assertThat(target).contains("id=\"read-only\"").doesNotContain(">Save<", "Test connection");
            String job = dana.get("/jobs/" + alphaJob.uuid()).body();
            assertThat(job).contains("id=\"read-only\"", "name=\"run\"").doesNotContain(">Save<", "/restore");
            assertThat(dana.get("/stores").body()).contains("shared vault").doesNotContain("/stores/new", "Test now");
            assertThat(dana.get("/schedules").body()).contains("nightly").doesNotContain("/schedules/new", ">Edit<");
            assertThat(dana.get("/").body()).doesNotContain("Getting started", ">Users<").contains(">Audit<");
            assertThat(dana.get("/jobs/new").statusCode()).isEqualTo(403);
            assertThat(dana.get("/stores/new").statusCode()).isNotEqualTo(200);
        }
    }

    @Test
    void aForgedPostIsRefusedNamingThePermissionAndAuditedAsDenied() {
        try (FormClient dana = FormClient.logIn(web, developerToken)) {
            HttpResponse<String> restore = dana.post("/archives/" + alphaArchive.uuid() + "/restore",
                    Map.of("target", alphaTarget.uuid().toString()));
            assertThat(restore.statusCode()).isEqualTo(403);
            assertThat(restore.body()).contains("Refused", "permission 'restore' is needed");
            HttpResponse<String> delete = dana.post("/archives/" + alphaArchive.uuid() + "/delete", Map.of());
            assertThat(delete.statusCode()).isEqualTo(403);
            assertThat(delete.body()).contains("manage-tasks");
            HttpResponse<String> edit = dana.post("/targets/" + alphaTarget.uuid(), Map.of("name", "renamed", "plugin", "fs",
                    "summary", "", "agent", "", "team", alpha.uuid().toString(), "endpoint.path", root.resolve("data-alpha-db").toString()));
            assertThat(edit.statusCode()).isEqualTo(403);
            assertThat(edit.body()).contains("edit-config");
            HttpResponse<String> create = dana.post("/targets", Map.of("name", "sneaky", "plugin", "fs",
                    "team", alpha.uuid().toString(), "endpoint.path", root.resolve("data-alpha-db").toString()));
            assertThat(create.statusCode()).isEqualTo(403);
            HttpResponse<String> jobDelete = dana.post("/jobs/" + alphaJob.uuid() + "/delete", Map.of());
            assertThat(jobDelete.statusCode()).isEqualTo(403);
            assertThat(jobDelete.body()).contains("edit-config");
            assertThat(dana.post("/jobs/" + alphaJob.uuid() + "/pause", Map.of()).statusCode()).isEqualTo(403);
            assertThat(dana.post("/retention", Map.of("name", "forever-ish", "expires", "9", "unit", "days")).statusCode())
                    .isEqualTo(403);
            assertThat(dana.post("/users", Map.of("name", "mallory")).statusCode()).isEqualTo(403);
            assertThat(dana.post("/tasks/" + alphaTask.uuid() + "/cancel", Map.of()).statusCode()).isEqualTo(403);
        }
        var catalog = web.cairn().catalog();
        assertThat(catalog.archives().get(alphaArchive.uuid()).status()).isEqualTo(Archive.Status.VALID);
        assertThat(catalog.targets().get(alphaTarget.uuid()).name()).isEqualTo("alpha-db");
        assertThat(catalog.targets().list(null, dev.cairn.core.catalog.Usage.ANY)).extracting(Target::name).doesNotContain("sneaky");
        assertThat(catalog.jobs().find(alphaJob.uuid())).isPresent();
        assertThat(catalog.jobs().get(alphaJob.uuid()).paused()).isFalse();
        assertThat(access.users().findByName("mallory")).isEmpty();
        List<AuditEntry> denied = access.audit().page(new AuditFilter(developer.uuid(), null, null, null, null, null),
                TeamScope.ALL, null, 0, 100).items().stream().filter(e -> e.outcome() == AuditEntry.Outcome.DENIED).toList();
        assertThat(denied).extracting(AuditEntry::action).contains("restore", "archive.delete", "target.update",
                "target.create", "job.delete", "job.pause", "retention.create", "user.create", "task.cancel");
        assertThat(denied).filteredOn(e -> e.action().equals("restore")).first()
                .satisfies(e -> assertThat(e.detail()).contains("permission 'restore' is needed"));
    }

    @Test
    void anOperatorSeesTheButtonsRestoresAndEditsTheirTeamsTargets() {
        try (FormClient oscar = FormClient.logIn(web, operatorToken)) {
            String archives = oscar.get("/archives").body();
            assertThat(archives).contains("/archives/" + alphaArchive.uuid() + "/restore",
                    "/archives/" + alphaArchive.uuid() + "/delete").doesNotContain("bravo archive");
            assertThat(oscar.get("/jobs").body()).contains("/jobs/new", "/jobs/" + alphaJob.uuid() + "/delete");
            String form = oscar.get("/targets/new").body();
            assertThat(form).contains("name=\"team\"", ">alpha<").doesNotContain(">bravo<", "(no team)");

            String restorePage = oscar.get("/archives/" + alphaArchive.uuid() + "/restore").body();
            assertThat(restorePage).contains("alpha-db").doesNotContain("bravo-db");
            // the spare: this restore runs and fails (there is no object), which may mark it damaged
            HttpResponse<String> restore = oscar.post("/archives/" + alphaSpare.uuid() + "/restore",
                    Map.of("target", alphaTarget.uuid().toString()));
            assertThat(restore.statusCode()).isEqualTo(303);
            assertThat(restore.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/tasks/"));
            // into another team's target: not found, as that target does not exist for them
            assertThat(oscar.post("/archives/" + alphaSpare.uuid() + "/restore",
                    Map.of("target", bravoTarget.uuid().toString())).statusCode()).isEqualTo(404);

            HttpResponse<String> created = oscar.post("/targets", Map.of("name", "alpha-files", "summary", "", "plugin", "fs",
                    "agent", "", "endpoint.path", root.resolve("data-alpha-db").toString()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
            Target made = web.cairn().catalog().targets().list(null, dev.cairn.core.catalog.Usage.ANY).stream()
                    .filter(t -> t.name().equals("alpha-files")).findFirst().orElseThrow();
            assertThat(made.team()).as("their only team, by default").isEqualTo(alpha.uuid());
            HttpResponse<String> moved = oscar.post("/targets/" + made.uuid(), Map.of("name", "alpha-files", "plugin", "fs",
                    "team", bravo.uuid().toString(), "endpoint.path", root.resolve("data-alpha-db").toString()));
            assertThat(moved.statusCode()).isEqualTo(400);
            assertThat(web.cairn().catalog().targets().get(made.uuid()).team()).isEqualTo(alpha.uuid());
            assertThat(oscar.post("/targets/" + made.uuid() + "/delete", Map.of()).statusCode()).isEqualTo(303);
        }
        List<AuditEntry> rows = access.audit().page(new AuditFilter(operator.uuid(), null, null, null, null, null),
                TeamScope.ALL, null, 0, 100).items();
        assertThat(rows).filteredOn(e -> e.outcome() == AuditEntry.Outcome.OK).extracting(AuditEntry::action)
                .contains("restore", "target.create", "target.delete");
        assertThat(rows).filteredOn(e -> e.action().equals("target.create")).first()
                .satisfies(e -> assertThat(e.team()).isEqualTo(alpha.uuid()));
    }

    @Test
    void theAdminSeesEverything() {
        try (FormClient admin = FormClient.logIn(web)) {
            assertThat(admin.get("/targets").body()).contains("alpha-db", "bravo-db");
            assertThat(admin.get("/jobs").body()).contains("alpha nightly", "bravo nightly");
            assertThat(admin.get("/archives").body()).contains("alpha archive", "bravo archive");
            assertThat(admin.get("/tasks").body()).contains("/tasks/" + alphaTask.uuid(), "/tasks/" + bravoTask.uuid());
            assertThat(admin.get("/").body()).contains("/tasks/" + alphaTask.uuid(), "/tasks/" + bravoTask.uuid(), ">Users<",
                    ">Teams<", ">Audit<");
            assertThat(admin.get("/targets/new").body()).contains("(no team)", ">alpha<", ">bravo<");
            assertThat(admin.get("/jobs/" + bravoJob.uuid()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theAdminManagesUsersTeamsAndMembers() {
        try (FormClient admin = FormClient.logIn(web)) {
            assertThat(admin.post("/users", Map.of("name", "carol", "display_name", "Carol C", "password", "correct horse battery"))
                    .statusCode()).isEqualTo(303);
            User carol = access.users().findByName("carol").orElseThrow();
            assertThat(carol.passwordHash()).startsWith("$argon2id$");
            assertThat(admin.get("/users").body()).contains("carol", "Carol C");
            assertThat(admin.post("/users/" + carol.uuid(), Map.of("display_name", "Carol Cook", "admin", "true")).statusCode())
                    .isEqualTo(303);
            assertThat(access.users().get(carol.uuid())).satisfies(u -> {
                assertThat(u.displayName()).isEqualTo("Carol Cook");
                assertThat(u.admin()).isTrue();
                assertThat(u.passwordHash()).as("kept when left empty").isEqualTo(carol.passwordHash());
            });
            assertThat(admin.post("/users", Map.of("name", "short", "password", "abc")).statusCode()).isEqualTo(400);

            assertThat(admin.post("/teams", Map.of("name", "charlie", "summary", "the third")).statusCode()).isEqualTo(303);
            Team charlie = access.teams().findByName("charlie").orElseThrow();
            String base = "/teams/" + charlie.uuid();
            assertThat(admin.post(base + "/members", Map.of("user", "carol", "role", "viewer")).statusCode()).isEqualTo(303);
            assertThat(admin.get(base).body()).contains("id=\"member-carol\"", "Change role");
            assertThat(admin.post(base + "/members", Map.of("user", "carol", "role", "operator")).statusCode()).isEqualTo(303);
            assertThat(access.teams().members(charlie.uuid())).singleElement()
                    .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OPERATOR));
            assertThat(admin.post(base + "/members", Map.of("user", "nobody", "role", "viewer")).statusCode()).isEqualTo(400);
            assertThat(admin.post(base + "/members/" + carol.uuid() + "/remove", Map.of()).statusCode()).isEqualTo(303);
            assertThat(access.teams().members(charlie.uuid())).isEmpty();

            assertThat(admin.get("/users/" + carol.uuid() + "/delete").body()).contains("Delete user 'carol'?");
            assertThat(admin.post("/users/" + carol.uuid() + "/delete", Map.of()).statusCode()).isEqualTo(303);
            assertThat(access.users().findByName("carol")).isEmpty();
            assertThat(admin.post(base + "/delete", Map.of()).statusCode()).isEqualTo(303);
            assertThat(access.teams().findByName("charlie")).isEmpty();
            // a team that still owns a target stays
            assertThat(admin.post("/teams/" + bravo.uuid() + "/delete", Map.of()).statusCode()).isEqualTo(409);
        }
        assertThat(access.audit().page(new AuditFilter(null, null, null, null, null, null), TeamScope.ALL, null, 0, 500).items())
                .filteredOn(e -> e.outcome() == AuditEntry.Outcome.OK).extracting(AuditEntry::action)
                .contains("user.create", "user.update", "user.delete", "team.create", "member.set", "member.remove", "team.delete");
        try (FormClient dana = FormClient.logIn(web, developerToken)) {
            assertThat(dana.get("/users").statusCode()).isEqualTo(403);
            String teams = dana.get("/teams").body();
            assertThat(teams).contains("alpha").doesNotContain("bravo", "Create team");
            assertThat(dana.get("/teams/" + alpha.uuid()).body()).contains("dana", "oscar").doesNotContain("Add member");
            assertThat(dana.get("/teams/" + bravo.uuid()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anyoneMakesATokenSeesItOnceAndRevokesIt() {
        try (FormClient dana = FormClient.logIn(web, developerToken)) {
            HttpResponse<String> made = dana.post("/tokens", Map.of("name", "nightly-script", "expires_days", "30"));
            assertThat(made.statusCode()).isEqualTo(200);
            Matcher secret = SECRET.matcher(made.body());
            assertThat(secret.find()).as(made.body()).isTrue();
            String token = secret.group(1);
            assertThat(dana.api("/v1/status", token).statusCode()).isEqualTo(200);

            String list = dana.get("/tokens").body();
            assertThat(list).contains("nightly-script", "web").doesNotContain(token);
            var listed = access.tokens().list(developer.uuid()).stream().filter(t -> t.name().equals("nightly-script"))
                    .findFirst().orElseThrow();
            assertThat(listed.expiresAt()).isNotNull();
            assertThat(dana.post("/tokens/" + listed.uuid() + "/revoke", Map.of()).statusCode()).isEqualTo(303);
            assertThat(dana.api("/v1/status", token).statusCode()).isEqualTo(401);
            assertThat(dana.get("/tokens").body()).contains("revoked").doesNotContain("<td data-label=\"Name\">nightly-script<");
            // another user's token is not theirs to revoke
            var oscars = access.tokens().list(operator.uuid()).getFirst();
            assertThat(dana.post("/tokens/" + oscars.uuid() + "/revoke", Map.of()).statusCode()).isEqualTo(404);
            assertThat(dana.post("/tokens", Map.of("name", "bad", "expires_days", "0")).statusCode()).isEqualTo(400);
        }
        assertThat(access.audit().page(new AuditFilter(developer.uuid(), null, "token.", null, null, null), TeamScope.ALL, null,
                0, 50).items()).extracting(AuditEntry::action).contains("token.create", "token.revoke");
    }

    @Test
    void theAuditPageShowsEachTheirShare() {
        access.record(access.principal(access.users().findByName("admin").orElseThrow(), "", "test"), "store.update",
                new dev.cairn.core.access.AuditObject("store", store.uuid(), "admin-only-row", null), AuditEntry.Outcome.OK, "");
        access.record(access.principal(operator, "", "test"), "target.update",
                dev.cairn.core.access.AuditObject.of(alphaTarget), AuditEntry.Outcome.OK, "oscar-alpha-row");
        try (FormClient admin = FormClient.logIn(web)) {
            String all = admin.get("/audit").body();
            assertThat(all).contains("admin-only-row", "oscar-alpha-row");
            String filtered = admin.get("/audit?user=oscar&action=target.").body();
            assertThat(filtered).contains("oscar-alpha-row").doesNotContain("admin-only-row");
            assertThat(admin.get("/audit?user=nobody-here").statusCode()).isEqualTo(400);
        }
        try (FormClient dana = FormClient.logIn(web, developerToken)) {
            // a developer has no view-audit: only their own rows
            String mine = dana.get("/audit").body();
            assertThat(mine).doesNotContain("admin-only-row", "oscar-alpha-row").contains("dana");
        }
        try (FormClient oscar = FormClient.logIn(web, operatorToken)) {
            // an operator reads their team's rows
            assertThat(oscar.get("/audit").body()).contains("oscar-alpha-row").doesNotContain("admin-only-row");
        }
    }

    private static Team team(String name) {
        Team team = new Team(UUID.randomUUID(), name, "");
        access.teams().insert(team);
        return team;
    }

    private static User user(String name, Team team, Role role) {
        User user = new User(UUID.randomUUID(), name, "", null, false, User.LOCAL, Instant.now());
        access.users().insert(user);
        access.teams().setMember(team.uuid(), user.uuid(), role, "local");
        return user;
    }

    private static Target target(String name, Team team) {
        Path data;
        try {
            data = Files.createDirectories(root.resolve("data-" + name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Target target = new Target(UUID.randomUUID(), name, "", "fs", Map.of("path", data.toString()), "").ownedBy(team.uuid());
        web.cairn().catalog().targets().insert(target);
        return target;
    }

    private static Job job(String name, Target target, Schedule schedule, RetentionPolicy retention) {
        Job job = new Job(UUID.randomUUID(), name, "", target.uuid(), store.uuid(), schedule.uuid(), retention.uuid(), 50, false,
                null, List.of(), false);
        web.cairn().catalog().jobs().insert(job);
        return job;
    }

    private static Archive archive(Target target, String notes) {
        Instant taken = Instant.now().minusSeconds(3600);
        Archive archive = new Archive(UUID.randomUUID(), target.uuid(), "fs", store.uuid(), null, notes + "-key",
                notes + "-key.manifest.json", taken, taken.plusSeconds(86400 * 30), notes, Archive.Status.VALID,
                10, 5, "0".repeat(64), "zstd", "age");
        web.cairn().catalog().archives().insert(archive);
        return web.cairn().catalog().archives().get(archive.uuid());
    }

    private static Task failedTask(Job job, Target target, String reason) {
        Instant now = Instant.now();
        // running, which no runner claims, then failed now
        Task task = new Task(UUID.randomUUID(), "tester", Task.Op.BACKUP, job.uuid(), null, target.uuid(), store.uuid(),
                TaskStatus.RUNNING, 50, now.minusSeconds(60), now.minusSeconds(50), now.minusSeconds(40), null,
                "started\nfailed: " + reason + "\n");
        web.cairn().catalog().tasks().insert(task);
        web.cairn().catalog().tasks().finish(task.uuid(), TaskStatus.FAILED, now);
        return web.cairn().catalog().tasks().get(task.uuid());
    }
}
