package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /v1/archives}, {@code /v1/archive/{uuid}} and its restore, over real fs targets and stores. */
class ArchivesApiTest {
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long EXPIRY = 86400 * 7;

    @TempDir
    static Path root;
    static ApiFixture api;
    static String schedule;
    static String retention;
    /** One archive of a small directory, shared by the tests that only read or annotate it. */
    static String target;
    static String store;
    static String archive;

    @BeforeAll
    static void start() throws IOException {
        api = ApiFixture.start(root);
        schedule = api.schedule("nightly", "daily at 3am");
        retention = api.retention("one week", EXPIRY);
        Path source = api.directory("shared-source");
        Files.writeString(source.resolve("notes.txt"), "shared\n");
        target = api.fsTarget("shared files", source);
        store = api.fsStore("shared store", api.directory("shared-store"));
        String job = api.job("shared job", target, store, schedule, retention);
        archive = api.awaitDone(api.runJob(job).path("uuid").stringValue()).path("archive_uuid").stringValue();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void verifyQueuesATaskThatReadsTheArchiveBack() {
        JsonNode reply = api.post("/v1/archive/" + archive + "/verify", fields("owner", "ops")).expect(200).json();
        JsonNode task = api.awaitDone(reply.path("task_uuid").stringValue());
        assertThat(task.path("type").stringValue()).isEqualTo("verify");
        assertThat(task.path("log").stringValue()).contains("verified: checksum matches");
        api.post("/v1/archive/" + java.util.UUID.randomUUID() + "/verify", fields()).expect(404);
    }

    @Test
    void backsUpListsRestoresAndPurgesThroughTheApi() throws Exception {
        Path source = api.directory("site");
        Files.writeString(source.resolve("index.html"), "<h1>hello</h1>\n");
        Files.createDirectories(source.resolve("img"));
        byte[] logo = new byte[200_000];
        new java.util.Random(7).nextBytes(logo);
        Files.write(source.resolve("img/logo.bin"), logo);
        Path storeDirectory = api.directory("site-store");
        String siteTarget = api.fsTarget("site files", source);
        String siteStore = api.fsStore("site store", storeDirectory);
        String job = api.job("site job", siteTarget, siteStore, schedule, retention);

        JsonNode run = api.post("/v1/job/" + job + "/run", fields("owner", "ops")).expect(200).json();
        assertThat(run.path("ok").stringValue()).isEqualTo("scheduled");
        JsonNode backup = api.awaitDone(run.path("task_uuid").stringValue());
        String uuid = backup.path("archive_uuid").stringValue();

        JsonNode listed = api.get("/v1/archives?target=" + siteTarget).expect(200).json();
        assertThat(listed).hasSize(1);
        JsonNode item = listed.get(0);
        assertThat(item.propertyNames()).contains("uuid", "store_key", "taken_at", "expires_at", "notes", "store_uuid",
                "store_plugin", "store_endpoint", "target_uuid", "target_plugin", "target_endpoint", "size",
                "stored_size", "sha256");
        assertThat(item.path("uuid").stringValue()).isEqualTo(uuid);
        assertThat(item.path("store_uuid").stringValue()).isEqualTo(siteStore);
        assertThat(item.path("target_uuid").stringValue()).isEqualTo(siteTarget);
        assertThat(item.path("store_plugin").stringValue()).isEqualTo("fs");
        assertThat(item.path("target_plugin").stringValue()).isEqualTo("fs");
        assertThat(item.path("notes").stringValue()).isEmpty();
        assertThat(item.path("size").longValue()).isGreaterThan(logo.length);
        LocalDateTime takenAt = LocalDateTime.parse(item.path("taken_at").stringValue(), WIRE);
        LocalDateTime expiresAt = LocalDateTime.parse(item.path("expires_at").stringValue(), WIRE);
        assertThat(expiresAt).isEqualTo(takenAt.plusSeconds(EXPIRY));
        assertThat(api.get("/v1/archive/" + uuid).expect(200).json()).isEqualTo(item);

        // What the catalog says is what the store holds.
        Path object = storeDirectory.resolve(item.path("store_key").stringValue());
        assertThat(object).isRegularFile();
        assertThat(item.path("stored_size").longValue()).isEqualTo(Files.size(object));
        assertThat(item.path("sha256").stringValue()).matches("[0-9a-f]{64}").isEqualTo(sha256(object));

        Files.writeString(source.resolve("index.html"), "<h1>defaced</h1>\n");
        Files.delete(source.resolve("img/logo.bin"));
        Files.writeString(source.resolve("intruder.txt"), "not from the backup\n");

        JsonNode restore = api.post("/v1/archive/" + uuid + "/restore", fields("owner", "ops")).expect(200).json();
        assertThat(restore.propertyNames()).containsExactlyInAnyOrder("ok", "task_uuid");
        assertThat(restore.path("ok").stringValue()).isEqualTo("scheduled");
        JsonNode restoreTask = api.awaitDone(restore.path("task_uuid").stringValue());
        assertThat(restoreTask.path("type").stringValue()).isEqualTo("restore");
        assertThat(restoreTask.path("archive_uuid").stringValue()).isEqualTo(uuid);
        assertThat(restoreTask.path("owner").stringValue()).isEqualTo("admin");
        assertThat(restoreTask.path("owner_note").stringValue()).isEqualTo("ops");

        assertThat(source.resolve("index.html")).hasContent("<h1>hello</h1>\n");
        assertThat(Files.readAllBytes(source.resolve("img/logo.bin"))).isEqualTo(logo);
        assertThat(source.resolve("intruder.txt")).doesNotExist();

        JsonNode deleted = api.delete("/v1/archive/" + uuid).expect(200).json();
        assertThat(deleted.path("ok").stringValue()).isEqualTo("deleted");
        assertThat(object).doesNotExist();
        try (Stream<Path> left = Files.walk(storeDirectory)) {
            assertThat(left.filter(Files::isRegularFile)).as("objects and manifests left in the store").isEmpty();
        }
        assertThat(api.get("/v1/archives?target=" + siteTarget).expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/archive/" + uuid).expect(200).json().path("status").stringValue()).isEqualTo("purged");
        assertThat(api.post("/v1/archive/" + uuid + "/restore", null).expect(409).error()).contains(uuid);
    }

    @Test
    void archivesFilterByTheJobThatTookThemAndTheNewestComeFirstWithinALimit() throws IOException {
        Path source = api.directory("two jobs");
        Files.writeString(source.resolve("a.txt"), "a\n");
        String shared = api.fsTarget("two jobs files", source);
        String sharedStore = api.fsStore("two jobs store", api.directory("two-jobs-store"));
        // two jobs on the same target and store: only the job recorded on each archive tells them apart
        String daily = api.job("daily of two", shared, sharedStore, schedule, retention);
        String weekly = api.job("weekly of two", shared, sharedStore, schedule, retention);
        String first = api.awaitDone(api.runJob(daily).path("uuid").stringValue()).path("archive_uuid").stringValue();
        String second = api.awaitDone(api.runJob(daily).path("uuid").stringValue()).path("archive_uuid").stringValue();
        String other = api.awaitDone(api.runJob(weekly).path("uuid").stringValue()).path("archive_uuid").stringValue();

        assertThat(api.get("/v1/archives?job=" + daily).expect(200).uuids()).containsExactlyInAnyOrder(first, second);
        assertThat(api.get("/v1/archives?job=" + weekly).expect(200).uuids()).containsExactly(other);
        assertThat(api.get("/v1/archives?target=" + shared).expect(200).uuids()).hasSize(3);
        assertThat(api.get("/v1/archives?job=" + daily + "&limit=1").expect(200).uuids()).hasSize(1)
                .containsAnyOf(first, second)
                .containsExactly(api.get("/v1/archives?job=" + daily).expect(200).uuids().getFirst());
        assertThat(api.get("/v1/archives?job=" + UUID.randomUUID()).expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/archives?job=nightly").expect(400).error()).contains("job");
        assertThat(api.get("/v1/archives?job=" + daily + "&limit=0").expect(400).error()).contains("limit");

        JsonNode listed = api.get("/v1/archives?job=" + weekly).expect(200).json().get(0);
        assertThat(listed.path("job_uuid").stringValue()).isEqualTo(weekly);
        assertThat(listed.path("job_name").stringValue()).isEqualTo("weekly of two");
        assertThat(listed.path("target_name").stringValue()).isEqualTo("two jobs files");
    }

    @Test
    void restoresIntoAnotherTargetOfTheSamePlugin() throws IOException {
        Path elsewhere = api.directory("elsewhere");
        Files.writeString(elsewhere.resolve("old.txt"), "replaced by the restore\n");
        String copy = api.fsTarget("copy of shared files", elsewhere);

        JsonNode reply = api.post("/v1/archive/" + archive + "/restore", fields("target", copy)).expect(200).json();
        JsonNode task = api.awaitDone(reply.path("task_uuid").stringValue());
        assertThat(task.path("owner").stringValue()).isEqualTo("admin");
        assertThat(task.path("owner_note").stringValue()).isEmpty();
        assertThat(task.path("target_uuid").stringValue()).isEqualTo(copy);
        assertThat(elsewhere.resolve("notes.txt")).hasContent("shared\n");
        assertThat(elsewhere.resolve("old.txt")).doesNotExist();
    }

    @Test
    void restoringIntoATargetOfAnotherPluginIsAConflict() {
        String database = api.create("/v1/targets", fields("name", "a database", "plugin", "postgres",
                "endpoint", Map.of("host", "db", "database", "shop")));
        ApiReply reply = api.post("/v1/archive/" + archive + "/restore", fields("target", database)).expect(409);
        assertThat(reply.error()).contains("postgres");
        assertThat(api.get("/v1/tasks?status=pending").expect(200).body()).doesNotContain(database);
    }

    /**
     * Seed 004 lets a target change plugin. Its old archives still hold the old plugin's stream:
     * they restore into targets of that plugin, and not into the changed target.
     */
    @Test
    void anArchiveRestoresByThePluginItWasTakenWith() throws IOException {
        Path source = api.directory("migrating");
        Files.writeString(source.resolve("data.txt"), "taken as files\n");
        String migrating = api.fsTarget("migrating", source);
        String job = api.job("migrating job", migrating, api.fsStore("migrating store", api.directory("migrating-store")),
                schedule, retention);
        String taken = api.awaitDone(api.runJob(job).path("uuid").stringValue()).path("archive_uuid").stringValue();
        api.put("/v1/target/" + migrating, fields("name", "migrating", "summary", "now a database", "plugin", "postgres",
                "endpoint", Map.of("host", "db", "database", "shop"), "agent", "")).expect(200);

        assertThat(api.post("/v1/archive/" + taken + "/restore", fields()).expect(409).error()).contains("postgres");
        Path copy = api.directory("migrated-copy");
        JsonNode reply = api.post("/v1/archive/" + taken + "/restore", fields("target", api.fsTarget("fs copy", copy)))
                .expect(200).json();
        api.awaitDone(reply.path("task_uuid").stringValue());
        assertThat(copy.resolve("data.txt")).hasContent("taken as files\n");
    }

    @Test
    void aFailedVerifyShowsTheArchiveDamagedAndRestoresRefuseItUntilAVerifySucceeds() throws IOException {
        Path source = api.directory("fragile");
        Files.writeString(source.resolve("data.txt"), "fragile data\n".repeat(1000));
        Path storeDirectory = api.directory("fragile-store");
        String job = api.job("fragile job", api.fsTarget("fragile", source), api.fsStore("fragile store", storeDirectory),
                schedule, retention);
        String taken = api.awaitDone(api.runJob(job).path("uuid").stringValue()).path("archive_uuid").stringValue();
        Path object = storeDirectory.resolve(api.get("/v1/archive/" + taken).expect(200).json().path("store_key").stringValue());
        byte[] good = Files.readAllBytes(object);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x01;
        Files.write(object, bad);

        JsonNode verify = api.awaitTask(api.post("/v1/archive/" + taken + "/verify", fields()).expect(200).json()
                .path("task_uuid").stringValue());

        assertThat(verify.path("status").stringValue()).isEqualTo("failed");
        JsonNode shown = api.get("/v1/archive/" + taken).expect(200).json();
        assertThat(shown.path("status").stringValue()).isEqualTo("damaged");
        assertThat(shown.path("damage").stringValue()).contains("expected sha256");
        assertThat(api.get("/v1/archives").expect(200).json()).anySatisfy(a -> {
            assertThat(a.path("uuid").stringValue()).isEqualTo(taken);
            assertThat(a.path("status").stringValue()).isEqualTo("damaged");
        });
        assertThat(api.post("/v1/archive/" + taken + "/restore", fields()).expect(409).error())
                .contains(taken, "is damaged", "expected sha256");

        Files.write(object, good);
        api.awaitDone(api.post("/v1/archive/" + taken + "/verify", fields()).expect(200).json().path("task_uuid").stringValue());
        assertThat(api.get("/v1/archive/" + taken).expect(200).json().path("status").stringValue()).isEqualTo("valid");
        api.awaitDone(api.post("/v1/archive/" + taken + "/restore", fields()).expect(200).json().path("task_uuid").stringValue());
    }

    @Test
    void restoreRefusesAMalformedBodyOrTarget() {
        assertThat(api.post("/v1/archive/" + archive + "/restore", "{\"target\":").expect(400).error()).isNotBlank();
        assertThat(api.post("/v1/archive/" + archive + "/restore", fields("target", "mine")).expect(400).error())
                .contains("target", "mine");
    }

    @Test
    void annotatesAnArchive() {
        JsonNode updated = api.put("/v1/archive/" + archive, fields("notes", "before change #422")).expect(200).json();
        assertThat(updated.path("ok").stringValue()).isEqualTo("updated");
        assertThat(api.get("/v1/archive/" + archive).expect(200).json().path("notes").stringValue())
                .isEqualTo("before change #422");

        ApiReply missing = api.put("/v1/archive/" + archive, fields()).expect(400);
        assertThat(missing.missing()).containsExactly("notes");
        api.put("/v1/archive/" + archive, "{notes}").expect(400);
    }

    @Test
    void filtersByTargetStoreAndDay() {
        LocalDate taken = LocalDateTime.parse(api.get("/v1/archive/" + archive).expect(200).json().path("taken_at")
                .stringValue(), WIRE).toLocalDate();
        String today = taken.format(DateTimeFormatter.BASIC_ISO_DATE);
        String tomorrow = taken.plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        String otherStore = api.fsStore("empty store", api.directory("empty-store"));

        assertThat(api.get("/v1/archives").expect(200).uuids()).contains(archive);
        assertThat(api.get("/v1/archives?target=" + target).expect(200).uuids()).containsExactly(archive);
        assertThat(api.get("/v1/archives?store=" + store).expect(200).uuids()).containsExactly(archive);
        assertThat(api.get("/v1/archives?store=" + otherStore).expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/archives?target=" + UUID.randomUUID()).expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/archives?target=" + target + "&store=" + store + "&after=" + today + "&before=" + tomorrow)
                .expect(200).uuids()).containsExactly(archive);
        assertThat(api.get("/v1/archives?target=" + target + "&after=" + tomorrow).expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/archives?target=" + target + "&before=" + today).expect(200).uuids()).isEmpty();
        assertThat(api.get("/v1/archives?target=" + target + "&after=20151025").expect(200).uuids()).containsExactly(archive);
        assertThat(api.get("/v1/archives?after=2015-10-25").expect(400).error()).contains("after", "2015-10-25");
        assertThat(api.get("/v1/archives?before=yesterday").expect(400).error()).contains("before", "yesterday");
        assertThat(api.get("/v1/archives?store=vault").expect(400).error()).contains("store", "vault");
    }

    @Test
    void anUnknownArchiveIsNotFound() {
        String unknown = "/v1/archive/" + UUID.randomUUID();
        assertThat(api.get(unknown).expect(404).error()).isNotBlank();
        api.put(unknown, fields("notes", "n")).expect(404);
        api.delete(unknown).expect(404);
        api.post(unknown + "/restore", fields()).expect(404);
    }

    @Test
    void deletingAStoreThatHoldsArchivesIsAConflict() {
        JsonNode jobs = api.get("/v1/jobs?store=" + store).expect(200).json();
        jobs.forEach(job -> api.delete("/v1/job/" + job.path("uuid").stringValue()).expect(200));
        assertThat(api.delete("/v1/store/" + store).expect(409).error()).contains("archive");
        api.get("/v1/archive/" + archive).expect(200);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
