package dev.cairn.core.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Catalog;
import dev.cairn.core.keys.SecretBox;
import dev.cairn.testing.PostgresServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two servers sharing a PostgreSQL catalog make instances at the same moment: every instance gets
 * its own id and its own port of the pool (the catalog's keys decide, never a look first), and a
 * full pool is refused saying so.
 */
final class PortPoolTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final int POOL = 40;

    @Test
    void twoServersTakingPortsAtOnceNeverShareOne() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            try (Catalog catalog = Catalog.open(url); ExecutorService threads = Executors.newFixedThreadPool(2)) {
                ImageCatalog images = new ImageCatalog(catalog.jdbi());
                InstanceCatalog instances = new InstanceCatalog(catalog.jdbi(), new SecretBox(new byte[32]));
                Image image = images.insert(new Image(0, UUID.randomUUID(), "image", null, null, "tester", UUID.randomUUID(),
                        UUID.randomUUID(), "postgres", "", UUID.randomUUID(), "server-a", Image.State.READY, "", "copy", 0,
                        List.of("app"), NOW, NOW, NOW, 0));
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<List<long[]>>> servers = new ArrayList<>();
                for (String server : List.of("server-a", "server-b")) {
                    servers.add(CompletableFuture.supplyAsync(() -> {
                        List<long[]> made = new ArrayList<>();
                        await(together);
                        for (int i = 0; i < POOL / 2; i++) {
                            Instance instance = instances.insert(instance(image.id(), server));
                            made.add(new long[] {instance.id(), instances.takePort(instance.id(), server, 55000, 55000 + POOL - 1,
                                    port -> true)});
                        }
                        return made;
                    }, threads));
                }
                Set<Long> ids = new HashSet<>();
                Set<Long> ports = new HashSet<>();
                for (CompletableFuture<List<long[]>> server : servers) {
                    for (long[] made : server.join()) {
                        ids.add(made[0]);
                        ports.add(made[1]);
                    }
                }
                assertThat(ids).hasSize(POOL);
                assertThat(ports).hasSize(POOL).allSatisfy(port -> assertThat(port).isBetween(55000L, 55000L + POOL - 1));
                Instance oneMore = instances.insert(instance(image.id(), "server-a"));
                assertThatThrownBy(() -> instances.takePort(oneMore.id(), "server-a", 55000, 55000 + POOL - 1, port -> true))
                        .isInstanceOf(CairnException.Conflict.class).hasMessage("no port of the instance pool 55000-55039 is free");

                // a port given back is taken again; one another program listens on is skipped
                long firstId = ids.iterator().next();
                int freed = instances.portOf(firstId).orElseThrow();
                instances.freeAllOf(firstId);
                assertThat(instances.takePort(oneMore.id(), "server-a", 55000, 55000 + POOL - 1, port -> true)).isEqualTo(freed);
                assertThat(instances.get(oneMore.id()).port()).isEqualTo(freed);
            }
        }
    }

    private static Instance instance(long image, String server) {
        return new Instance(0, UUID.randomUUID(), image, null, null, "tester", server, "127.0.0.1", 0, "developer",
                "pw-" + UUID.randomUUID(), "app", Instance.State.STARTING, "", "", false, NOW, NOW, NOW.plusSeconds(3600));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
