package dev.cairn.core.instances.clone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.testing.Binaries;
import dev.cairn.testing.LoopFileSystem;
import dev.cairn.testing.MariaDbServer;
import dev.cairn.testing.Ports;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import dev.cairn.testing.TestTaskContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A postgres (and a MariaDB) image made on a loop-mounted btrfs, sealed read-only, and an instance snapshotted from
 * it that starts, takes writes and costs only what it writes.
 */
@Timeout(600)
class EngineOnBtrfsTest {
    private static final String HOST = "127.0.0.1";
    private static final long MIB = 1024 * 1024;

    @Test
    void aSnapshotOfAPostgresImageStartsAndCostsOnlyItsWrites() throws Exception {
        for (String tool : new String[] {"initdb", "pg_ctl", "pg_restore", "psql", "vacuumdb", "pg_resetwal"}) {
            Binaries.require(tool, "postgresql");
        }
        Engine engine = ServiceLoader.load(Engine.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.plugin().equals("postgres")).findFirst().orElseThrow();
        TargetPlugin target = ServiceLoader.load(TargetPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.info().name().equals("postgres")).findFirst().orElseThrow();
        String account = ServerAccounts.forServers("postgres", "nobody");
        TestTaskContext context = new TestTaskContext();

        byte[] archive;
        try (PostgresServer server = PostgresServer.start()) {
            server.createDatabase("shop");
            server.execute("shop", """
                    CREATE TABLE orders (id int PRIMARY KEY, note text);
                    INSERT INTO orders SELECT i, md5(i::text) || md5((i * 7)::text) FROM generate_series(1, 400000) i;
                    """);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            target.backup(new Endpoint(target.info(), Map.of("host", HOST, "port", server.port(), "user", server.user(),
                    "password", server.password(), "database", "shop")), out, new TestTaskContext());
            archive = out.toByteArray();
        }

        try (LoopFileSystem btrfs = LoopFileSystem.btrfs(2048 * MIB)) {
            CloneBackend backend = CloneBackends.choose(btrfs.root().resolve("images"));
            assertThat(backend.name()).isEqualTo("btrfs-snapshot");
            Path imageDirectory = btrfs.root().resolve("images/shop");
            backend.createImageDirectory(imageDirectory);
            EngineHome image = new EngineHome(imageDirectory, HOST, Ports.free(HOST), account);
            long started = System.nanoTime();
            engine.initialise(image, context);
            engine.start(image, context);
            engine.load(image, new ByteArrayInputStream(archive), context);
            long loaded = System.nanoTime();
            engine.compact(image, context);
            long compacted = System.nanoTime();
            engine.grant(image, new EngineAccess("developer", "image-pw"), context);
            engine.stop(image, context);
            backend.seal(imageDirectory);
            System.out.printf("btrfs image of %d MiB of archive: made in %d ms (initdb + start + load %d ms, compact %d ms)%n",
                    archive.length / MIB, (System.nanoTime() - started) / 1_000_000, (loaded - started) / 1_000_000,
                    (compacted - loaded) / 1_000_000);

            Files.createDirectories(btrfs.root().resolve("instances"));
            long before = btrfs.usedBytes();
            long cloning = System.nanoTime();
            Path instanceDirectory = btrfs.root().resolve("instances/one");
            backend.clone(imageDirectory, instanceDirectory);
            EngineHome instance = image.at(instanceDirectory).withPort(Ports.free(HOST));
            engine.start(instance, context);
            engine.grant(instance, new EngineAccess("developer", "instance-pw"), context);
            long firstQuery;
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + instance.port()
                    + "/shop", "developer", "instance-pw"); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM orders")) {
                    rows.next();
                    firstQuery = System.nanoTime();
                    assertThat(rows.getLong(1)).isEqualTo(400000);
                }
                statement.execute("UPDATE orders SET note = 'changed' WHERE id <= 1000");
            }
            engine.stop(instance, context);
            long added = btrfs.usedBytes() - before;
            long exclusive = backend.exclusiveBytes(instanceDirectory);
            System.out.printf("btrfs instance: snapshot to first query %d ms, %d KiB added on disk, %d KiB exclusive%n",
                    (firstQuery - cloning) / 1_000_000, added / 1024, exclusive / 1024);

            assertThat(added).isLessThan(50 * MIB);
            assertThat(engine.running(instance)).isFalse();
            backend.delete(instanceDirectory);
            backend.delete(imageDirectory);
            assertThat(instanceDirectory).doesNotExist();
            assertThat(imageDirectory).doesNotExist();
        }
    }

    @Test
    void aSnapshotOfAMariaDbImageStartsAndCostsOnlyItsWrites() throws Exception {
        Binaries.require("mariadb-dump", "mariadb-client");
        Engine engine = engine("mysql");
        TargetPlugin target = ServiceLoader.load(TargetPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.info().name().equals("mysql")).findFirst().orElseThrow();
        String account = ServerAccounts.forServers("mysql", "nobody");
        TestTaskContext context = new TestTaskContext();

        byte[] archive;
        try (MariaDbServer server = MariaDbServer.start()) {
            server.createDatabase("shop");
            server.execute("shop", """
                    CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(80)) ENGINE=InnoDB;
                    INSERT INTO orders SELECT seq, CONCAT(MD5(seq), MD5(seq * 7)) FROM seq_1_to_200000;
                    """);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            target.backup(new Endpoint(target.info(), Map.of("host", HOST, "port", server.port(), "user", server.user(),
                    "password", server.password(), "database", "shop")), out, new TestTaskContext());
            archive = out.toByteArray();
        }

        try (LoopFileSystem btrfs = LoopFileSystem.btrfs(2048 * MIB)) {
            CloneBackend backend = CloneBackends.choose(btrfs.root().resolve("images"));
            Path imageDirectory = btrfs.root().resolve("images/shop");
            backend.createImageDirectory(imageDirectory);
            EngineHome image = new EngineHome(imageDirectory, HOST, Ports.free(HOST), account);
            engine.initialise(image, context);
            engine.start(image, context);
            engine.load(image, new ByteArrayInputStream(archive), context);
            engine.compact(image, context);
            engine.stop(image, context);
            backend.seal(imageDirectory);

            Files.createDirectories(btrfs.root().resolve("instances"));
            long before = btrfs.usedBytes();
            long cloning = System.nanoTime();
            Path instanceDirectory = btrfs.root().resolve("instances/one");
            backend.clone(imageDirectory, instanceDirectory);
            EngineHome instance = image.at(instanceDirectory).withPort(Ports.free(HOST));
            engine.start(instance, context);
            engine.grant(instance, new EngineAccess("developer", "instance-pw"), context);
            long ready = System.nanoTime();
            assertThat(engine.running(instance)).isTrue();
            engine.stop(instance, context);
            long added = btrfs.usedBytes() - before;
            System.out.printf("btrfs mariadb instance: snapshot to granted %d ms, %d KiB added on disk%n",
                    (ready - cloning) / 1_000_000, added / 1024);

            assertThat(added).isLessThan(50 * MIB);
            backend.delete(instanceDirectory);
            backend.delete(imageDirectory);
        }
    }

    private static Engine engine(String plugin) {
        return ServiceLoader.load(Engine.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.plugin().equals(plugin)).findFirst().orElseThrow();
    }
}
