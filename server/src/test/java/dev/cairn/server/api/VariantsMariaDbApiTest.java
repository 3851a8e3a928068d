package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.Role;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.ServerAccounts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17's round trip on a real MariaDB, over HTTP: a job naming variant "sanitised", its sanitise
 * task, the variant downloaded by a developer (mariadb-dump SQL, the plugin's own format) and loaded
 * into an empty database with every foreign key resolving, hashed emails agreeing across tables and
 * no original value of a masked column in the bytes; a second backup masks the same way; a column
 * the rules do not name fails the sanitise task, records nothing and leaves no scratch engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(900)
class VariantsMariaDbApiTest {
    private static final int USERS = 40;
    private static final int ORDERS = 120;
    static Path root;
    static ApiFixture api;
    static VariantChecks checks;
    static MariaDbServer mariadb;
    static String target;
    static String job;
    static String developer;
    static List<List<String>> firstUsers;

    @BeforeAll
    static void start() {
        Binaries.require("mariadb", "mariadb-client");
        mariadb = MariaDbServer.start();
        mariadb.createDatabase("shop");
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, name VARCHAR(255) NOT NULL,
                                    phone VARCHAR(40)) ENGINE=InnoDB;
                CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id INT NOT NULL, user_email VARCHAR(255) NOT NULL,
                                     total DECIMAL(10,2) NOT NULL, note TEXT, FOREIGN KEY (user_id) REFERENCES users (id))
                                     ENGINE=InnoDB;
                CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT, body TEXT NOT NULL,
                                    FOREIGN KEY (user_id) REFERENCES users (id)) ENGINE=InnoDB;
                """);
        for (int i = 1; i <= USERS; i++) {
            sql.append("INSERT INTO users VALUES (%d, '%s', '%s', '%s');\n".formatted(i, VariantsPostgresApiTest.email(i),
                    VariantsPostgresApiTest.name(i), VariantsPostgresApiTest.phone(i)));
        }
        for (int i = 1; i <= ORDERS; i++) {
            int user = 1 + (i * 7) % USERS;
            sql.append("INSERT INTO orders VALUES (%d, %d, '%s', %d.50, '%s');\n".formatted(1000 + i, user,
                    VariantsPostgresApiTest.email(user), i, VariantsPostgresApiTest.note(i)));
        }
        for (int i = 1; i <= 30; i++) {
            sql.append("INSERT INTO notes (user_id, body) VALUES (%s, '%s');\n"
                    .formatted(i % 6 == 0 ? "NULL" : String.valueOf(1 + i % 20), VariantsPostgresApiTest.body(i)));
        }
        mariadb.execute("shop", sql.toString());
        root = ServerAccounts.reachableDirectory("cairn-variants-mariadb-");
        api = ApiFixture.start(root);
        api.team("shop");
        developer = api.userWithToken("dora", "shop", Role.DEVELOPER);
        target = api.create("/v1/targets", fields("name", "shop-maria", "plugin", "mysql", "team", "shop", "endpoint", Map.of(
                "host", mariadb.host(), "port", mariadb.port(), "user", mariadb.user(),
                "password", mariadb.password(), "database", "shop")));
        checks = new VariantChecks(api, root, target);
        String store = api.fsStore("variants-store", api.directory("store"));
        job = api.create("/v1/jobs", fields("name", "shop-maria-nightly", "summary", "", "target", target, "store", store,
                "schedule", api.schedule("nightly", "daily at 4am"), "retention", api.retention("week", 604800),
                "paused", false, "variants", List.of("sanitised")));
        api.put("/v1/target/" + target + "/rules", VariantsPostgresApiTest.RULES).expect(200);
    }

    @AfterAll
    static void stop() {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            if (mariadb != null) {
                mariadb.close();
            }
            if (root != null) {
                ServerAccounts.delete(root);
            }
        }
    }

    @Test
    @Order(1)
    void aDeveloperDownloadsTheVariantAndLoadsItWithEveryKeyResolvingAndNoOriginalLeft() {
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode sanitise = checks.awaitSanitiseTasks(1).getFirst();
        assertThat(sanitise.path("status").stringValue()).as(sanitise.path("log").stringValue()).isEqualTo("done");
        assertThat(checks.variants()).hasSize(1);
        assertThat(checks.scratchLeft()).isEmpty();
        assertThat(api.as(developer).get("/v1/target/" + target + "/latest").expect(403).error()).contains("download-full");
        String sql = api.as(developer).get("/v1/target/" + target + "/latest?variant=sanitised").expect(200).body();
        assertThat(sql).contains("INSERT INTO `users`");
        for (int i = 1; i <= USERS; i++) {
            assertThat(sql).doesNotContain(VariantsPostgresApiTest.email(i)).doesNotContain(VariantsPostgresApiTest.name(i))
                    .doesNotContain(VariantsPostgresApiTest.phone(i));
        }
        for (int i = 1; i <= ORDERS; i++) {
            assertThat(sql).doesNotContain(VariantsPostgresApiTest.note(i));
        }
        for (int i = 1; i <= 30; i++) {
            assertThat(sql).doesNotContain(VariantsPostgresApiTest.body(i));
        }
        mariadb.createDatabase("shop_dev");
        mariadb.execute("shop_dev", sql);
        assertThat(mariadb.query("shop_dev", "SELECT count(*) FROM users")).containsExactly(List.of("25"));
        assertThat(mariadb.query("shop_dev", "SELECT count(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id "
                + "WHERE u.id IS NULL")).containsExactly(List.of("0"));
        assertThat(mariadb.query("shop_dev", "SELECT count(*) FROM notes n LEFT JOIN users u ON u.id = n.user_id "
                + "WHERE n.user_id IS NOT NULL AND u.id IS NULL")).containsExactly(List.of("0"));
        assertThat(mariadb.query("shop_dev", "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                + "WHERE o.user_email <> u.email")).containsExactly(List.of("0"));
        assertThat(Long.parseLong(mariadb.query("shop_dev", "SELECT count(*) FROM orders").getFirst().getFirst())).isPositive();
        firstUsers = mariadb.query("shop_dev", "SELECT id, email, name, phone FROM users ORDER BY id");
    }

    @Test
    @Order(2)
    void aSecondBackupMasksTheSameWay() {
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode second = checks.awaitSanitiseTasks(2).getFirst();
        assertThat(second.path("status").stringValue()).as(second.path("log").stringValue()).isEqualTo("done");
        mariadb.createDatabase("shop_dev2");
        mariadb.execute("shop_dev2", api.as(developer).get("/v1/target/" + target + "/latest?variant=sanitised")
                .expect(200).body());
        assertThat(mariadb.query("shop_dev2", "SELECT id, email, name, phone FROM users ORDER BY id")).isEqualTo(firstUsers);
    }

    @Test
    @Order(3)
    void aDevelopersInstanceWithTheRulesHasTheVariantsValuesAndNoSanitiserAccount() throws Exception {
        JsonNode reply = api.as(developer).post("/v1/instances", fields("target", target, "rules", true, "ttl", "1h"))
                .expect(200).json();
        JsonNode built = api.awaitTask(reply.path("task_uuid").stringValue());
        assertThat(built.path("status").stringValue()).as(built.path("log").stringValue()).isEqualTo("done");
        assertThat(built.path("log").stringValue()).contains("dropped the sanitiser's role cairn_sanitise");
        long id = reply.path("instance").path("id").longValue();
        JsonNode instance = org.awaitility.Awaitility.await("the instance to run").atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> api.as(developer).get("/v1/instance/" + id).expect(200).json(),
                        i -> i.path("state").stringValue().equals("running"));
        List<List<String>> users = EngineChecks.query(instance, "SELECT id, email, name, phone FROM users ORDER BY id");
        for (int i = 1; i <= USERS; i++) {
            assertThat(users.toString()).doesNotContain(VariantsPostgresApiTest.email(i))
                    .doesNotContain(VariantsPostgresApiTest.name(i));
        }
        // the rules applied in place in the image keep the rows, and give the values, the variant has
        assertThat(users).isEqualTo(firstUsers);
        api.as(developer).delete("/v1/instance/" + id).expect(200);
        api.as(developer).delete("/v1/image/" + reply.path("image").path("id").longValue()).expect(200);
    }

    @Test
    @Order(4)
    void aColumnTheRulesDoNotNameFailsTheSanitiseTaskAndRecordsNoVariant() {
        mariadb.execute("shop", "ALTER TABLE users ADD COLUMN ssn VARCHAR(11) DEFAULT '078-05-1120'");
        int before = checks.variants().size();
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode failed = checks.awaitSanitiseTasks(3).getFirst();
        assertThat(failed.path("status").stringValue()).isEqualTo("failed");
        assertThat(failed.path("reason").stringValue()).contains("users").contains("ssn");
        assertThat(checks.variants()).hasSize(before);
        assertThat(checks.scratchLeft()).isEmpty();
        assertThat(EngineChecks.processesIn(root.resolve("data").resolve("scratch"))).isEmpty();
    }

}
