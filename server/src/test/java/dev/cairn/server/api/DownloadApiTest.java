package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.access.PasswordHash;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's download, for real: {@code curl -u user:password …/download/NAME | psql} into a new database
 * of a real PostgreSQL, as SQL over an older copy, a resumed Range, a damaged object cut off, and who may
 * download what.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DownloadApiTest {
    private static final String PASSWORD = "fr3dsPa55w0rd";
    @TempDir
    static Path root;
    static ApiFixture api;
    static PostgresServer postgres;
    static String target;
    static String job;
    static UUID team;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        postgres.execute("shop", "CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL)");
        postgres.execute("shop", "INSERT INTO orders SELECT i, 'item ' || i FROM generate_series(1, 500) i");
        api = ApiFixture.start(root);
        target = api.create("/v1/targets", fields("name", "shop-db", "plugin", "postgres", "endpoint", Map.of(
                "host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", "shop")));
        String store = api.fsStore("downloads", api.directory("store"));
        job = api.job("shop-nightly", target, store, api.schedule("dl", "daily at 4am"), api.retention("dl", 86400));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        var access = api.cairn().access();
        team = UUID.randomUUID();
        access.teams().insert(new Team(team, "shop", ""));
        var catalog = api.cairn().catalog();
        catalog.targets().update(catalog.targets().get(UUID.fromString(target)).ownedBy(team));
        person("fred", Role.OPERATOR, team);
        person("dora", Role.DEVELOPER, team);
        person("vic", Role.VIEWER, team);
        UUID other = UUID.randomUUID();
        access.teams().insert(new Team(other, "billing", ""));
        person("olga", Role.OPERATOR, other);
        // archives made before the target had a team stay no team's: the next backup is the team's
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
    }

    private static void person(String name, Role role, UUID team) {
        User user = new User(UUID.randomUUID(), name, name, PasswordHash.hash(PASSWORD), false, User.LOCAL, Instant.now());
        api.cairn().access().users().insert(user);
        api.cairn().access().teams().setMember(team, user.uuid(), role, "local");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void curlIntoPsqlRestoresTheLatestSnapshotIntoANewDatabase() {
        postgres.createDatabase("shop_dev");
        Shell piped = shell("curl -fsS -u fred:" + PASSWORD + " " + url("/download/shop-db")
                + " | pg_restore --no-owner -h " + postgres.host() + " -p " + postgres.port() + " -U " + postgres.user()
                + " -d shop_dev");
        assertThat(piped.exit()).as(piped.output()).isZero();
        assertThat(postgres.query("shop_dev", "SELECT count(*), sum(id) FROM orders"))
                .isEqualTo(postgres.query("shop", "SELECT count(*), sum(id) FROM orders"));
    }

    @Test
    @Order(2)
    void asCleanSqlItReplaysOverAnOlderCopy() {
        postgres.createDatabase("shop_old");
        postgres.execute("shop_old", "CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL)");
        postgres.execute("shop_old", "INSERT INTO orders VALUES (9999, 'stale')");
        Shell piped = shell("curl -fsS -u fred:" + PASSWORD + " '" + url("/download/shop-db?format=sql&clean=true")
                + "' | psql -v ON_ERROR_STOP=1 -q -h " + postgres.host() + " -p " + postgres.port() + " -U "
                + postgres.user() + " shop_old");
        assertThat(piped.exit()).as(piped.output()).isZero();
        assertThat(postgres.query("shop_old", "SELECT count(*), sum(id) FROM orders"))
                .isEqualTo(postgres.query("shop", "SELECT count(*), sum(id) FROM orders"));
    }

    @Test
    @Order(3)
    void headersNameTheFileAndARangeGivesExactlyTheBytesAfterItsOffset() throws IOException {
        Path whole = root.resolve("whole.dump");
        Shell full = shell("curl -fsS -D " + root.resolve("headers.txt") + " -u fred:" + PASSWORD + " -o " + whole + " "
                + url("/v1/target/" + target + "/latest"));
        assertThat(full.exit()).as(full.output()).isZero();
        String headers = Files.readString(root.resolve("headers.txt")).toLowerCase();
        assertThat(headers).contains("content-disposition: attachment; filename=\"shop-db-")
                .contains(".dump\"").contains("etag: \"").contains("last-modified: ").contains("accept-ranges: bytes")
                .contains("content-length: " + Files.size(whole));
        byte[] all = Files.readAllBytes(whole);
        assertThat(Arrays.copyOf(all, 5)).isEqualTo("PGDMP".getBytes());
        int offset = all.length / 2;
        Path tail = root.resolve("tail.dump");
        Shell ranged = shell("curl -fsS -D " + root.resolve("ranged.txt") + " -r " + offset + "- -u fred:" + PASSWORD
                + " -o " + tail + " " + url("/v1/target/" + target + "/latest"));
        assertThat(ranged.exit()).as(ranged.output()).isZero();
        assertThat(Files.readString(root.resolve("ranged.txt"))).startsWith("HTTP/1.1 206")
                .contains("bytes " + offset + "-" + (all.length - 1) + "/" + all.length);
        assertThat(Files.readAllBytes(tail)).isEqualTo(Arrays.copyOfRange(all, offset, all.length));
    }

    @Test
    @Order(4)
    void whoMayDownloadWhat() {
        String latest = "/v1/target/" + target + "/latest";
        ApiReply viewer = api.request("GET", latest, null, basic("vic"));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json().path("permission").stringValue()).isEqualTo("download-full");
        ApiReply developer = api.request("GET", latest, null, basic("dora"));
        assertThat(developer.status()).isEqualTo(403);
        assertThat(developer.error()).contains("download-full");
        ApiReply variant = api.request("GET", latest + "?variant=masked", null, basic("dora"));
        assertThat(variant.status()).isEqualTo(404);
        assertThat(variant.error()).contains("variant 'masked'");
        assertThat(api.request("GET", latest + "?variant=masked", null, basic("vic")).status()).isEqualTo(403);
        ApiReply stranger = api.request("GET", latest, null, basic("olga"));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.error()).isEqualTo("no target " + target);
        assertThat(api.request("GET", "/download/shop-db", null, basic("olga")).status()).isEqualTo(404);
        assertThat(api.request("GET", latest + "?format=tar", null, basic("fred")).status()).isEqualTo(406);
        assertThat(api.request("GET", "/download/shop-db", null, "Basic " + java.util.Base64.getEncoder()
                .encodeToString("fred:wrong-password".getBytes())).status()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void aDamagedObjectIsCutOffSoCurlFailsAndTheAuditSaysSo() throws IOException {
        Archive newest = api.cairn().catalog().archives().list(new dev.cairn.core.catalog.ArchiveFilter(
                UUID.fromString(target), null, null, null, false)).getFirst();
        Path object = Files.walk(root).filter(p -> p.getFileName().toString().equals(
                Path.of(newest.storeKey()).getFileName().toString())).findFirst().orElseThrow();
        try (FileChannel file = FileChannel.open(object, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = file.size() / 2;
            ByteBuffer one = ByteBuffer.allocate(1);
            file.read(one, at);
            one.flip();
            one.put(0, (byte) (one.get(0) ^ 0x5a));
            file.write(one, at);
        }
        AuditFilter ofThisArchive = new AuditFilter(null, null, "download", newest.uuid(), null, null);
        java.util.Set<UUID> before = api.cairn().access().audit().page(ofThisArchive, TeamScope.ALL, null, 0, 500).items()
                .stream().map(AuditEntry::uuid).collect(java.util.stream.Collectors.toSet());
        // a small archive is cut off before its first byte (the last piece waits for the checksum): an empty reply
        Shell cut = shell("curl -fsS -w 'status %{http_code}, %{size_download} bytes' -u fred:" + PASSWORD + " -o /dev/null "
                + url("/v1/archive/" + newest.uuid() + "/download"));
        assertThat(cut.exit()).as("curl's exit status after a cut-off download (%s)", cut.output()).isNotZero();
        // the rows of earlier downloads of this archive may share its second: look at the new one only
        List<AuditEntry> added = org.awaitility.Awaitility.await("the audit row of the cut-off download")
                .atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> api.cairn().access().audit().page(ofThisArchive, TeamScope.ALL, null, 0, 500).items()
                        .stream().filter(row -> !before.contains(row.uuid())).toList(), rows -> !rows.isEmpty());
        assertThat(added).singleElement().satisfies(row -> {
            assertThat(row.outcome()).isEqualTo(AuditEntry.Outcome.FAILED);
            assertThat(row.userName()).isEqualTo("fred");
            assertThat(row.detail()).contains("cut off after");
        });
    }

    private static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + api.server().port() + path;
    }

    private record Shell(int exit, String output) {
    }

    /** Runs {@code command} with bash (pipefail), PGPASSWORD set for psql and pg_restore. */
    private static Shell shell(String command) {
        List<String> argv = new ArrayList<>(List.of("bash", "-o", "pipefail", "-c", command));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", postgres.password());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            return new Shell(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
