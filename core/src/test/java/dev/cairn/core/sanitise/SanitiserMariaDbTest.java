package dev.cairn.core.sanitise;

import static dev.cairn.core.sanitise.SanitiserPostgresTest.KEY;
import static dev.cairn.core.sanitise.SanitiserPostgresTest.ORDERS;
import static dev.cairn.core.sanitise.SanitiserPostgresTest.RULES;
import static dev.cairn.core.sanitise.SanitiserPostgresTest.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL round trip of {@link SanitiserPostgresTest} on a real MariaDB, over its JDBC driver. */
final class SanitiserMariaDbTest {
    static MariaDbServer mariadb;

    @BeforeAll
    static void start() {
        mariadb = MariaDbServer.start();
    }

    @AfterAll
    static void stop() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    static void createSource(String database) {
        mariadb.createDatabase(database);
        mariadb.execute(database, SanitiserPostgresTest.sourceSql("CONCAT('signed in from 10.1.2.', id)"));
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + mariadb.host() + ":" + mariadb.port() + "/" + database,
                mariadb.user(), mariadb.password());
    }

    @Test
    void sanitisedDumpLoadsKeepsForeignKeysJoinsHashesAndLeaksNoOriginal() throws Exception {
        createSource("shop");
        List<String> log = new ArrayList<>();
        try (Connection connection = connect("shop")) {
            Sanitiser.run(connection, Rules.parse(RULES), KEY, log::add);
        }
        System.out.println(String.join("\n", log));

        long expectedOrders = IntStream.rangeClosed(1, ORDERS).filter(i -> i * 2 + 0.5 > 300).count();
        assertThat(count("shop", "orders")).isEqualTo(expectedOrders);
        assertThat(count("shop", "users")).isLessThan(USERS).isGreaterThan(5);
        assertThat(count("shop", "audit")).isZero();
        assertThat(mariadb.query("shop", "SELECT count(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.id IS NULL"))
                .containsExactly(List.of("0"));
        assertThat(mariadb.query("shop", "SELECT count(*) FROM notes n LEFT JOIN users u ON u.id = n.user_id "
                + "WHERE n.user_id IS NOT NULL AND u.id IS NULL")).containsExactly(List.of("0"));
        assertThat(mariadb.query("shop", "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                + "WHERE u.email = o.user_email")).containsExactly(List.of(String.valueOf(expectedOrders)));
        assertThat(mariadb.query("shop", "SELECT count(*) FROM users WHERE phone NOT REGEXP '^[*]+[0-9]{2}$'"))
                .containsExactly(List.of("0"));

        String dump = dump("shop");
        List<String> originals = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            originals.addAll(List.of(SanitiserPostgresTest.email(i), SanitiserPostgresTest.name(i), SanitiserPostgresTest.phone(i)));
        }
        for (int i = 1; i <= ORDERS; i++) {
            originals.add(SanitiserPostgresTest.note(i));
        }
        for (int i = 1; i <= 20; i++) {
            originals.add(SanitiserPostgresTest.body(i));
        }
        assertThat(originals.stream().filter(dump::contains).toList()).as("original values in the dump").isEmpty();
        assertThat(dump).doesNotContain("original@corp.test").doesNotContain("Original Person").doesNotContain("cairn_");

        mariadb.createDatabase("loaded");
        Programs.run(List.of(Binaries.require("mariadb", "mariadb-client").toString(), "--no-defaults", "-h", mariadb.host(),
                "-P", String.valueOf(mariadb.port()), "-u", mariadb.user(), "loaded"), Map.of("MYSQL_PWD", mariadb.password()), dump);
        assertThat(count("loaded", "orders")).isEqualTo(expectedOrders);
    }

    @Test
    void strictModeNamesANewColumnAndChangesNothing() throws Exception {
        createSource("grown");
        mariadb.execute("grown", "ALTER TABLE users ADD COLUMN ssn text");
        String before = dump("grown");
        try (Connection connection = connect("grown")) {
            assertThatThrownBy(() -> Sanitiser.run(connection, Rules.parse(RULES), KEY, line -> { }))
                    .isInstanceOf(CairnException.InvalidInput.class)
                    .hasMessageContaining("strict: table grown.users, column ssn has no rule");
        }
        assertThat(dump("grown")).isEqualTo(before);
    }

    @Test
    void twoCopiesWithTheSameKeyComeOutTheSame() throws Exception {
        createSource("first");
        createSource("second");
        try (Connection first = connect("first"); Connection second = connect("second")) {
            Sanitiser.run(first, Rules.parse(RULES), KEY, line -> { });
            Sanitiser.run(second, Rules.parse(RULES), KEY, line -> { });
        }
        for (String query : List.of("SELECT * FROM users ORDER BY id", "SELECT * FROM orders ORDER BY id",
                "SELECT * FROM notes ORDER BY id")) {
            assertThat(mariadb.query("second", query)).as(query).isEqualTo(mariadb.query("first", query));
        }
    }

    @Test
    void previewAndCheckChangeNothing() throws Exception {
        createSource("preview");
        String before = dump("preview");
        try (Connection connection = connect("preview")) {
            Preview preview = Sanitiser.preview(connection, Rules.parse(RULES), KEY, 2);
            Preview.TablePreview users = preview.tables().stream().filter(t -> t.table().equals("preview.users")).findFirst()
                    .orElseThrow();
            assertThat(users.selected()).isEqualTo(5);
            assertThat(users.before().getFirst()).startsWith("1", SanitiserPostgresTest.email(1), SanitiserPostgresTest.name(1));
            assertThat(users.after().getFirst().get(0)).isEqualTo(String.valueOf(new KeyedHash(KEY).integer(1)));
            assertThat(users.after().getFirst().get(1)).isEqualTo(new KeyedHash(KEY).text(SanitiserPostgresTest.email(1), 32));
            assertThat(users.after().getFirst().get(4)).isNotEqualTo(users.before().getFirst().get(4));
            assertThat(preview.report().ok()).isTrue();
            mariadb.execute("preview", "ALTER TABLE notes ADD COLUMN client_ip varchar(45)");
            Report report = Sanitiser.check(connection, Rules.parse(RULES));
            assertThat(report.problems()).containsExactly(
                    "strict: table preview.notes, column client_ip has no rule; give it one or mark it safe");
            assertThat(report.personal()).extracting(Report.PersonalColumn::toString).containsExactly("preview.notes.client_ip (no rule)");
            mariadb.execute("preview", "ALTER TABLE notes DROP COLUMN client_ip");
        }
        assertThat(dump("preview")).isEqualTo(before);
    }

    static long count(String database, String table) {
        return Long.parseLong(mariadb.query(database, "SELECT count(*) FROM " + table).getFirst().getFirst());
    }

    static String dump(String database) {
        return Programs.run(List.of(Binaries.require("mariadb-dump", "mariadb-client").toString(), "--no-defaults",
                "--skip-dump-date", "-h", mariadb.host(), "-P", String.valueOf(mariadb.port()), "-u", mariadb.user(), database),
                Map.of("MYSQL_PWD", mariadb.password()), null);
    }
}
