package dev.cairn.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V8 on a catalog at the schema before it: items of one kind sharing a name keep the
 * first one's name and the later ones are renamed "NAME (n)" past names already taken; a
 * retention expiry beyond 100 years comes down to 100 years; and names stay unique afterwards.
 */
final class UniqueNamesMigrationTest {
    @TempDir
    Path temp;

    @Test
    void renamesLaterDuplicatesOnSqlite() {
        check("jdbc:sqlite:" + temp.resolve("catalog.db"), "sqlite");
    }

    @Test
    void renamesLaterDuplicatesOnPostgres() {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            check(postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password(), "postgresql");
        }
    }

    private static void check(String url, String dialect) {
        Flyway.configure().dataSource(url, null, null)
                .locations("classpath:db/catalog", "classpath:db/scheduler/" + dialect)
                .target("6").load().migrate();
        Jdbi before = Jdbi.create(url);
        List<String> targets = List.of("db", "db", "db (2)", "db", "other");
        List<String> uuids = targets.stream().map(name -> {
            String uuid = UUID.randomUUID().toString();
            before.useHandle(h -> h.createUpdate("INSERT INTO targets (uuid, name, plugin, endpoint) VALUES (:u, :n, 'fs', '{}')")
                    .bind("u", uuid).bind("n", name).execute());
            return uuid;
        }).toList();
        before.useHandle(h -> {
            h.execute("INSERT INTO retention (uuid, name, expiry) VALUES ('r1', 'forever', 9223372036854775807)");
            h.execute("INSERT INTO retention (uuid, name, expiry) VALUES ('r2', 'forever', 86400)");
            h.execute("INSERT INTO schedules (uuid, name, timespec) VALUES ('s1', 'daily', 'daily at 4am')");
            h.execute("INSERT INTO schedules (uuid, name, timespec) VALUES ('s2', 'daily', 'daily at 5am')");
        });

        try (Catalog catalog = Catalog.open(url)) {
            Jdbi jdbi = catalog.jdbi();
            List<String> names = uuids.stream().map(uuid -> jdbi.withHandle(h -> h.createQuery(
                    "SELECT name FROM targets WHERE uuid = :u").bind("u", uuid).mapTo(String.class).one())).toList();
            assertThat(names).as(dialect).containsExactly("db", "db (3)", "db (2)", "db (4)", "other");
            List<String> policies = jdbi.withHandle(h -> h.createQuery("SELECT name FROM retention ORDER BY uuid")
                    .mapTo(String.class).list());
            assertThat(policies).containsExactly("forever", "forever (2)");
            long expiry = jdbi.withHandle(h -> h.createQuery("SELECT expiry FROM retention WHERE uuid = 'r1'")
                    .mapTo(Long.class).one());
            assertThat(expiry).isEqualTo(RetentionPolicy.MAXIMUM_EXPIRY);
            List<String> schedules = jdbi.withHandle(h -> h.createQuery("SELECT name FROM schedules ORDER BY uuid")
                    .mapTo(String.class).list());
            assertThat(schedules).containsExactly("daily", "daily (2)");

            // the index keeps names unique even past the repositories' own check
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                    "INSERT INTO targets (uuid, name, plugin, endpoint) VALUES ('x', 'db', 'fs', '{}')")))
                    .hasMessageContaining("targets");
            RetentionPolicies repository = new RetentionPolicies(jdbi);
            assertThatThrownBy(() -> repository.insert(new RetentionPolicy(UUID.randomUUID(), "forever", "", 7200)))
                    .isInstanceOf(CairnException.Conflict.class).hasMessageContaining("forever", "r1");
        }
    }
}
