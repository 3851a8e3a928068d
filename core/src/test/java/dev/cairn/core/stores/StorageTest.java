package dev.cairn.core.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.pipeline.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the core does with stores, through the real fs target and fs store: copies to several
 * stores, verify (and a corrupted object failing it), the self-test, and rebuilding a lost
 * catalog from the manifests in a store.
 */
final class StorageTest {
    @TempDir
    Path temp;
    private Cairn cairn;
    private Path source;

    @BeforeEach
    void start() throws IOException {
        source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "first file\n");
        Files.write(source.resolve("b.bin"), new byte[300_000]);
        cairn = startCore(temp.resolve("data"));
    }

    @AfterEach
    void stop() {
        if (cairn != null) {
            cairn.close();
        }
    }

    private static Cairn startCore(Path data) {
        return CoreFixture.start(CairnSettings.defaults(data).withScheduling(false, Duration.ofSeconds(15)),
                Clock.systemUTC());
    }

    private Task finished(Task task) {
        await().atMost(Duration.ofSeconds(60)).until(() -> cairn.catalog().tasks().get(task.uuid()).status().finished());
        return cairn.catalog().tasks().get(task.uuid());
    }

    private Store store(String name, Path path) {
        Store store = new Store(UUID.randomUUID(), name, "", "fs", Map.of("path", path.toString()));
        cairn.catalog().stores().insert(store);
        return store;
    }

    private Job withCopies(Job job, List<UUID> copies, boolean verify) {
        Job changed = new Job(job.uuid(), job.name(), job.summary(), job.target(), job.store(), job.schedule(),
                job.retention(), job.priority(), job.paused(), null, copies, verify);
        cairn.catalog().jobs().update(changed);
        return cairn.catalog().jobs().get(job.uuid());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Target restoreTarget(Path into) {
        Target target = new Target(UUID.randomUUID(), "restored-" + into.getFileName(), "", "fs",
                Map.of("path", into.toString()), "");
        cairn.catalog().targets().insert(target);
        return target;
    }

    @Test
    void oneRunWritesEveryCopyAndAnySurvivingCopyRestores() throws Exception {
        Job job = CoreFixture.job(cairn, "fs", Map.of("path", source.toString()), temp.resolve("store-a"), "daily 4am");
        Store second = store("second", temp.resolve("store-b"));
        job = withCopies(job, List.of(second.uuid()), false);
        assertThat(job.copies()).containsExactly(second.uuid());

        Task task = finished(cairn.requests().runJob(job.uuid(), "alice"));
        assertThat(task.status()).as(task.log()).isEqualTo(TaskStatus.DONE);
        List<Archive> archives = cairn.catalog().archives().list(ArchiveFilter.ALL);
        assertThat(archives).extracting(Archive::store).containsExactlyInAnyOrder(job.store(), second.uuid());
        assertThat(archives).extracting(Archive::sha256).containsOnly(archives.getFirst().sha256());
        assertThat(task.log()).contains("stored in second");

        deleteTree(temp.resolve("store-a"));
        Archive survivor = archives.stream().filter(a -> a.store().equals(second.uuid())).findFirst().orElseThrow();
        Path into = temp.resolve("restored");
        Task restore = finished(cairn.requests().restore(survivor.uuid(), restoreTarget(into).uuid(), "alice"));
        assertThat(restore.status()).as(restore.log()).isEqualTo(TaskStatus.DONE);
        assertThat(Files.readString(into.resolve("a.txt"))).isEqualTo("first file\n");
        assertThat(Files.size(into.resolve("b.bin"))).isEqualTo(300_000);
    }

    @Test
    void aStoreThatFailsCostsOnlyItsCopyAndFailsTheTask() throws Exception {
        Job job = CoreFixture.job(cairn, "fs", Map.of("path", source.toString()), temp.resolve("store-a"), "daily 4am");
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "in the way");
        Store broken = store("broken", notADirectory.resolve("store"));
        job = withCopies(job, List.of(broken.uuid()), false);

        Task task = finished(cairn.requests().runJob(job.uuid(), "alice"));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.log()).contains("copy to store broken failed");
        assertThat(cairn.catalog().archives().list(ArchiveFilter.ALL)).extracting(Archive::store)
                .containsExactly(job.store());
    }

    @Test
    void verifyPassesOnAGoodArchiveAndNamesTheArchiveWhenItsObjectIsCorrupted() throws Exception {
        Job job = withCopies(CoreFixture.job(cairn, "fs", Map.of("path", source.toString()), temp.resolve("store"),
                "daily 4am"), List.of(), true);
        Task backup = finished(cairn.requests().runJob(job.uuid(), "alice"));
        assertThat(backup.status()).as(backup.log()).isEqualTo(TaskStatus.DONE);
        Archive archive = cairn.catalog().archives().list(ArchiveFilter.ALL).getFirst();

        await().atMost(Duration.ofSeconds(60)).until(() -> cairn.catalog().tasks().list(null, 100).stream()
                .anyMatch(t -> t.op() == Task.Op.VERIFY && t.status().finished()));
        Task automatic = cairn.catalog().tasks().list(null, 100).stream().filter(t -> t.op() == Task.Op.VERIFY)
                .findFirst().orElseThrow();
        assertThat(automatic.status()).as(automatic.log()).isEqualTo(TaskStatus.DONE);
        assertThat(automatic.log()).contains("verified");

        Path object = temp.resolve("store").resolve(archive.storeKey());
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(object, bytes);

        Task verify = finished(cairn.requests().verify(archive.uuid(), "alice"));
        assertThat(verify.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(verify.log()).contains("archive " + archive.uuid() + " failed verification")
                .contains("is damaged or is not this archive's: expected sha256 " + archive.sha256())
                .contains("it is marked damaged");
        assertThat(cairn.catalog().archives().get(archive.uuid()).status()).isEqualTo(Archive.Status.DAMAGED);
        assertThat(cairn.catalog().archives().list(ArchiveFilter.ALL)).as("a damaged archive is still listed")
                .extracting(Archive::uuid).contains(archive.uuid());
    }

    @Test
    void theSelfTestRecordsAHealthyStoreAndOneThatCannotBeWritten() throws Exception {
        Store good = store("good", temp.resolve("good-store"));
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "in the way");
        Store bad = store("bad", notADirectory.resolve("store"));

        assertThat(cairn.storeSelfTest().test(good.uuid())).isEqualTo(new StoreSelfTest.Result(true, null));
        StoreSelfTest.Result failed = cairn.storeSelfTest().test(bad.uuid());
        assertThat(failed.healthy()).isFalse();
        assertThat(failed.error()).startsWith("cannot write a test blob");

        Map<UUID, StoreHealth> health = cairn.catalog().stores().health();
        assertThat(health.get(good.uuid()).healthy()).isTrue();
        assertThat(health.get(good.uuid()).checkedAt()).isNotNull();
        assertThat(health.get(bad.uuid()).healthy()).isFalse();
        assertThat(health.get(bad.uuid()).error()).isEqualTo(failed.error());
        try (Stream<Path> left = Files.walk(temp.resolve("good-store"))) {
            assertThat(left.filter(Files::isRegularFile)).as("test blobs are purged").isEmpty();
        }
    }

    @Test
    void aLostCatalogIsRebuiltFromTheStoreAndItsArchivesRestore() throws Exception {
        Job job = CoreFixture.job(cairn, "fs", Map.of("path", source.toString()), temp.resolve("store"), "daily 4am");
        Task backup = finished(cairn.requests().runJob(job.uuid(), "alice"));
        assertThat(backup.status()).as(backup.log()).isEqualTo(TaskStatus.DONE);
        Archive original = cairn.catalog().archives().list(ArchiveFilter.ALL).getFirst();
        String targetName = cairn.catalog().targets().get(original.target()).name();
        cairn.close();

        // The server is lost but for its key, which the operator kept (or an offline recipient's).
        Path fresh = Files.createDirectories(temp.resolve("fresh-data"));
        Files.copy(temp.resolve("data").resolve("cairn.key"), fresh.resolve("cairn.key"));
        cairn = startCore(fresh);
        Store store = store("store-again", temp.resolve("store"));

        CatalogRecovery.Outcome outcome = cairn.recovery().recover(store.uuid());
        assertThat(outcome.recovered()).containsExactly(original.uuid());
        assertThat(outcome.createdTargets()).containsExactly(targetName);
        Archive recovered = cairn.catalog().archives().get(original.uuid());
        assertThat(recovered.sha256()).isEqualTo(original.sha256());
        assertThat(recovered.takenAt()).isEqualTo(original.takenAt());
        assertThat(recovered.expiresAt()).isEqualTo(original.expiresAt());
        assertThat(recovered.storeKey()).isEqualTo(original.storeKey());
        assertThat(cairn.catalog().targets().list("fs", Usage.ANY)).extracting(Target::name).contains(targetName);

        assertThat(cairn.recovery().recover(store.uuid()).known()).as("a second recovery adds nothing").isEqualTo(1);

        Path into = temp.resolve("restored");
        Task restore = finished(cairn.requests().restore(recovered.uuid(), restoreTarget(into).uuid(), "ops"));
        assertThat(restore.status()).as(restore.log()).isEqualTo(TaskStatus.DONE);
        assertThat(Files.readString(into.resolve("a.txt"))).isEqualTo("first file\n");
    }

    @Test
    void aRebuiltCatalogKeepsAVariantAVariantAndReadsManifestsWithoutVariantFields() throws Exception {
        Job job = CoreFixture.job(cairn, "fs", Map.of("path", source.toString()), temp.resolve("store"), "daily 4am");
        Task backup = finished(cairn.requests().runJob(job.uuid(), "alice"));
        assertThat(backup.status()).as(backup.log()).isEqualTo(TaskStatus.DONE);
        Archive full = cairn.catalog().archives().list(ArchiveFilter.ALL).getFirst();
        cairn.close();

        // the full archive's manifest, as written (no variant fields), and beside it a variant's
        Path store = temp.resolve("store");
        Path fullManifest;
        try (Stream<Path> files = Files.walk(store)) {
            fullManifest = files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).findFirst().orElseThrow();
        }
        String written = Files.readString(fullManifest);
        assertThat(written).doesNotContain("\"variant\"", "\"source_archive\"", "\"rules_version\"");
        Manifest m = Manifest.fromJson(written.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(m.describesVariant()).isFalse();
        UUID variantUuid = UUID.randomUUID();
        Manifest variant = new Manifest(variantUuid.toString(), m.targetUuid(), m.targetName(), m.targetPlugin(), m.storeUuid(),
                m.jobUuid(), m.objectKey(), m.rawSize(), m.storedSize(), m.sha256(), m.compression(), m.encryption(),
                m.recipients(), m.takenAt(), m.expiresAt(), m.cairnVersion(), m.readWithoutCairn(), "sanitised",
                full.uuid().toString(), 3);
        Files.write(fullManifest.resolveSibling("variant-" + fullManifest.getFileName()), variant.toJson());
        assertThat(Manifest.fromJson(variant.toJson())).isEqualTo(variant);

        Path fresh = Files.createDirectories(temp.resolve("fresh-data"));
        Files.copy(temp.resolve("data").resolve("cairn.key"), fresh.resolve("cairn.key"));
        cairn = startCore(fresh);
        Store again = store("store-again", store);
        CatalogRecovery.Outcome outcome = cairn.recovery().recover(again.uuid());
        assertThat(outcome.unreadable()).isEmpty();
        assertThat(outcome.recovered()).containsExactlyInAnyOrder(full.uuid(), variantUuid);

        Archive rebuiltFull = cairn.catalog().archives().get(full.uuid());
        assertThat(rebuiltFull.isVariant()).isFalse();
        assertThat(rebuiltFull.sourceArchive()).isNull();
        assertThat(rebuiltFull.rulesVersion()).isZero();
        Archive rebuiltVariant = cairn.catalog().archives().get(variantUuid);
        assertThat(rebuiltVariant.isVariant()).as("a rebuilt catalog never hands a variant out as a full archive").isTrue();
        assertThat(rebuiltVariant.variant()).isEqualTo("sanitised");
        assertThat(rebuiltVariant.sourceArchive()).isEqualTo(full.uuid());
        assertThat(rebuiltVariant.rulesVersion()).isEqualTo(3);
    }
}
