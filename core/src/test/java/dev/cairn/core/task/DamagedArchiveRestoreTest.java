package dev.cairn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore of a damaged or swapped archive fails before anything is written to the target, for
 * PostgreSQL, MariaDB and a directory, through the real pipeline, stores and plugins: a byte flipped
 * at the start, in the middle or at the end of the stored object, the object cut in half, and
 * another archive's object (alone, or with its manifest) put in its place. Each time the target's
 * rows (or files) are as they were, the log says the target was not changed, and the archive is
 * marked damaged until a verify of the repaired object succeeds.
 */
final class DamagedArchiveRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path temp;
    private static Cairn cairn;
    private static PostgresServer postgres;
    private static MariaDbServer mariadb;

    /** How the stored object is damaged. */
    private enum Damage { FIRST_BYTE, MIDDLE_BYTE, LAST_BYTE, TRUNCATED, OTHER_OBJECT, OTHER_OBJECT_AND_MANIFEST }

    @BeforeAll
    static void start() {
        cairn = CoreFixture.start(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (cairn != null) {
            cairn.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void aDamagedPostgresArchiveNeverTouchesTheDatabase() throws Exception {
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        postgres.createDatabase("other");
        postgres.execute("shop", "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 30000) g;"
                + "CREATE TABLE audit (id int PRIMARY KEY, note text); INSERT INTO audit VALUES (1, 'first')");
        postgres.execute("other", "CREATE TABLE intruder (id int); INSERT INTO intruder SELECT generate_series(1, 5000)");
        Map<String, Object> shop = postgresEndpoint("shop");
        Supplier<String> rows = () -> postgres.query("shop", "SELECT string_agg(table_name, ',' ORDER BY table_name) "
                + "FROM information_schema.tables WHERE table_schema = 'public'").toString()
                + postgres.query("shop", "SELECT count(*), md5(string_agg(i::text, ',' ORDER BY id)) FROM items i")
                + postgres.query("shop", "SELECT count(*), md5(string_agg(a::text, ',' ORDER BY id)) FROM audit a");

        checkEveryDamage("postgres", shop, postgresEndpoint("other"), rows,
                () -> postgres.execute("shop", "DELETE FROM items WHERE id > 20000; UPDATE audit SET note = 'changed'"));
    }

    @Test
    void aDamagedMariaDbArchiveNeverTouchesTheDatabase() throws Exception {
        mariadb = MariaDbServer.start();
        mariadb.execute("SET GLOBAL group_concat_max_len = 100000000");
        mariadb.createDatabase("depot");
        mariadb.createDatabase("elsewhere");
        mariadb.execute("depot", "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL)");
        mariadb.execute("depot", "INSERT INTO items SELECT seq, md5(seq) FROM seq_1_to_30000");
        mariadb.execute("elsewhere", "CREATE TABLE intruder (id INT)");
        mariadb.execute("elsewhere", "INSERT INTO intruder SELECT seq FROM seq_1_to_5000");
        Supplier<String> rows = () -> mariadb.query("depot", "SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM "
                + "information_schema.tables WHERE table_schema = 'depot'").toString()
                + mariadb.query("depot", "SELECT COUNT(*), MD5(GROUP_CONCAT(id, ':', name ORDER BY id SEPARATOR ',')) "
                + "FROM items") + mariadb.checksum("depot", "items");

        checkEveryDamage("mysql", mariaDbEndpoint("depot"), mariaDbEndpoint("elsewhere"), rows,
                () -> mariadb.execute("depot", "DELETE FROM items WHERE id > 20000"));
    }

    @Test
    void aDamagedDirectoryArchiveNeverTouchesTheDirectory() throws Exception {
        Path live = Files.createDirectories(temp.resolve("live"));
        Path other = Files.createDirectories(temp.resolve("other"));
        byte[] noise = new byte[400_000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(live.resolve("data.bin"), noise);
        Files.writeString(Files.createDirectories(live.resolve("docs")).resolve("readme.txt"), "read me");
        Files.writeString(other.resolve("intruder.txt"), "not this target's");
        Files.write(other.resolve("more.bin"), Arrays.copyOf(noise, 100_000));

        checkEveryDamage("fs", Map.of("path", live.toString()), Map.of("path", other.toString()), () -> files(live),
                () -> {
                    try {
                        Files.writeString(live.resolve("docs/readme.txt"), "changed since");
                        Files.writeString(live.resolve("new.txt"), "new");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertThat(live.resolve("new.txt")).as("the good restore replaced the directory").doesNotExist();
        assertThat(live.resolve("docs/readme.txt")).hasContent("read me");
    }

    /**
     * Backs up {@code endpoint} and {@code otherEndpoint}, changes the target with {@code change},
     * then restores the first archive once with every kind of damage, checking each time that
     * {@code fingerprint} of the target is unchanged, and finally restores it undamaged.
     */
    private void checkEveryDamage(String plugin, Map<String, Object> endpoint, Map<String, Object> otherEndpoint,
                                  Supplier<String> fingerprint, Runnable change) throws Exception {
        Path storeDir = temp.resolve("store-" + plugin);
        Job job = CoreFixture.job(cairn, plugin, endpoint, storeDir, "daily 4am");
        Job otherJob = CoreFixture.job(cairn, plugin, otherEndpoint, storeDir, "daily 4am");
        Archive archive = backUp(job);
        Archive otherArchive = backUp(otherJob);
        Target target = cairn.catalog().targets().get(job.target());
        change.run();
        String before = fingerprint.get();
        Path object = storeDir.resolve(archive.storeKey());
        Path manifest = storeDir.resolve(archive.manifestKey());
        byte[] good = Files.readAllBytes(object);
        byte[] goodManifest = Files.readAllBytes(manifest);

        for (Damage damage : Damage.values()) {
            damage(damage, object, manifest, good, storeDir.resolve(otherArchive.storeKey()),
                    storeDir.resolve(otherArchive.manifestKey()));

            Task restore = finished(cairn.requests().restore(archive.uuid(), null, "alice"));

            assertThat(restore.status()).as(damage + ": " + restore.log()).isEqualTo(TaskStatus.FAILED);
            assertThat(fingerprint.get()).as(damage + ": the target's rows after the restore").isEqualTo(before);
            assertThat(restore.log()).as(damage.toString())
                    .contains("checking the archive before anything is written to target " + target.name())
                    .contains("target " + target.name() + " was not changed")
                    .doesNotContain("now restoring it into target");
            assertThat(restore.log()).as(damage.toString()).contains(switch (damage) {
                case FIRST_BYTE -> "its age header cannot be read";
                case OTHER_OBJECT_AND_MANIFEST -> "its manifest belongs to archive " + otherArchive.uuid();
                default -> "is damaged or is not this archive's: expected sha256 " + archive.sha256();
            });
            assertThat(cairn.catalog().archives().get(archive.uuid()).status()).isEqualTo(Archive.Status.DAMAGED);
            assertThatThrownBy(() -> cairn.requests().restore(archive.uuid(), null, "alice"))
                    .isInstanceOf(CairnException.Conflict.class).hasMessageContaining("is damaged");

            Files.write(object, good);
            Files.write(manifest, goodManifest);
            Task verify = finished(cairn.requests().verify(archive.uuid(), "alice"));
            assertThat(verify.status()).as(verify.log()).isEqualTo(TaskStatus.DONE);
            assertThat(cairn.catalog().archives().get(archive.uuid()).status()).isEqualTo(Archive.Status.VALID);
        }

        Task restore = finished(cairn.requests().restore(archive.uuid(), null, "alice"));
        assertThat(restore.status()).as(restore.log()).isEqualTo(TaskStatus.DONE);
        assertThat(fingerprint.get()).as("an undamaged restore changes the target back").isNotEqualTo(before);
    }

    private static void damage(Damage damage, Path object, Path manifest, byte[] good, Path otherObject,
                               Path otherManifest) throws IOException {
        switch (damage) {
            case FIRST_BYTE -> Files.write(object, flipped(good, 0));
            case MIDDLE_BYTE -> Files.write(object, flipped(good, good.length / 2));
            case LAST_BYTE -> Files.write(object, flipped(good, good.length - 1));
            case TRUNCATED -> Files.write(object, Arrays.copyOf(good, good.length / 2));
            case OTHER_OBJECT -> Files.copy(otherObject, object, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            case OTHER_OBJECT_AND_MANIFEST -> {
                Files.copy(otherObject, object, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(otherManifest, manifest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static byte[] flipped(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x5a;
        return copy;
    }

    private static Archive backUp(Job job) {
        Task backup = finished(cairn.requests().runJob(job.uuid(), "alice"));
        assertThat(backup.status()).as(backup.log()).isEqualTo(TaskStatus.DONE);
        return cairn.catalog().archives().list(ArchiveFilter.ALL).stream()
                .filter(a -> a.target().equals(job.target())).findFirst().orElseThrow();
    }

    private static Task finished(Task task) {
        await().atMost(WAIT).until(() -> cairn.catalog().tasks().get(task.uuid()).status().finished());
        return cairn.catalog().tasks().get(task.uuid());
    }

    private static Map<String, Object> postgresEndpoint(String database) {
        return Map.of("host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", database);
    }

    private static Map<String, Object> mariaDbEndpoint(String database) {
        return Map.of("host", mariadb.host(), "port", mariadb.port(), "user", mariadb.user(),
                "password", mariadb.password(), "database", database);
    }

    /** Every path under {@code root} with the SHA-256 of its content, in order. */
    static String files(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            List<String> listed = paths.sorted().map(path -> root.relativize(path) + "=" + digest(path)).toList();
            return String.join("\n", listed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(Path path) {
        if (!Files.isRegularFile(path)) {
            return "dir";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
