package dev.cairn.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The watch's other conditions: a store that fails its self-test, and a target's newest archive about to expire. */
final class WatchConditionsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path temp;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final WebhookReceiver receiver = new WebhookReceiver();
    private Cairn cairn;
    private Job job;

    @BeforeEach
    void start() throws Exception {
        cairn = CoreFixture.start(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15)), clock);
        Files.createDirectories(temp.resolve("src"));
        Files.writeString(temp.resolve("src/notes.txt"), "kept");
        job = CoreFixture.job(cairn, "fs", Map.of("path", temp.resolve("src").toString()), temp.resolve("store"), "daily 4am");
    }

    @AfterEach
    void stop() {
        cairn.close();
        receiver.close();
    }

    private void channel(Event event) {
        cairn.notifier().channels().insert(new Channel(UUID.randomUUID(), event.wire(), "", ChannelKind.WEBHOOK,
                Map.of("url", receiver.url("/" + event.wire()), "secret", "s"), EnumSet.of(event), List.of(), null));
    }

    private int check(String at) {
        clock.set(Instant.parse(at));
        return cairn.notificationWatch().check(clock.instant());
    }

    private void backUp(String at) {
        clock.set(Instant.parse(at));
        Task task = cairn.requests().runJob(job.uuid(), "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> cairn.catalog().tasks().get(task.uuid()).status().finished());
        assertThat(cairn.catalog().tasks().get(task.uuid()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aStoreThatFailsItsSelfTestIsToldOnceUntilItPassesAgain() throws Exception {
        channel(Event.STORE_UNHEALTHY);
        Path broken = Files.writeString(temp.resolve("not-a-directory"), "a file where the store's directory should be");
        Store store = new Store(UUID.randomUUID(), "broken store", "", "fs", Map.of("path", broken.toString()));
        cairn.catalog().stores().insert(store);

        assertThat(cairn.storeSelfTest().test(store.uuid()).healthy()).isFalse();
        assertThat(check("2026-11-21T10:01:00Z")).isEqualTo(1);
        assertThat(check("2026-11-21T10:02:00Z")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/store-unhealthy").size() == 1);
        var body = JSON.readTree(receiver.at("/store-unhealthy").getFirst().body());
        assertThat(body.path("details").path("store_name").stringValue()).isEqualTo("broken store");
        assertThat(body.path("details").path("error").stringValue()).isNotBlank();

        Files.delete(broken);
        Files.createDirectories(broken);
        assertThat(cairn.storeSelfTest().test(store.uuid()).healthy()).isTrue();
        assertThat(check("2026-11-21T10:03:00Z")).isZero();
        Files.delete(broken);
        Files.writeString(broken, "broken again");
        assertThat(cairn.storeSelfTest().test(store.uuid()).healthy()).isFalse();
        assertThat(check("2026-11-21T10:04:00Z")).as("broken again after a recovery: told again").isEqualTo(1);
    }

    @Test
    void aTargetsNewestArchiveAboutToExpireIsToldOnceAndNotWhenANewerOneCame() {
        channel(Event.ARCHIVE_EXPIRING);
        RetentionPolicy policy = cairn.catalog().retention().get(job.retention());
        cairn.catalog().retention().update(new RetentionPolicy(policy.uuid(), policy.name(), "", 3 * 86400));
        backUp("2026-11-21T10:00:00Z"); // expires 2026-11-24T10:00

        assertThat(check("2026-11-23T09:59:00Z")).isZero();
        assertThat(check("2026-11-23T10:00:00Z")).isEqualTo(1);
        assertThat(check("2026-11-23T11:00:00Z")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/archive-expiring").size() == 1);
        assertThat(JSON.readTree(receiver.at("/archive-expiring").getFirst().body()).path("details").path("expires_at")
                .stringValue()).isEqualTo("2026-11-24T10:00:00Z");

        backUp("2026-11-23T12:00:00Z");
        assertThat(check("2026-11-23T12:01:00Z")).as("a newer archive exists now").isZero();
        assertThat(check("2026-11-26T11:00:00Z")).as("the newer one nears its expiry in turn").isEqualTo(1);
    }

    @Test
    void anArchiveAKeepRuleHoldsIsNotAboutToExpire() {
        channel(Event.ARCHIVE_EXPIRING);
        RetentionPolicy policy = cairn.catalog().retention().get(job.retention());
        cairn.catalog().retention().update(new RetentionPolicy(policy.uuid(), policy.name(), "", 3 * 86400,
                new RetentionPolicy.Keep(7, 0, 0, 0)));
        backUp("2026-11-21T10:00:00Z");
        assertThat(check("2026-11-23T10:00:00Z")).isZero();
    }

    @Test
    void anInstanceAboutToExpireIsToldOnceAndAgainAfterItWasExtended() {
        channel(Event.INSTANCE_EXPIRING);
        UUID instance = UUID.randomUUID();
        java.util.concurrent.atomic.AtomicReference<Instant> expires = new java.util.concurrent.atomic.AtomicReference<>(
                Instant.parse("2026-11-21T18:00:00Z"));
        cairn.notificationWatch().watchInstances(() -> List.of(
                new NotificationWatch.InstanceLease(instance, "instance 7", "dana", expires.get())));

        assertThat(check("2026-11-21T16:59:00Z")).isZero();
        assertThat(check("2026-11-21T17:00:00Z")).isEqualTo(1);
        assertThat(check("2026-11-21T17:30:00Z")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/instance-expiring").size() == 1);
        var details = JSON.readTree(receiver.at("/instance-expiring").getFirst().body()).path("details");
        assertThat(details.path("owner").stringValue()).isEqualTo("dana");
        assertThat(details.path("expires_at").stringValue()).isEqualTo("2026-11-21T18:00:00Z");

        expires.set(Instant.parse("2026-11-22T18:00:00Z"));
        assertThat(check("2026-11-21T17:40:00Z")).as("extended: not near its end any more").isZero();
        assertThat(check("2026-11-22T17:10:00Z")).as("near its new end").isEqualTo(1);
    }
}
