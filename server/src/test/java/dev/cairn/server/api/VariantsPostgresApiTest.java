package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.access.Role;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 end to end on a real PostgreSQL, over HTTP: rules saved through the API, a job that names
 * variant "sanitised", its backup followed by a sanitise task whose variant a developer downloads as
 * SQL and loads into an empty database: every foreign key resolves, hashed emails agree across
 * tables, and no original value of a masked column is anywhere in the bytes. Two backups give the
 * same masked rows; a column the rules do not name fails the sanitise task and records nothing;
 * failed and cancelled sanitise tasks leave no scratch directory, process or port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(900)
class VariantsPostgresApiTest {
    private static final int USERS = 40;
    private static final int ORDERS = 120;
    static final String RULES = """
            {
              "tables": {
                "users": {
                  "subset": {"where": "id <= 25"},
                  "columns": {"id": "hash", "email": "hash", "name": {"fake": "name"}, "phone": {"mask": {"last": 2}}}
                },
                "orders": {
                  "subset": {"where": "user_id <= 25"},
                  "columns": {"id": "safe", "user_id": "hash", "user_email": "hash", "total": "safe", "note": "null"}
                },
                "notes": {
                  "columns": {"id": "safe", "user_id": "hash", "body": {"fake": "text"}}
                }
              }
            }
            """;
    /** Row-local rules only (no subset, no sql): applied to the rows as they stream into the scratch copy. */
    static final String STREAMED_RULES = """
            {
              "tables": {
                "users": {"columns": {"id": "hash", "email": "hash", "name": {"fake": "name"}, "phone": {"mask": {"last": 2}}}},
                "orders": {"columns": {"id": "safe", "user_id": "hash", "user_email": "hash", "total": "safe", "note": "null"}},
                "notes": {"columns": {"id": "safe", "user_id": "hash", "body": {"fake": "text"}}}
              }
            }
            """;
    static Path root;
    static ApiFixture api;
    static VariantChecks checks;
    static PostgresServer postgres;
    static String target;
    static String job;
    static String developer;
    static String viewer;
    static List<JsonNode> firstUsers;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, phone text);
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id),
                                     user_email text NOT NULL, total numeric(10,2) NOT NULL, note text);
                CREATE TABLE notes (id serial PRIMARY KEY, user_id integer REFERENCES users (id), body text NOT NULL);
                """);
        for (int i = 1; i <= USERS; i++) {
            sql.append("INSERT INTO users VALUES (%d, '%s', '%s', '%s');\n".formatted(i, email(i), name(i), phone(i)));
        }
        for (int i = 1; i <= ORDERS; i++) {
            int user = 1 + (i * 7) % USERS;
            sql.append("INSERT INTO orders VALUES (%d, %d, '%s', %d.50, '%s');\n".formatted(1000 + i, user, email(user), i,
                    note(i)));
        }
        for (int i = 1; i <= 30; i++) {
            sql.append("INSERT INTO notes (user_id, body) VALUES (%s, '%s');\n"
                    .formatted(i % 6 == 0 ? "NULL" : String.valueOf(1 + i % 20), body(i)));
        }
        // a large object, which no rule can name: a scan kept beside the rows
        sql.append("SELECT lo_from_bytea(0, convert_to('passport scan of " + name(1) + "', 'UTF8'));\n");
        postgres.execute("shop", sql.toString());
        root = ServerAccounts.reachableDirectory("cairn-variants-api-");
        api = ApiFixture.start(root);
        api.team("shop");
        developer = api.userWithToken("dora", "shop", Role.DEVELOPER);
        viewer = api.userWithToken("vic", "shop", Role.VIEWER);
        target = api.create("/v1/targets", fields("name", "shop-db", "plugin", "postgres", "team", "shop", "endpoint", Map.of(
                "host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", "shop")));
        checks = new VariantChecks(api, root, target);
        String store = api.fsStore("variants-store", api.directory("store"));
        job = api.create("/v1/jobs", fields("name", "shop-nightly", "summary", "", "target", target, "store", store,
                "schedule", api.schedule("nightly", "daily at 4am"), "retention", api.retention("week", 604800),
                "paused", false, "variants", List.of("sanitised")));
    }

    @AfterAll
    static void stop() {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (root != null) {
                ServerAccounts.delete(root);
            }
        }
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
        return "Called Original Person" + i + " about the invoice and asked for a refund";
    }

    @Test
    @Order(1)
    void rulesAreSavedAsVersionsAndOnlyAnEditorMayChangeThem() {
        assertThat(api.get("/v1/job/" + job).expect(200).json().path("variants").get(0).stringValue()).isEqualTo("sanitised");
        assertThat(api.get("/v1/target/" + target + "/rules").expect(404).error()).contains("none are saved");
        assertThat(api.as(developer).put("/v1/target/" + target + "/rules", RULES).expect(403).error()).contains("edit-config");
        assertThat(api.put("/v1/target/" + target + "/rules", "tables: {users: {columns: {id: explode}}}").expect(400).error())
                .contains("explode");
        assertThat(api.put("/v1/target/" + target + "/rules", "strict: true\ntables: {}\n").expect(200).json()
                .path("version").intValue()).isEqualTo(1);
        JsonNode saved = api.put("/v1/target/" + target + "/rules", RULES).expect(200).json();
        assertThat(saved.path("version").intValue()).isEqualTo(2);
        JsonNode shown = api.as(developer).get("/v1/target/" + target + "/rules").expect(200).json();
        assertThat(shown.path("version").intValue()).isEqualTo(2);
        assertThat(shown.path("document").stringValue()).isEqualTo(RULES);
        assertThat(shown.path("versions").toString()).isEqualTo("[2,1]");
        assertThat(api.get("/v1/target/" + target + "/rules?version=1").expect(200).json().path("document").stringValue())
                .contains("strict: true");
    }

    @Test
    @Order(2)
    void theJobsBackupIsFollowedByAVariantADeveloperDownloadsAndLoadsWithEveryKeyResolvingAndNoOriginalLeft()
            throws Exception {
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode sanitise = checks.awaitSanitiseTasks(1).getFirst();
        assertThat(sanitise.path("status").stringValue()).as(sanitise.path("log").stringValue()).isEqualTo("done");
        JsonNode variant = checks.variants().getFirst();
        assertThat(variant.path("variant").stringValue()).isEqualTo("sanitised");
        assertThat(variant.path("rules_version").intValue()).isEqualTo(2);
        JsonNode full = checks.fullArchives().getFirst();
        assertThat(variant.path("source_archive").stringValue()).isEqualTo(full.path("uuid").stringValue());
        assertThat(variant.path("expires_at").stringValue()).isEqualTo(full.path("expires_at").stringValue());
        assertThat(checks.scratchLeft()).isEmpty();

        // a developer gets the variant and only the variant
        assertThat(api.as(developer).get("/v1/target/" + target + "/latest?format=sql").expect(403).error())
                .contains("download-full");
        ApiReply download = api.as(developer).get("/v1/target/" + target + "/latest?variant=sanitised&format=sql").expect(200);
        String sql = download.body();
        assertThat(sql).contains("COPY public.users");
        assertThat(withoutRestrictKeys(api.as(developer).get("/v1/archive/" + variant.path("uuid").stringValue()
                + "/download?format=sql").expect(200).body())).isEqualTo(withoutRestrictKeys(sql));
        assertNoOriginalIn(sql);
        assertThat(api.get("/v1/archive/" + full.path("uuid").stringValue() + "/download?format=sql").expect(200).body())
                .as("the full archive's SQL").contains("lo_create");
        assertThat(sanitise.path("log").stringValue()).contains("removed 1 large object(s) from database shop");

        loadInto("shop_dev", sql);
        assertThat(postgres.query("shop_dev", "SELECT count(*) FROM pg_largeobject_metadata")).containsExactly(List.of("0"));
        assertThat(postgres.query("shop_dev", "SELECT count(*) FROM users")).containsExactly(List.of("25"));
        assertThat(Long.parseLong(postgres.query("shop_dev", "SELECT count(*) FROM orders").getFirst().getFirst())).isPositive();
        assertThat(postgres.query("shop_dev", "SELECT count(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id "
                + "WHERE u.id IS NULL")).containsExactly(List.of("0"));
        assertThat(postgres.query("shop_dev", "SELECT count(*) FROM notes n LEFT JOIN users u ON u.id = n.user_id "
                + "WHERE n.user_id IS NOT NULL AND u.id IS NULL")).containsExactly(List.of("0"));
        assertThat(postgres.query("shop_dev", "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                + "WHERE o.user_email <> u.email")).containsExactly(List.of("0"));
        assertThat(postgres.query("shop_dev", "SELECT count(*) FROM orders WHERE note IS NOT NULL")).containsExactly(List.of("0"));
        firstUsers = users("shop_dev");
    }

    @Test
    @Order(3)
    void aSecondBackupGivesTheSameMaskedRows() throws Exception {
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode second = checks.awaitSanitiseTasks(2).getFirst();
        assertThat(second.path("status").stringValue()).as(second.path("log").stringValue()).isEqualTo("done");
        assertThat(checks.variants()).hasSize(2);
        loadInto("shop_dev2", api.as(developer).get("/v1/target/" + target + "/latest?variant=sanitised&format=sql")
                .expect(200).body());
        assertThat(users("shop_dev2")).isEqualTo(firstUsers);
        // the full latest is still the full archive, not the variant
        JsonNode latestFull = checks.fullArchives().getFirst();
        ApiReply full = api.get("/v1/target/" + target + "/latest?format=sql").expect(200);
        assertThat(full.body()).contains(email(1));
        assertThat(latestFull.path("variant").stringValue()).isEmpty();
    }

    @Test
    @Order(4)
    void checkAndPreviewTryTheRulesOnTheLatestArchive() {
        JsonNode check = api.post("/v1/target/" + target + "/rules/check", null).expect(200).json();
        assertThat(check.path("ok").booleanValue()).as(check.toString()).isTrue();
        assertThat(check.path("rules_version").intValue()).isEqualTo(2);
        JsonNode preview = api.post("/v1/target/" + target + "/rules/preview?rows=3", null).expect(200).json();
        JsonNode users = StreamSupport.stream(preview.path("tables").spliterator(), false)
                .filter(t -> t.path("table").stringValue().endsWith("users")).findFirst().orElseThrow();
        assertThat(users.path("before").size()).isEqualTo(3);
        assertThat(users.path("before").toString()).contains(".original@corp.test");
        assertThat(users.path("after").toString()).doesNotContain(".original@corp.test");
        assertThat(api.as(developer).post("/v1/target/" + target + "/rules/preview", null).expect(403).error())
                .contains("edit-config");
        assertThat(checks.scratchLeft()).isEmpty();
    }

    @Test
    @Order(5)
    void aColumnTheRulesDoNotNameFailsTheSanitiseTaskAndRecordsNoVariant() throws Exception {
        postgres.execute("shop", "ALTER TABLE users ADD COLUMN ssn text DEFAULT '078-05-1120'");
        int before = checks.variants().size();
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode failed = checks.awaitSanitiseTasks(3).getFirst();
        assertThat(failed.path("status").stringValue()).isEqualTo("failed");
        assertThat(failed.path("reason").stringValue()).contains("users").contains("ssn");
        assertThat(checks.variants()).hasSize(before);
        assertThat(checks.scratchLeft()).isEmpty();
        assertThat(scratchPorts()).isZero();
        JsonNode check = api.post("/v1/target/" + target + "/rules/check", null).expect(200).json();
        assertThat(check.path("ok").booleanValue()).isFalse();
        assertThat(check.path("problems").toString()).contains("ssn");
        assertThat(check.path("personal").toString()).contains("ssn");
    }

    @Test
    @Order(6)
    void aCancelledSanitiseTaskLeavesNoScratchProcessPortOrArchive() throws Exception {
        postgres.execute("shop", "ALTER TABLE users DROP COLUMN ssn");
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode made = checks.awaitSanitiseTasks(4).getFirst();
        assertThat(made.path("status").stringValue()).as(made.path("log").stringValue()).isEqualTo("done");
        int before = checks.variants().size();
        Set<String> objects = storedObjects();
        String full = checks.fullArchives().getFirst().path("uuid").stringValue();
        assertThat(api.as(viewer).post("/v1/archive/" + full + "/sanitise", fields()).expect(403).error())
                .contains("run-backup");
        JsonNode reply = api.post("/v1/archive/" + full + "/sanitise", fields("variant", "sanitised")).expect(200).json();
        String task = reply.path("task_uuid").stringValue();
        await("the sanitise task to start its scratch engine").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/v1/task/" + task).json().path("log").stringValue().contains("initialising"));
        api.delete("/v1/task/" + task).expect(200);
        JsonNode ended = api.awaitTask(task);
        assertThat(ended.path("status").stringValue()).isEqualTo("canceled");
        await("the scratch engine's processes to end").atMost(Duration.ofSeconds(30))
                .until(() -> EngineChecks.processesIn(root.resolve("data").resolve("scratch")).isEmpty());
        assertThat(checks.scratchLeft()).isEmpty();
        assertThat(scratchPorts()).isZero();
        assertThat(checks.variants()).hasSize(before);
        assertThat(storedObjects()).isEqualTo(objects);
    }

    @Test
    @Order(7)
    void aVariantOfAVariantIsAConflict() {
        String variant = checks.variants().getFirst().path("uuid").stringValue();
        assertThat(api.post("/v1/archive/" + variant + "/sanitise", fields()).expect(409).error()).contains("itself variant");
    }

    /** The SQL without psql's per-conversion \\restrict lines, which differ each time. */
    private static String withoutRestrictKeys(String sql) {
        return sql.replaceAll("(?m)^\\\\(un)?restrict .*$", "");
    }

    @Test
    @Order(8)
    void aDeveloperMakesAnImageOfTheLatestVariantButNotOfTheFullArchive() {
        assertThat(api.as(developer).post("/v1/images", fields("target", target)).expect(403).error()).contains("download-full");
        JsonNode reply = api.as(developer).post("/v1/images", fields("target", target, "variant", "sanitised")).expect(200).json();
        JsonNode built = api.awaitDone(reply.path("task_uuid").stringValue());
        assertThat(built.path("type").stringValue()).isEqualTo("image");
        long image = reply.path("image").path("id").longValue();
        JsonNode shown = api.get("/v1/image/" + image).expect(200).json();
        assertThat(shown.path("archive_uuid").stringValue()).isEqualTo(checks.variants().getFirst().path("uuid").stringValue());
        api.as(developer).delete("/v1/image/" + image).expect(200);
    }

    @Test
    @Order(9)
    void rowLocalRulesRewriteTheRowsAsTheyLoadAndGiveTheSameValuesAsTheInDatabasePath() throws Exception {
        assertThat(api.put("/v1/target/" + target + "/rules", STREAMED_RULES).expect(200).json().path("version").intValue())
                .isEqualTo(3);
        int sanitised = sanitiseTasks();
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode task = checks.awaitSanitiseTasks(sanitised + 1).getFirst();
        assertThat(task.path("status").stringValue()).as(task.path("log").stringValue()).isEqualTo("done");
        assertThat(task.path("log").stringValue()).contains("applying them to the rows as they load")
                .contains("probe database");
        assertThat(checks.variants().getFirst().path("rules_version").intValue()).isEqualTo(3);
        assertThat(checks.scratchLeft()).isEmpty();
        assertThat(scratchPorts()).isZero();

        String sql = api.as(developer).get("/v1/target/" + target + "/latest?variant=sanitised&format=sql").expect(200).body();
        assertNoOriginalIn(sql);
        loadInto("shop_streamed", sql);
        assertThat(postgres.query("shop_streamed", "SELECT count(*) FROM pg_largeobject_metadata")).containsExactly(List.of("0"));
        assertThat(postgres.query("shop_streamed", "SELECT count(*) FROM users")).containsExactly(List.of(String.valueOf(USERS)));
        assertThat(postgres.query("shop_streamed", "SELECT count(*) FROM orders")).containsExactly(List.of(String.valueOf(ORDERS)));
        assertThat(postgres.query("shop_streamed", "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                + "WHERE o.user_email = u.email")).containsExactly(List.of(String.valueOf(ORDERS)));
        assertThat(postgres.query("shop_streamed", "SELECT count(*) FROM notes n LEFT JOIN users u ON u.id = n.user_id "
                + "WHERE n.user_id IS NOT NULL AND u.id IS NULL")).containsExactly(List.of("0"));
        // the rows the in-database path kept are masked to the very same values on the streaming path
        assertThat(users("shop_streamed")).hasSize(USERS).containsAll(firstUsers);
    }

    @Test
    @Order(10)
    void onTheStreamingPathANewColumnFailsTheTaskBeforeAnyRowLoads() throws Exception {
        postgres.execute("shop", "ALTER TABLE orders ADD COLUMN courier_phone text DEFAULT '+44 7700 900123'");
        try {
            int before = checks.variants().size();
            int sanitised = sanitiseTasks();
            api.awaitDone(api.runJob(job).path("uuid").stringValue());
            JsonNode failed = checks.awaitSanitiseTasks(sanitised + 1).getFirst();
            assertThat(failed.path("status").stringValue()).isEqualTo("failed");
            assertThat(failed.path("reason").stringValue()).contains("orders").contains("courier_phone");
            assertThat(failed.path("log").stringValue()).doesNotContain("pg_restore -f - | psql");
            assertThat(checks.variants()).hasSize(before);
            assertThat(checks.scratchLeft()).isEmpty();
            assertThat(scratchPorts()).isZero();
        } finally {
            postgres.execute("shop", "ALTER TABLE orders DROP COLUMN courier_phone");
        }
    }

    @Test
    @Order(11)
    void aDamagedArchiveMakesNoVariant() throws Exception {
        int sanitised = sanitiseTasks();
        JsonNode full = checks.fullArchives().getFirst();
        Path object = storedObjects().stream().map(Path::of).filter(p -> p.toString().endsWith(full.path("key").stringValue()))
                .findFirst().orElseThrow(() -> new AssertionError("no stored object for " + full));
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(object, bytes);
        int before = checks.variants().size();
        Set<String> objects = storedObjects();
        String task = api.post("/v1/archive/" + full.path("uuid").stringValue() + "/sanitise", fields("variant", "sanitised"))
                .expect(200).json().path("task_uuid").stringValue();
        JsonNode ended = api.awaitTask(task);
        assertThat(ended.path("status").stringValue()).as(ended.path("log").stringValue()).isEqualTo("failed");
        assertThat(checks.awaitSanitiseTasks(sanitised + 1)).hasSize(sanitised + 1);
        assertThat(checks.variants()).hasSize(before);
        assertThat(storedObjects()).isEqualTo(objects);
        assertThat(checks.scratchLeft()).isEmpty();
        assertThat(scratchPorts()).isZero();
    }

    @Test
    @Order(12)
    void aDeveloperMakesAnInstanceOfTheFullArchiveWithTheRulesAppliedAndFindsNoOriginal() throws Exception {
        int sanitised = sanitiseTasks();
        api.awaitDone(api.runJob(job).path("uuid").stringValue()); // the last one was damaged on purpose
        checks.awaitSanitiseTasks(sanitised + 1);
        assertThat(api.as(developer).post("/v1/images", fields("target", target)).expect(403).error()).contains("download-full");
        String variant = checks.variants().getFirst().path("uuid").stringValue();
        assertThat(api.post("/v1/images", fields("archive", variant, "rules", true)).expect(409).error())
                .contains("already sanitised");
        JsonNode reply = api.as(developer).post("/v1/instances", fields("target", target, "rules", true, "ttl", "1h"))
                .expect(200).json();
        JsonNode built = api.awaitTask(reply.path("task_uuid").stringValue());
        assertThat(built.path("status").stringValue()).as(built.path("log").stringValue()).isEqualTo("done");
        assertThat(built.path("log").stringValue()).contains("applying version 3 of the target's sanitising rules");
        JsonNode image = api.get("/v1/image/" + reply.path("image").path("id").longValue()).expect(200).json();
        assertThat(image.path("sanitised").booleanValue()).isTrue();
        assertThat(image.path("rules_version").intValue()).isEqualTo(3);
        long id = reply.path("instance").path("id").longValue();
        JsonNode instance = await("the instance to run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.as(developer).get("/v1/instance/" + id).expect(200).json(),
                        i -> i.path("state").stringValue().equals("running"));
        List<List<String>> users = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + instance.path("host").stringValue() + ":"
                + instance.path("port").intValue() + "/" + instance.path("database").stringValue(),
                instance.path("user").stringValue(), instance.path("password").stringValue());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id, email, name, phone FROM users ORDER BY id")) {
            while (rows.next()) {
                users.add(List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        }
        assertThat(users).hasSize(USERS);
        for (int i = 1; i <= USERS; i++) {
            assertThat(users.toString()).doesNotContain(email(i)).doesNotContain(name(i));
        }
        assertThat(EngineChecks.query(instance, "SELECT count(*) FROM pg_largeobject_metadata")).containsExactly(List.of("0"));
        assertThat(EngineChecks.query(instance, "SELECT count(*) FROM pg_roles WHERE rolname = 'cairn_sanitise'"))
                .as("the sanitiser's role left in the image").containsExactly(List.of("0"));
        assertThat(built.path("log").stringValue()).contains("dropped the sanitiser's role cairn_sanitise");
        // the rules applied in the image give the values the streamed variant has
        assertThat(users.stream().map(ApiFixture.JSON::valueToTree).toList()).containsAll(users("shop_streamed"));
        api.as(developer).delete("/v1/instance/" + id).expect(200);
        api.as(developer).delete("/v1/image/" + image.path("id").longValue()).expect(200);
    }

    /** Greps the variant's SQL for every original value of every masked column, and for any large object. */
    private static void assertNoOriginalIn(String sql) {
        assertThat(sql).doesNotContain("lo_create").doesNotContain("lowrite");
        for (int i = 1; i <= USERS; i++) {
            assertThat(sql).doesNotContain(email(i)).doesNotContain(name(i)).doesNotContain(phone(i));
        }
        for (int i = 1; i <= ORDERS; i++) {
            assertThat(sql).doesNotContain(note(i));
        }
        for (int i = 1; i <= 30; i++) {
            assertThat(sql).doesNotContain(body(i));
        }
    }

    /** Loads {@code sql} into a new database {@code database} with psql, stopping at the first error. */
    private static void loadInto(String database, String sql) throws IOException {
        postgres.createDatabase(database);
        Path file = root.resolve(database + ".sql");
        Files.writeString(file, sql);
        Shell loaded = shell("psql -v ON_ERROR_STOP=1 -q -h " + postgres.host() + " -p " + postgres.port() + " -U "
                + postgres.user() + " " + database + " < " + file);
        assertThat(loaded.exit()).as(loaded.output()).isZero();
    }

    private static int sanitiseTasks() {
        return (int) StreamSupport.stream(api.get("/v1/tasks").expect(200).json().spliterator(), false)
                .filter(t -> t.path("type").stringValue().equals("sanitise")).count();
    }

    private static List<JsonNode> users(String database) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (List<String> row : postgres.query(database, "SELECT id, email, name, phone FROM users ORDER BY id")) {
            rows.add(ApiFixture.JSON.valueToTree(row));
        }
        return rows;
    }

    private static long scratchPorts() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("data").resolve("catalog.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM instance_ports")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> storedObjects() throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(Path::toString).filter(p -> p.contains("/store-"))
                    .collect(Collectors.toSet());
        }
    }

    /** Runs {@code command} with bash (pipefail), PGPASSWORD set for psql and pg_restore. */
    private static Shell shell(String command) {
        return Shell.run(command, Map.of("PGPASSWORD", postgres.password()));
    }
}
