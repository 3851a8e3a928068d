package dev.cairn.core.sanitise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Catalog;
import dev.cairn.core.keys.SecretBox;
import dev.cairn.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versioned rules documents and sealed hash keys per target, in the SQLite and the PostgreSQL catalog. */
final class SanitiseRulesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private static final SecretBox BOX = new SecretBox(new byte[32]);
    private static final String V1 = "{\"tables\": {\"users\": {\"columns\": {\"email\": \"hash\"}}}}";
    private static final String V2 = """
            tables:
              users:
                columns:
                  email: hash
                  name: {fake: name}
            """;

    @TempDir
    Path temp;

    @Test
    void sqliteCatalogKeepsVersionsAndOneSealedKeyPerTarget() {
        UUID target;
        byte[] key;
        try (Catalog catalog = Catalog.sqlite(temp)) {
            target = target(catalog, "shop");
            key = exercise(catalog, target);
        }
        try (Catalog catalog = Catalog.sqlite(temp)) {
            SanitiseRules rules = new SanitiseRules(catalog.jdbi(), BOX, CLOCK);
            assertThat(rules.hashKey(target)).as("the key after reopening the catalog").isEqualTo(key);
            assertThat(rules.latest(target).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void postgresCatalogKeepsVersionsAndOneSealedKeyPerTarget() {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            try (Catalog catalog = Catalog.open(url)) {
                exercise(catalog, target(catalog, "shop"));
            }
        }
    }

    private static byte[] exercise(Catalog catalog, UUID target) {
        SanitiseRules rules = new SanitiseRules(catalog.jdbi(), BOX, CLOCK);
        assertThat(rules.latest(target)).isEmpty();
        RulesVersion first = rules.save(target, V1, "alice");
        RulesVersion second = rules.save(target, V2, "bob");
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(rules.latest(target).orElseThrow()).isEqualTo(second);
        assertThat(rules.version(target, 1).orElseThrow().document()).isEqualTo(V1);
        assertThat(rules.version(target, 1).orElseThrow().savedBy()).isEqualTo("alice");
        assertThat(rules.version(target, 3)).isEmpty();
        assertThat(rules.versions(target)).extracting(RulesVersion::version).containsExactly(2, 1);
        assertThat(rules.latest(target).orElseThrow().rules().tables().get("users").columns())
                .containsEntry("name", new ColumnRule.Fake(FakeKind.NAME));

        assertThatThrownBy(() -> rules.save(target, "{\"tables\": {\"users\": {\"columns\": {\"email\": \"hsah\"}}}}", "eve"))
                .isInstanceOf(CairnException.InvalidInput.class)
                .hasMessage("rules: table users, column email: unknown rule 'hsah', expected null, value, hash, fake, mask,"
                        + " shift, sql or safe");
        assertThat(rules.latest(target).orElseThrow().version()).as("a refused document makes no version").isEqualTo(2);
        assertThatThrownBy(() -> rules.save(UUID.randomUUID(), V1, "eve")).isInstanceOf(CairnException.NotFound.class);

        byte[] key = rules.hashKey(target);
        assertThat(key).hasSize(32);
        assertThat(rules.hashKey(target)).isEqualTo(key);
        assertThat(rules.hashKey(target(catalog, "other"))).isNotEqualTo(key);
        String stored = catalog.jdbi().withHandle(h -> h.createQuery("SELECT sealed_key FROM sanitise_keys WHERE target_uuid = :t")
                .bind("t", target.toString()).mapTo(String.class).one());
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(Base64.getEncoder().encodeToString(key));
        return key;
    }

    private static UUID target(Catalog catalog, String name) {
        UUID uuid = UUID.randomUUID();
        catalog.jdbi().useHandle(h -> h.createUpdate("INSERT INTO targets (uuid, name, plugin, endpoint) "
                + "VALUES (:uuid, :name, 'postgres', '{}')").bind("uuid", uuid.toString()).bind("name", name).execute());
        return uuid;
    }
}
