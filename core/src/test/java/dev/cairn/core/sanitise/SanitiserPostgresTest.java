package dev.cairn.core.sanitise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sanitising a real PostgreSQL database with users, orders referencing users and free-text notes:
 * the result dumps and loads into an empty database, every foreign key resolves, hashed values
 * join across tables, no original value of a rewritten column is left in the dump, strict mode
 * refuses a new column without touching anything, and two runs with the same key agree.
 */
final class SanitiserPostgresTest {
    static final byte[] KEY = "a hash key of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII);
    static final int USERS = 60;
    static final int ORDERS = 240;
    static final String RULES = """
            {
              "tables": {
                "users": {
                  "subset": {"where": "id <= 5"},
                  "columns": {
                    "id": "hash", "email": "hash", "name": {"fake": "name"}, "phone": {"mask": {"last": 2}},
                    "joined": {"shift": 30}
                  }
                },
                "orders": {
                  "subset": {"where": "total > 300"},
                  "columns": {"id": "safe", "user_id": "hash", "user_email": "hash", "total": "safe", "note": "null"}
                },
                "notes": {
                  "columns": {"id": "safe", "user_id": "hash", "body": {"fake": "text"}, "author": {"fake": "email"}}
                },
                "audit": "drop"
              }
            }
            """;
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

    static void createSource(String database) {
        postgres.createDatabase(database);
        postgres.execute(database, sourceSql("'signed in from 10.1.2.' || id"));
    }

    /** The shop's schema and rows, the same on PostgreSQL and MariaDB; {@code what} is the audit text expression. */
    static String sourceSql(String what) {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE users (id integer PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, name text NOT NULL,
                                    phone text, joined date NOT NULL);
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id),
                                     user_email varchar(255) NOT NULL, total numeric(10,2) NOT NULL, note text);
                CREATE TABLE notes (id serial PRIMARY KEY, user_id integer REFERENCES users (id), body text NOT NULL,
                                    author text NOT NULL);
                CREATE TABLE audit (id serial PRIMARY KEY, user_id integer REFERENCES users (id), what text);
                """);
        for (int i = 1; i <= USERS; i++) {
            sql.append("INSERT INTO users VALUES (%d, '%s', '%s', '%s', '%s');\n"
                    .formatted(i, email(i), name(i), phone(i), java.time.LocalDate.of(2024, 1, 1).plusDays(i)));
        }
        for (int i = 1; i <= ORDERS; i++) {
            int user = 1 + (i * 7) % 20;
            sql.append("INSERT INTO orders VALUES (%d, %d, '%s', %d.50, '%s');\n".formatted(1000 + i, user, email(user), i * 2,
                    note(i)));
        }
        for (int i = 1; i <= 20; i++) {
            sql.append("INSERT INTO notes (user_id, body, author) VALUES (%s, '%s', '%s');\n"
                    .formatted(i % 5 == 0 ? "NULL" : String.valueOf(40 + i), body(i), email(i)));
        }
        sql.append("INSERT INTO audit (user_id, what) SELECT id, " + what + " FROM users;\n");
        return sql.toString();
    }

    static String email(int i) {
        return "person" + i + ".original@corp.test";
    }

    static String name(int i) {
        return "Original Person" + i;
    }

    static String phone(int i) {
        return "+44 7700 9%05d".formatted(i * 37);
    }

    static String note(int i) {
        return "deliver to flat " + i + " behind the bakery";
    }

    static String body(int i) {
        return "Called Original Person" + i + " about the invoice, he was upset and asked for a refund";
    }

    @Test
    void sanitisedDumpLoadsKeepsForeignKeysJoinsHashesAndLeaksNoOriginal() {
        createSource("shop");
        List<String> log = new ArrayList<>();
        try (Connection connection = postgres.connect("shop")) {
            Sanitiser.Summary summary = Sanitiser.run(connection, Rules.parse(RULES), KEY, log::add);
            System.out.println(String.join("\n", log));
            System.out.println(summary);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        long expectedOrders = java.util.stream.IntStream.rangeClosed(1, ORDERS).filter(i -> i * 2 + 0.5 > 300).count();
        assertThat(count("shop", "orders")).isEqualTo(expectedOrders);
        Set<Integer> referenced = java.util.stream.IntStream.rangeClosed(1, ORDERS).filter(i -> i * 2 + 0.5 > 300)
                .mapToObj(i -> 1 + (i * 7) % 20).collect(Collectors.toSet());
        java.util.stream.IntStream.rangeClosed(1, 20).filter(i -> i % 5 != 0).forEach(i -> referenced.add(40 + i));
        java.util.stream.IntStream.rangeClosed(1, 5).forEach(referenced::add);
        assertThat(count("shop", "users")).as("users in the where, plus those orders and notes reference")
                .isEqualTo(referenced.size());
        assertThat(count("shop", "notes")).isEqualTo(20);
        assertThat(count("shop", "audit")).isZero();

        assertThat(postgres.query("shop", "SELECT count(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.id IS NULL"))
                .containsExactly(List.of("0"));
        assertThat(postgres.query("shop", "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                + "WHERE u.email = o.user_email")).as("the same email hashes the same in users and orders")
                .containsExactly(List.of(String.valueOf(expectedOrders)));
        assertThat(postgres.query("shop", "SELECT count(*) FROM orders WHERE note IS NOT NULL")).containsExactly(List.of("0"));
        assertThat(postgres.query("shop", "SELECT count(*) FROM users WHERE phone !~ '^\\*+[0-9]{2}$'")).containsExactly(List.of("0"));
        assertThat(postgres.query("shop", "SELECT count(*) FROM notes WHERE author NOT LIKE '%@example.___'"))
                .containsExactly(List.of("0"));

        String dump = pgDump("shop");
        List<String> originals = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            originals.addAll(List.of(email(i), name(i), phone(i)));
        }
        for (int i = 1; i <= ORDERS; i++) {
            originals.add(note(i));
        }
        for (int i = 1; i <= 20; i++) {
            originals.add(body(i));
        }
        assertThat(originals.stream().filter(dump::contains).toList()).as("original values in the dump").isEmpty();
        assertThat(dump).doesNotContain("original@corp.test").doesNotContain("Original Person").doesNotContain("bakery")
                .doesNotContain("signed in from");

        postgres.createDatabase("loaded");
        psql("loaded", dump);
        assertThat(count("loaded", "orders")).isEqualTo(expectedOrders);
        assertThat(postgres.query("loaded", "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"))
                .containsExactly(List.of("3"));
    }

    @Test
    void strictModeNamesANewColumnAndChangesNothing() {
        createSource("grown");
        postgres.execute("grown", "ALTER TABLE users ADD COLUMN ssn text DEFAULT 'AB123456C'");
        String before = pgDump("grown");
        try (Connection connection = postgres.connect("grown")) {
            assertThatThrownBy(() -> Sanitiser.run(connection, Rules.parse(RULES), KEY, line -> { }))
                    .isInstanceOf(CairnException.InvalidInput.class)
                    .hasMessageContaining("strict: table public.users, column ssn has no rule");
            Report report = Sanitiser.check(connection, Rules.parse(RULES));
            assertThat(report.problems()).containsExactly(
                    "strict: table public.users, column ssn has no rule; give it one or mark it safe");
            assertThat(report.personal()).extracting(Report.PersonalColumn::toString).contains("public.users.ssn (no rule)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(pgDump("grown")).isEqualTo(before);
    }

    @Test
    void twoCopiesWithTheSameKeyComeOutTheSameAndAnotherKeyDiffers() throws Exception {
        createSource("first");
        createSource("second");
        createSource("third");
        try (Connection first = postgres.connect("first"); Connection second = postgres.connect("second");
             Connection third = postgres.connect("third")) {
            Sanitiser.run(first, Rules.parse(RULES), KEY, line -> { });
            Sanitiser.run(second, Rules.parse(RULES), KEY, line -> { });
            Sanitiser.run(third, Rules.parse(RULES), "another key, also thirty-two by".getBytes(StandardCharsets.US_ASCII),
                    line -> { });
        }
        for (String query : List.of("SELECT * FROM users ORDER BY id", "SELECT * FROM orders ORDER BY id",
                "SELECT * FROM notes ORDER BY id")) {
            assertThat(postgres.query("second", query)).as(query).isEqualTo(postgres.query("first", query));
            assertThat(postgres.query("third", query)).as(query).isNotEqualTo(postgres.query("first", query));
        }
    }

    @Test
    void previewShowsRowsBeforeAndAfterAndChangesNothing() throws Exception {
        createSource("preview");
        String before = pgDump("preview");
        try (Connection connection = postgres.connect("preview")) {
            Preview preview = Sanitiser.preview(connection, Rules.parse(RULES), KEY, 3);
            Preview.TablePreview users = preview.tables().stream().filter(t -> t.table().equals("public.users")).findFirst()
                    .orElseThrow();
            assertThat(users.rows()).isEqualTo("subset where id <= 5");
            assertThat(users.total()).isEqualTo(USERS);
            assertThat(users.selected()).isEqualTo(5);
            assertThat(users.before()).hasSize(3);
            assertThat(users.before().getFirst().get(1)).isEqualTo(email(1));
            assertThat(users.after().getFirst().get(1)).matches("[0-9a-f]{32}");
            assertThat(users.after().getFirst().get(3)).matches("\\*+[0-9]{2}");
            Preview.TablePreview orders = preview.tables().stream().filter(t -> t.table().equals("public.orders")).findFirst()
                    .orElseThrow();
            assertThat(orders.after().getFirst().get(2)).as("an order's user email hashes with the key")
                    .isEqualTo(new KeyedHash(KEY).text(orders.before().getFirst().get(2), 32));
            assertThat(orders.after().getFirst().get(4)).isNull();
            assertThat(preview.tables().stream().filter(t -> t.table().equals("public.audit")).findFirst().orElseThrow().after())
                    .isEmpty();
            assertThat(preview.report().ok()).isTrue();
        }
        assertThat(pgDump("preview")).isEqualTo(before);
    }

    static long count(String database, String table) {
        return Long.parseLong(postgres.query(database, "SELECT count(*) FROM " + table).getFirst().getFirst());
    }

    /** The plain dump of {@code database}, less the random \\restrict token pg_dump puts in each one. */
    static String pgDump(String database) {
        return restrictLines(Programs.run(List.of(Binaries.require("pg_dump", "postgresql-client").toString(), "--no-owner", "--no-privileges",
                "-h", postgres.host(), "-p", String.valueOf(postgres.port()), "-U", postgres.user(), database),
                Map.of("PGPASSWORD", postgres.password()), null));
    }

    static String restrictLines(String dump) {
        return dump.lines().filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    static void psql(String database, String script) {
        Programs.run(List.of(Binaries.require("psql", "postgresql-client").toString(), "-v", "ON_ERROR_STOP=1", "-q",
                "-h", postgres.host(), "-p", String.valueOf(postgres.port()), "-U", postgres.user(), "-d", database),
                Map.of("PGPASSWORD", postgres.password()), script);
    }
}
