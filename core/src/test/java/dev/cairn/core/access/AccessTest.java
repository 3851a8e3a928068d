package dev.cairn.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Catalog;
import dev.cairn.core.catalog.EndpointCodec;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.schedule.Timespec;
import dev.cairn.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people side of the core on a real catalog: API tokens (only their hash kept, expiry on an
 * injected clock, revocation), Argon2id password hashes, the server's admin token kept as the first
 * admin's, sign-in with a token in place of a password, and the team-scoped catalog lists, on SQLite
 * and on PostgreSQL (V9 migrates on both).
 */
class AccessTest {
    private static final Instant START = Instant.parse("2026-11-21T04:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Endpoints as plain JSON: these tests keep no secrets in them. */
    private static final EndpointCodec PLAIN = new EndpointCodec() {
        @Override
        public String encode(String plugin, Map<String, Object> endpoint) {
            return JSON.writeValueAsString(endpoint);
        }

        @Override
        public Map<String, Object> decode(String plugin, String stored) {
            return JSON.readValue(stored, new TypeReference<Map<String, Object>>() { });
        }
    };

    @TempDir
    Path temp;

    @Test
    void aTokenKeepsOnlyItsHashWorksUntilItExpiresAndStopsWhenRevoked() {
        SteppedClock clock = new SteppedClock(START);
        try (Catalog catalog = Catalog.sqlite(temp)) {
            Access access = access(catalog, clock);
            User fred = user(access, "fred", null, false);

            ApiTokens.Created created = access.tokens().create(fred.uuid(), "cli@laptop", START.plus(Duration.ofHours(1)));
            assertThat(created.secret()).startsWith("cairn_").hasSizeGreaterThan(40);
            assertThat(ApiTokens.looksLikeToken(created.secret())).isTrue();
            List<List<String>> rows = rows(catalog.jdbi(), "SELECT hash, name FROM api_tokens WHERE uuid = '"
                    + created.token().uuid() + "'");
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().getFirst()).as("the kept hash").isEqualTo(ApiTokens.hash(created.secret()))
                    .matches("[0-9a-f]{64}").doesNotContain(created.secret().substring(6));
            assertThat(String.join(" ", rows(catalog.jdbi(), "SELECT * FROM api_tokens").getFirst()))
                    .doesNotContain(created.secret());

            assertThat(access.byToken(created.secret(), "10.0.0.1", "token")).hasValueSatisfying(p -> {
                assertThat(p.name()).isEqualTo("fred");
                assertThat(p.address()).isEqualTo("10.0.0.1");
            });
            assertThat(access.tokens().get(fred.uuid(), created.token().uuid()).lastUsedAt()).isEqualTo(START);
            clock.advance(Duration.ofSeconds(30));
            access.byToken(created.secret(), "10.0.0.1", "token").orElseThrow();
            assertThat(access.tokens().get(fred.uuid(), created.token().uuid()).lastUsedAt())
                    .as("written at most once a minute").isEqualTo(START);

            clock.advance(Duration.ofMinutes(59).plusSeconds(29));
            assertThat(access.byToken(created.secret(), "", "token")).as("a second before it expires").isPresent();
            clock.advance(Duration.ofSeconds(1));
            assertThat(access.byToken(created.secret(), "", "token")).as("at its expiry").isEmpty();
            assertThat(access.tokens().list(fred.uuid())).as("an expired token is still listed").hasSize(1);

            ApiTokens.Created forever = access.tokens().create(fred.uuid(), "script", null);
            assertThat(access.byToken(forever.secret(), "", "token")).isPresent();
            assertThatThrownBy(() -> access.tokens().create(fred.uuid(), "script", null))
                    .isInstanceOf(CairnException.Conflict.class).hasMessageContaining("script");
            assertThatThrownBy(() -> access.tokens().create(fred.uuid(), "late", clock.instant()))
                    .isInstanceOf(CairnException.InvalidInput.class).hasMessageContaining("future");
            User bob = user(access, "bob", null, false);
            assertThatThrownBy(() -> access.tokens().revoke(bob.uuid(), forever.token().uuid()))
                    .as("another user's token is not found").isInstanceOf(CairnException.NotFound.class);
            access.tokens().revoke(fred.uuid(), forever.token().uuid());
            assertThat(access.byToken(forever.secret(), "", "token")).isEmpty();
            assertThat(access.tokens().list(fred.uuid())).extracting(ApiToken::name).containsExactly("cli@laptop");
            assertThat(access.byToken("cairn_not-a-token", "", "token")).isEmpty();
        }
    }

    @Test
    void passwordsAreArgon2idPhcStringsThatVerifyOnlyTheirPassword() {
        String hash = PasswordHash.hash("correct horse battery");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain("correct horse");
        assertThat(PasswordHash.hash("correct horse battery")).as("salted: a second hash differs").isNotEqualTo(hash);
        assertThat(PasswordHash.verify("correct horse battery", hash)).isTrue();
        assertThat(PasswordHash.verify("correct horse batterY", hash)).isFalse();
        assertThat(PasswordHash.verify("", hash)).isFalse();
        assertThat(PasswordHash.verify("correct horse battery", "$argon2id$v=19$m=19456,t=2,p=1$bad")).isFalse();
        assertThat(PasswordHash.verify("correct horse battery", null)).isFalse();
        assertThatThrownBy(() -> PasswordHash.checkStrength("short")).isInstanceOf(CairnException.InvalidInput.class)
                .hasMessage("password must be at least 8 characters, got 5");
        PasswordHash.checkStrength("long enough");
    }

    @Test
    void theAdminTokenIsKeptOnceAndAChangedOneReplacesTheOld() {
        SteppedClock clock = new SteppedClock(START);
        try (Catalog catalog = Catalog.sqlite(temp)) {
            Access access = access(catalog, clock);
            User admin = access.keepAdminToken("first-secret");
            User again = access.keepAdminToken("first-secret");
            assertThat(again).isEqualTo(admin);
            assertThat(admin.name()).isEqualTo(Access.FIRST_ADMIN);
            assertThat(admin.admin()).isTrue();
            assertThat(admin.source()).isEqualTo("bootstrap");
            assertThat(access.users().list()).hasSize(1);
            assertThat(access.tokens().list(admin.uuid())).extracting(ApiToken::name).containsExactly(ApiTokens.ADMIN_TOKEN_NAME);
            UUID kept = access.tokens().list(admin.uuid()).getFirst().uuid();
            assertThat(access.byToken("first-secret", "", "token")).hasValueSatisfying(p -> assertThat(p.admin()).isTrue());

            access.keepAdminToken("second-secret");
            assertThat(access.users().list()).hasSize(1);
            assertThat(access.tokens().list(admin.uuid())).hasSize(1).first()
                    .satisfies(t -> assertThat(t.uuid()).isNotEqualTo(kept));
            assertThat(access.byToken("first-secret", "", "token")).as("the old admin token").isEmpty();
            assertThat(access.byToken("second-secret", "", "token")).isPresent();
        }
    }

    @Test
    void aBasicSignInTakesThePasswordOrOneOfTheUsersTokens() {
        SteppedClock clock = new SteppedClock(START);
        try (Catalog catalog = Catalog.sqlite(temp)) {
            Access access = access(catalog, clock);
            User fred = user(access, "fred", "fred's long password", false);
            user(access, "bob", "bob's long password", false);
            String token = access.tokens().create(fred.uuid(), "cli", null).secret();

            assertThat(access.byPassword("fred", "fred's long password", "", "basic"))
                    .hasValueSatisfying(p -> assertThat(p.via()).isEqualTo("basic"));
            assertThat(access.byPassword("fred", token, "", "basic")).hasValueSatisfying(p -> {
                assertThat(p.name()).isEqualTo("fred");
                assertThat(p.via()).isEqualTo("basic+token");
            });
            assertThat(access.byPassword("bob", token, "", "basic")).as("fred's token under bob's name").isEmpty();
            assertThat(access.byPassword("fred", "bob's long password", "", "basic")).isEmpty();
            assertThat(access.byPassword("nobody", "fred's long password", "", "basic")).isEmpty();
            User tokensOnly = user(access, "script", null, false);
            assertThat(access.byPassword(tokensOnly.name(), "anything at all", "", "basic")).isEmpty();
        }
    }

    @Test
    void catalogListsKeepToTheirScopeOnSqlite() {
        try (Catalog catalog = Catalog.sqlite(temp)) {
            checkScopedLists(catalog);
        }
    }

    @Test
    void catalogListsKeepToTheirScopeOnPostgresql() {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            try (Catalog catalog = Catalog.open(url)) {
                checkScopedLists(catalog);
            }
        }
    }

    /** Two teams' targets, jobs, archives and tasks and one of no team: each scope lists exactly its own. */
    private static void checkScopedLists(Catalog catalog) {
        SteppedClock clock = new SteppedClock(START);
        Repositories repositories = Repositories.over(catalog.jdbi(), PLAIN);
        Access access = new Access(catalog.jdbi(), repositories, clock);
        Team shop = new Team(UUID.randomUUID(), "shop", "");
        Team crm = new Team(UUID.randomUUID(), "crm", "");
        access.teams().insert(shop);
        access.teams().insert(crm);
        Store store = new Store(UUID.randomUUID(), "store", "", "fs", Map.of("path", "/backups"));
        Schedule schedule = new Schedule(UUID.randomUUID(), "nightly", "", Timespec.parse("daily 4am"), ZoneId.of("UTC"));
        RetentionPolicy retention = new RetentionPolicy(UUID.randomUUID(), "week", "", 7 * 86400);
        repositories.stores().insert(store);
        repositories.schedules().insert(schedule);
        repositories.retention().insert(retention);
        Map<String, UUID> targets = new java.util.LinkedHashMap<>();
        for (var owner : List.of(Map.entry("shop-db", shop.uuid()), Map.entry("crm-db", crm.uuid()))) {
            targets.put(owner.getKey(), made(repositories, owner.getKey(), owner.getValue(), store, schedule, retention));
        }
        targets.put("old-db", made(repositories, "old-db", null, store, schedule, retention));

        TeamScope onlyShop = TeamScope.of(Set.of(shop.uuid()));
        TeamScope none = TeamScope.of(Set.of());
        Function<TeamScope, List<String>> targetNames = scope -> repositories.targets().list(null, Usage.ANY, scope)
                .stream().map(Target::name).toList();
        assertThat(targetNames.apply(TeamScope.ALL)).containsExactly("crm-db", "old-db", "shop-db");
        assertThat(targetNames.apply(onlyShop)).containsExactly("shop-db");
        assertThat(targetNames.apply(TeamScope.of(Set.of(shop.uuid(), crm.uuid())))).containsExactly("crm-db", "shop-db");
        assertThat(targetNames.apply(none)).isEmpty();

        assertThat(repositories.jobs().list(JobFilter.ALL, TeamScope.ALL)).hasSize(3);
        assertThat(repositories.jobs().list(JobFilter.ALL, onlyShop)).extracting(Job::name).containsExactly("job-shop-db");
        assertThat(repositories.jobs().list(JobFilter.ALL, none)).isEmpty();

        assertThat(repositories.archives().list(ArchiveFilter.ALL, TeamScope.ALL)).hasSize(3);
        assertThat(repositories.archives().list(ArchiveFilter.ALL, onlyShop)).singleElement().satisfies(a -> {
            assertThat(a.target()).isEqualTo(targets.get("shop-db"));
            assertThat(a.team()).as("copied from its target").isEqualTo(shop.uuid());
        });
        assertThat(repositories.archives().page(ArchiveFilter.ALL, onlyShop, 0, 10).total()).isEqualTo(1);
        assertThat(repositories.archives().list(ArchiveFilter.ALL, none)).isEmpty();

        assertThat(repositories.tasks().list(null, TeamScope.ALL, 100)).hasSize(3);
        assertThat(repositories.tasks().list(null, onlyShop, 100)).singleElement().satisfies(t -> {
            assertThat(t.target()).isEqualTo(targets.get("shop-db"));
            assertThat(t.team()).as("copied from its target").isEqualTo(shop.uuid());
        });
        assertThat(repositories.tasks().page(null, null, onlyShop, 0, 10).total()).isEqualTo(1);
        assertThat(repositories.tasks().page(null, null, none, 0, 10).items()).isEmpty();

        Principal member = access.principal(user(access, "dev", null, false), "", "token");
        access.teams().setMember(shop.uuid(), member.user().uuid(), Role.DEVELOPER, User.LOCAL);
        Principal developer = access.principal(member.user(), "", "token");
        assertThat(targetNames.apply(developer.scope())).containsExactly("shop-db");
        assertThatThrownBy(() -> access.target(developer, targets.get("crm-db"), Permission.VIEW))
                .isInstanceOf(CairnException.NotFound.class).hasMessage("no target " + targets.get("crm-db"));
        assertThatThrownBy(() -> access.target(developer, targets.get("shop-db"), Permission.RESTORE))
                .isInstanceOf(CairnException.Forbidden.class).hasMessageContaining("permission 'restore'");
    }

    /** A target of {@code team} with a job, one archive and one finished backup task; returns the target's uuid. */
    private static UUID made(Repositories r, String name, UUID team, Store store, Schedule schedule, RetentionPolicy retention) {
        Target target = new Target(UUID.randomUUID(), name, "", "fs", Map.of("path", "/srv/" + name), "", team);
        r.targets().insert(target);
        Job job = new Job(UUID.randomUUID(), "job-" + name, "", target.uuid(), store.uuid(), schedule.uuid(), retention.uuid(),
                Job.DEFAULT_PRIORITY, false, null, List.of(), false);
        r.jobs().insert(job);
        UUID archive = UUID.randomUUID();
        r.archives().insert(new Archive(archive, target.uuid(), "fs", store.uuid(), job.uuid(), "key/" + name,
                "key/" + name + ".manifest", START, START.plus(Duration.ofDays(7)), "", Archive.Status.VALID, 10, 10,
                "00", "zstd", "age"));
        r.tasks().insert(new Task(UUID.randomUUID(), "system", Task.Op.BACKUP, job.uuid(), archive, target.uuid(), store.uuid(),
                TaskStatus.DONE, Job.DEFAULT_PRIORITY, START, START, START, null, ""));
        return target.uuid();
    }

    private static Access access(Catalog catalog, Clock clock) {
        return new Access(catalog.jdbi(), Repositories.over(catalog.jdbi(), PLAIN), clock);
    }

    private static User user(Access access, String name, String password, boolean admin) {
        User user = new User(UUID.randomUUID(), name, "", password == null ? null : PasswordHash.hash(password), admin,
                User.LOCAL, START);
        access.users().insert(user);
        return user;
    }

    private static List<List<String>> rows(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).map((rs, ctx) -> {
            List<String> row = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(String.valueOf(rs.getString(i)));
            }
            return row;
        }).list());
    }

    /** A clock that moves only when a test moves it. */
    private static final class SteppedClock extends Clock {
        private Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
