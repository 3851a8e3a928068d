package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 API clients at once on each catalog, connecting at the same moment, with the mix that once
 * stalled the server (30 % archives, 25 % tasks, 25 % jobs, 10 % new schedules, 10 % deleted ones),
 * while {@code /healthz} is polled every 250 ms and a backup runs. Every request must get the
 * status it asks for within 5 s; the figures are printed, not asserted.
 */
final class CatalogLoadTest {
    private static final int CLIENTS = 200;
    private static final Duration RUN = Duration.ofSeconds(20);
    private static final long SLOW_NANOS = Duration.ofSeconds(5).toNanos();
    /** One client's round of 20 requests: 6 archives, 5 tasks, 5 jobs, 2 creates, each followed later by its delete. */
    private static final String ROUND = "ATJCATJDATJATJCATJDA";

    @TempDir
    Path temp;

    @Test
    void twoHundredClientsOnTheSqliteCatalogAllGetTheirAnswerAndABackupEndsDone() throws Exception {
        try (ApiFixture api = ApiFixture.start(temp)) {
            drive(api, "sqlite");
        }
    }

    @Test
    void twoHundredClientsOnThePostgresCatalogAllGetTheirAnswerAndABackupEndsDone() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            try (ApiFixture api = ApiFixture.onCatalog(temp, url)) {
                drive(api, "postgresql");
            }
        }
    }

    private void drive(ApiFixture api, String catalog) throws Exception {
        Path files = api.directory("files");
        for (int i = 0; i < 20; i++) {
            Files.writeString(files.resolve("file-" + i + ".txt"), ("line " + i + "\n").repeat(200));
        }
        String job = api.job("load", api.fsTarget("load-files", files), api.fsStore("load-store", api.directory("store")),
                api.schedule("load-daily", "daily at 4am"), api.retention("load-week", 604800));
        api.runJob(job); // an archive and a task for the lists to show

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger names = new AtomicInteger();
        URI base = URI.create("http://127.0.0.1:" + api.server().port());
        CountDownLatch together = new CountDownLatch(1);
        long started;
        String backup;
        try (ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(30)).build();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient probe = HttpClient.newHttpClient();
             ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor()) {
            long deadline = System.nanoTime() + RUN.toNanos();
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> client(http, base, deadline, together, names, latencies, failures));
            }
            started = System.nanoTime();
            together.countDown();
            poller.scheduleAtFixedRate(() -> health.add(timedHealth(probe, base, failures)), 0, 250, TimeUnit.MILLISECONDS);
            backup = api.post("/v1/job/" + job + "/run", fields("owner", "load")).expect(200).json()
                    .path("task_uuid").stringValue();
            clients.shutdown();
            assertThat(clients.awaitTermination(RUN.toSeconds() + 60, TimeUnit.SECONDS)).as("clients finished").isTrue();
            poller.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("load on the %s catalog: %d requests by %d clients in %.1f s = %.0f requests/s, "
                        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms; /healthz max %.1f ms over %d polls; %d failed%n",
                catalog, sorted.size(), CLIENTS, seconds, sorted.size() / seconds, millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)), millis(sorted.isEmpty() ? 0 : sorted.getLast()),
                millis(health.stream().mapToLong(Long::longValue).max().orElse(0)), health.size(), failures.size());

        assertThat(failures.stream().limit(20).toList()).as("the first of %d failed or slow requests", failures.size()).isEmpty();
        assertThat(sorted).as("requests answered").isNotEmpty();
        assertThat(health).as("/healthz polls").hasSizeGreaterThan(10).allSatisfy(nanos ->
                assertThat(nanos).as("/healthz answer time (ns)").isLessThan(SLOW_NANOS));
        api.awaitDone(backup);
    }

    /** One client: rounds of {@link #ROUND} until the deadline; each create is deleted by the next delete. */
    private static void client(HttpClient http, URI base, long deadline, CountDownLatch together, AtomicInteger names,
                               List<Long> latencies, Queue<String> failures) {
        try {
            together.await();
        } catch (InterruptedException e) {
            return;
        }
        String created = null;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            char op = ROUND.charAt(i % ROUND.length());
            HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + ApiFixture.TOKEN);
            String what = switch (op) {
                case 'A' -> "GET /v1/archives";
                case 'T' -> "GET /v1/tasks";
                case 'J' -> "GET /v1/jobs";
                case 'C' -> "POST /v1/schedules";
                default -> "DELETE /v1/schedule/" + created;
            };
            switch (op) {
                case 'A' -> request.uri(base.resolve("/v1/archives")).GET();
                case 'T' -> request.uri(base.resolve("/v1/tasks")).GET();
                case 'J' -> request.uri(base.resolve("/v1/jobs")).GET();
                case 'C' -> request.uri(base.resolve("/v1/schedules")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.JSON.writeValueAsString(fields(
                                "name", "load-" + names.incrementAndGet(), "summary", "under load", "when", "daily at 3am"))));
                default -> request.uri(base.resolve("/v1/schedule/" + created)).DELETE();
            }
            long start = System.nanoTime();
            try {
                HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                latencies.add(took);
                if (reply.statusCode() != 200) {
                    failures.add(what + " answered " + reply.statusCode() + ": " + reply.body());
                } else if (took > SLOW_NANOS) {
                    failures.add(what + " took " + millis(took) + " ms");
                }
                if (op == 'C' && reply.statusCode() == 200) {
                    created = ApiFixture.JSON.readTree(reply.body()).path("uuid").stringValue();
                }
            } catch (Exception e) {
                failures.add(what + " failed: " + e);
            }
        }
    }

    private static long timedHealth(HttpClient probe, URI base, Queue<String> failures) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> reply = probe.send(HttpRequest.newBuilder(base.resolve("/healthz"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                failures.add("/healthz answered " + reply.statusCode());
            }
        } catch (Exception e) {
            failures.add("/healthz failed: " + e);
        }
        return System.nanoTime() - start;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
