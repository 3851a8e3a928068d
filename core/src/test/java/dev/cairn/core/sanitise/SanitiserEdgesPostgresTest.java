package dev.cairn.core.sanitise;

import static dev.cairn.core.sanitise.SanitiserPostgresTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corners on PostgreSQL: self-references and composite keys in subsets, percent and limit,
 * uuid and identity keys hashed, foreign keys across integer types, non-strict mode, and the
 * rules that do not fit the schema.
 */
final class SanitiserEdgesPostgresTest {
    static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void subsetsFollowSelfReferencesAndCompositeKeysTransitively() throws Exception {
        postgres.createDatabase("tree");
        postgres.execute("tree", """
                CREATE TABLE staff (id integer PRIMARY KEY, manager_id integer REFERENCES staff (id), name text);
                INSERT INTO staff SELECT g, CASE WHEN g = 1 THEN NULL ELSE g / 2 END, 'Person ' || g FROM generate_series(1, 64) g;
                CREATE TABLE orders (id bigint PRIMARY KEY, seller integer REFERENCES staff (id));
                INSERT INTO orders SELECT g, 64 - g FROM generate_series(0, 63) g;
                CREATE TABLE lines (order_id bigint REFERENCES orders (id), line integer, amount integer,
                                    PRIMARY KEY (order_id, line));
                INSERT INTO lines SELECT o, l, o * l FROM generate_series(0, 63) o, generate_series(1, 4) l;
                CREATE TABLE line_notes (order_id bigint, line integer, body text,
                                         FOREIGN KEY (order_id, line) REFERENCES lines (order_id, line));
                INSERT INTO line_notes VALUES (5, 2, 'fragile'), (40, 1, 'gift');
                """);
        String rules = """
                {"tables": {
                  "staff": {"subset": {"limit": 3}, "columns": {"id": "hash", "manager_id": "hash", "name": {"fake": "name"}}},
                  "orders": {"subset": {"where": "false"}, "columns": {"id": "safe", "seller": "hash"}},
                  "lines": {"subset": {"percent": 10}, "columns": {"order_id": "safe", "line": "safe", "amount": {"shift": 3}}},
                  "line_notes": {"columns": {"order_id": "safe", "line": "safe", "body": "safe"}}
                }}""";
        try (Connection connection = postgres.connect("tree")) {
            Sanitiser.run(connection, Rules.parse(rules), KEY, line -> { });
        }
        for (String orphans : List.of(
                "SELECT count(*) FROM staff s LEFT JOIN staff m ON m.id = s.manager_id WHERE s.manager_id IS NOT NULL AND m.id IS NULL",
                "SELECT count(*) FROM orders o LEFT JOIN staff s ON s.id = o.seller WHERE s.id IS NULL",
                "SELECT count(*) FROM lines l LEFT JOIN orders o ON o.id = l.order_id WHERE o.id IS NULL",
                "SELECT count(*) FROM line_notes n LEFT JOIN lines l USING (order_id, line) WHERE l.line IS NULL")) {
            assertThat(postgres.query("tree", orphans)).as(orphans).containsExactly(List.of("0"));
        }
        assertThat(postgres.query("tree", "SELECT count(*) FROM line_notes")).containsExactly(List.of("2"));
        long lines = Long.parseLong(postgres.query("tree", "SELECT count(*) FROM lines").getFirst().getFirst());
        assertThat(lines).as("about 10 per cent of 256 lines, plus the two with notes").isBetween(10L, 60L);
        assertThat(postgres.query("tree", "SELECT count(*) FROM orders").getFirst().getFirst())
                .as("only the orders kept lines reference").isEqualTo(
                        postgres.query("tree", "SELECT count(DISTINCT order_id) FROM lines").getFirst().getFirst());
        assertThat(postgres.query("tree", "SELECT count(*) FROM staff WHERE manager_id IS NULL"))
                .as("every chain of managers reaches the top").containsExactly(List.of("1"));
    }

    @Test
    void partitionsRowsStreamingThroughGetTheirRootsRulesAndTheValuesTheInDatabasePathGives() throws Exception {
        postgres.createDatabase("parts");
        postgres.execute("parts", """
                CREATE TABLE events (id bigint, at date NOT NULL, email text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                INSERT INTO events SELECT g, date '2024-06-01' + g * 3, 'someone' || g || '@private.test'
                  FROM generate_series(1, 100) g;
                """);
        Rules rules = Rules.parse("tables: {events: {columns: {id: hash, at: {shift: 30}, email: hash}}}");
        String text = streamedAndInDatabase("parts", rules);
        assertThat(text).contains("COPY \"public\".\"events\" (id, at, email) FROM stdin;").doesNotContain("@private.test");
        // the streamed rows load into the schema (some shifted into the other partition) as the in-database path left them
        assertThat(postgres.query("parts_streamed", "SELECT id, at, email FROM events ORDER BY id"))
                .hasSize(100).isEqualTo(postgres.query("parts", "SELECT id, at, email FROM events ORDER BY id"));
    }

    @Test
    void shiftLeavesInfinityAndNaNAsTheyAreOnBothPathsAndMovesEveryOtherValue() throws Exception {
        postgres.createDatabase("moments");
        postgres.execute("moments", """
                CREATE TABLE moments (id integer PRIMARY KEY, day date, at timestamp, at_tz timestamptz, amount numeric,
                                      ratio double precision);
                INSERT INTO moments VALUES
                  (1, 'infinity', 'infinity', 'infinity', 'NaN', 'Infinity'),
                  (2, '-infinity', '-infinity', '-infinity', 'Infinity', '-Infinity'),
                  (3, '2026-12-04', '2026-12-04 10:11:12.5', '2026-12-04 10:11:12+01', 12.50, 0.5),
                  (4, NULL, NULL, NULL, '-Infinity', 'NaN');
                """);
        String query = "SELECT id, day, at, at_tz, amount, ratio FROM moments ORDER BY id";
        List<List<String>> before = postgres.query("moments", query);
        Rules rules = Rules.parse("tables: {moments: {columns: {id: safe, day: {shift: 30}, at: {shift: 30}, "
                + "at_tz: {shift: 30}, amount: {shift: 5}, ratio: {shift: 5}}}}");
        streamedAndInDatabase("moments", rules);
        List<List<String>> after = postgres.query("moments", query);
        assertThat(postgres.query("moments_streamed", query)).as("the streamed path").isEqualTo(after);
        assertThat(after).hasSize(4);
        for (int row : List.of(0, 1, 3)) {
            assertThat(after.get(row)).as("row %d, infinite or not a number", row + 1).isEqualTo(before.get(row));
        }
        for (int column = 1; column < 6; column++) {
            assertThat(after.get(2).get(column)).as("column %d of the finite row", column).isNotEqualTo(before.get(2).get(column));
        }
    }

    /**
     * Dumps {@code database}, streams its data through the transformer of {@code rules} into a new
     * database {@code database}_streamed (schema restored first), then applies {@code rules} in
     * {@code database} itself; returns the streamed SQL.
     */
    private static String streamedAndInDatabase(String database, Rules rules) throws Exception {
        assertThat(Sanitiser.streams(rules)).isTrue();
        Path dump = Files.createTempFile(database + "-", ".dump");
        try {
            Map<String, String> password = Map.of("PGPASSWORD", postgres.password());
            String[] connect = {"-h", postgres.host(), "-p", String.valueOf(postgres.port()), "-U", postgres.user()};
            run(password, null, dump, concat(List.of(Binaries.require("pg_dump", "postgresql-client").toString(), "-Fc",
                    database), connect));
            ByteArrayOutputStream script = new ByteArrayOutputStream();
            run(Map.of(), dump, null, Binaries.require("pg_restore", "postgresql-client").toString(), "--section=data", "-f", "-")
                    .transferTo(script);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            try (Connection connection = postgres.connect(database)) {
                Sanitiser.transformer(connection, rules, KEY).transformer()
                        .transform(new java.io.ByteArrayInputStream(script.toByteArray()), streamed);
                Sanitiser.run(connection, rules, KEY, line -> { });
            }
            postgres.createDatabase(database + "_streamed");
            run(password, dump, null, concat(List.of(Binaries.require("pg_restore", "postgresql-client").toString(),
                    "--section=pre-data", "--section=post-data", "-d", database + "_streamed"), connect));
            Path data = Files.createTempFile(database + "-", ".sql");
            try {
                Files.write(data, streamed.toByteArray());
                run(password, data, null, concat(List.of(Binaries.require("psql", "postgresql-client").toString(),
                        "-v", "ON_ERROR_STOP=1", "-q", "-d", database + "_streamed"), connect));
            } finally {
                Files.deleteIfExists(data);
            }
            return streamed.toString(java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    /** Runs {@code command} with {@code in} (or nothing) as stdin and stdout into {@code out} (or returned). */
    private static java.io.InputStream run(Map<String, String> environment, Path in, Path out, String... command)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        if (in != null) {
            builder.redirectInput(in.toFile());
        }
        if (out != null) {
            builder.redirectOutput(out.toFile());
        }
        Process process = builder.start();
        byte[] output = out == null ? process.getInputStream().readAllBytes() : new byte[0];
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return new java.io.ByteArrayInputStream(output);
    }

    @Test
    void uuidAndIdentityKeysHashAndForeignKeysOfAnotherIntegerTypeStillMatch() throws Exception {
        postgres.createDatabase("keys");
        postgres.execute("keys", """
                CREATE TABLE accounts (id uuid PRIMARY KEY, number integer GENERATED ALWAYS AS IDENTITY UNIQUE, owner text);
                INSERT INTO accounts (id, owner) SELECT md5(g::text)::uuid, 'owner ' || g FROM generate_series(1, 50) g;
                CREATE TABLE tokens (account_id uuid REFERENCES accounts (id), account_number bigint REFERENCES accounts (number),
                                     token text PRIMARY KEY);
                INSERT INTO tokens SELECT id, number, 'tok-' || number FROM accounts;
                """);
        List<List<String>> before = postgres.query("keys", "SELECT id, number FROM accounts ORDER BY number");
        String rules = """
                tables:
                  accounts: {columns: {id: hash, number: hash, owner: {fake: company}}}
                  tokens: {columns: {account_id: hash, account_number: hash, token: hash}}
                """;
        try (Connection connection = postgres.connect("keys")) {
            Sanitiser.run(connection, Rules.parse(rules), KEY, line -> { });
        }
        assertThat(postgres.query("keys", "SELECT count(*) FROM tokens t JOIN accounts a ON a.id = t.account_id "
                + "AND a.number = t.account_number")).containsExactly(List.of("50"));
        List<List<String>> after = postgres.query("keys", "SELECT id, number FROM accounts ORDER BY number");
        assertThat(after).hasSize(50).doesNotContainAnyElementsOf(before);
        assertThat(postgres.query("keys", "SELECT count(*) FROM tokens WHERE token LIKE 'tok-%'")).containsExactly(List.of("0"));
    }

    @Test
    void rulesThatDoNotFitAreAllNamedBeforeAnythingChanges() throws Exception {
        postgres.createDatabase("misfit");
        postgres.execute("misfit", """
                CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, balance numeric(10, 2), ip inet);
                CREATE TABLE logins (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), at timestamptz, client_ip inet);
                CREATE TABLE extra (a text);
                INSERT INTO users VALUES (1, 'a@corp.test', 10, '10.0.0.1');
                INSERT INTO logins (user_id, at, client_ip) VALUES (1, now(), '10.0.0.2');
                """);
        String rules = """
                {"tables": {
                  "users": "drop",
                  "logins": {"columns": {"id": "safe", "user_id": "null", "at": {"shift": 2}, "client_ip": "hash"}},
                  "ghosts": "keep",
                  "public.extra": {"subset": {"limit": 1}, "columns": {"a": "hash", "b": "safe"}}
                }}""";
        try (Connection connection = postgres.connect("misfit")) {
            Report report = Sanitiser.check(connection, Rules.parse(rules));
            assertThat(report.problems()).containsExactlyInAnyOrder(
                    "rules name table ghosts, which the database does not have",
                    "rules name column public.extra.b, which the database does not have",
                    "table public.extra, column a: hash needs a primary key to page through the table, and the table has none;"
                            + " use null, value or sql",
                    "table public.logins, column user_id: null does not fit a NOT NULL column; use value, hash or fake",
                    "table public.logins, column client_ip: hash keeps integers, text and uuids valid, not inet; use fake, shift,"
                            + " sql or null",
                    "table public.extra: subset needs a primary key to follow foreign keys, and the table has none",
                    "table public.users is dropped but kept table public.logins references it through logins_user_id_fkey;"
                            + " keep or subset public.users, or drop public.logins");
            assertThatThrownBy(() -> Sanitiser.run(connection, Rules.parse(rules), KEY, line -> { }))
                    .isInstanceOf(CairnException.InvalidInput.class)
                    .hasMessageStartingWith("the rules do not fit the database (7 problems): ");

            Report loose = Sanitiser.check(connection, Rules.parse("{\"strict\": false, \"tables\": {\"users\": {\"columns\": "
                    + "{\"email\": {\"fake\": \"email\"}, \"ip\": \"safe\"}}}}"));
            assertThat(loose.ok()).isTrue();
            assertThat(loose.personal()).extracting(Report.PersonalColumn::toString)
                    .containsExactlyInAnyOrder("public.users.ip (marked safe)", "public.logins.client_ip (no rule)");
        }
        assertThat(postgres.query("misfit", "SELECT email FROM users")).containsExactly(List.of("a@corp.test"));
    }
}
