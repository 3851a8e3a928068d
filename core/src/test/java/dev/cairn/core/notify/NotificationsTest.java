package dev.cairn.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.testing.SteppedClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A failed backup is told to a webhook (signed, retried when the receiver first answers 500), to a
 * chat webhook and by e-mail through a real SMTP server with STARTTLS and a password; no payload
 * holds the target's password or any channel's secret.
 */
final class NotificationsTest {
    private static final String TARGET_PASSWORD = "tgt-pw-7Hq2xZ";
    private static final String HOOK_SECRET = "hook-secret-Jk81";
    private static final String SMTP_PASSWORD = "smtp-pw-Lm44";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path temp;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final WebhookReceiver receiver = new WebhookReceiver();
    private Cairn cairn;
    private MailServer mail;

    @BeforeEach
    void start() throws Exception {
        cairn = Cairn.start(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15)), clock,
                CoreFixture.plugins().with(new LeakyTarget()));
        cairn.notifier().retryWith(new Notifier.Retry(3, Duration.ofMillis(100)));
        mail = new MailServer(temp, SMTP_PASSWORD);
    }

    @AfterEach
    void stop() {
        cairn.close();
        receiver.close();
        mail.close();
    }

    private Channel channel(String name, ChannelKind kind, Map<String, Object> config, Event... events) {
        Channel channel = new Channel(UUID.randomUUID(), name, "", kind, config, EnumSet.of(events[0], events), List.of(), null);
        cairn.notifier().channels().insert(channel);
        return channel;
    }

    private Task failedBackup() {
        Job job = CoreFixture.job(cairn, "leaky", Map.of("host", "db.internal", "password", TARGET_PASSWORD),
                temp.resolve("store"), "daily 4am");
        Task task = cairn.requests().runJob(job.uuid(), "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> cairn.catalog().tasks().get(task.uuid()).status().finished());
        assertThat(cairn.catalog().tasks().get(task.uuid()).status()).isEqualTo(TaskStatus.FAILED);
        return cairn.catalog().tasks().get(task.uuid());
    }

    @Test
    void aFailedTaskReachesAWebhookSignedAndRetriedAChatWebhookAndAMailboxWithoutASecret() {
        Channel hook = channel("ops hook", ChannelKind.WEBHOOK, Map.of("url", receiver.url("/hook"), "secret", HOOK_SECRET),
                Event.TASK_FAILED);
        Channel chat = channel("ops chat", ChannelKind.SLACK, Map.of("url", receiver.url("/chat/T000/B000/XXXX")),
                Event.TASK_FAILED, Event.TASK_SUCCEEDED);
        Channel email = channel("ops mail", ChannelKind.EMAIL, Map.of("host", "localhost", "port", mail.port(),
                "user", MailServer.USER, "password", SMTP_PASSWORD, "from", "cairn@example.org", "to", "oncall@example.org",
                "ca_certificate", mail.certificatePem()), Event.TASK_FAILED);
        channel("successes only", ChannelKind.WEBHOOK, Map.of("url", receiver.url("/ok"), "secret", "x"), Event.TASK_SUCCEEDED);
        receiver.failFirst("/hook", 1);

        Task task = failedBackup();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/hook").size() == 2 && receiver.at("/chat/T000/B000/XXXX").size() == 1
                && mail.received().size() == 1);
        // the first try was answered 500, the retry 200; both carried the same signed body
        List<WebhookReceiver.Received> tries = receiver.at("/hook");
        assertThat(tries).extracting(WebhookReceiver.Received::answered).containsExactly(500, 200);
        assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
        WebhookReceiver.Received delivered = tries.get(1);
        assertThat(delivered.header("X-Cairn-Signature")).isEqualTo("sha256=" + hmac(HOOK_SECRET, delivered.body()));
        assertThat(delivered.header("X-Cairn-Event")).isEqualTo("task-failed");
        JsonNode body = JSON.readTree(delivered.body());
        assertThat(body.path("event").stringValue()).isEqualTo("task-failed");
        assertThat(body.path("details").path("task_uuid").stringValue()).isEqualTo(task.uuid().toString());
        assertThat(body.path("details").path("job_uuid").stringValue()).isEqualTo(task.job().toString());
        assertThat(body.path("details").path("status").stringValue()).isEqualTo("failed");
        assertThat(body.path("details").path("reason").stringValue()).contains("authentication failed for password ********");
        assertThat(body.path("details").path("log_tail").stringValue()).contains("connecting to db.internal with password ********");
        await().atMost(Duration.ofSeconds(10)).until(() -> !cairn.notifier().deliveries().of(hook.uuid(), 5).isEmpty());
        assertThat(cairn.notifier().deliveries().of(hook.uuid(), 5)).singleElement()
                .satisfies(d -> assertThat(d.sent()).isTrue()).satisfies(d -> assertThat(d.attempts()).isEqualTo(2));

        assertThat(JSON.readTree(receiver.at("/chat/T000/B000/XXXX").getFirst().body()).path("text").stringValue())
                .contains("FAILED: backup of job");
        MailServer.Mail message = mail.received().getFirst();
        assertThat(message.tls()).as("the mail came over STARTTLS").isTrue();
        assertThat(message.to()).isEqualTo("oncall@example.org");
        assertThat(message.data()).contains("Subject: [Cairn] FAILED: backup of job", "authentication failed for password ********");
        assertThat(receiver.at("/ok")).as("a channel for successes only is not told of a failure").isEmpty();

        List<String> payloads = new ArrayList<>();
        receiver.all().forEach(r -> payloads.add(r.text() + r.headers()));
        mail.received().forEach(m -> payloads.add(m.data()));
        assertThat(payloads).hasSize(4).allSatisfy(payload -> assertThat(payload)
                .doesNotContain(TARGET_PASSWORD, HOOK_SECRET, SMTP_PASSWORD));
        assertThat(chat.config().get("url").toString()).contains("XXXX");
        assertThat(email.kind()).isEqualTo(ChannelKind.EMAIL);
    }

    @Test
    void aChannelThatKeepsFailingIsRecordedAsFailedAndTheTaskIsNotHeldUp() {
        Channel down = channel("down", ChannelKind.WEBHOOK, Map.of("url", receiver.url("/down"), "secret", HOOK_SECRET),
                Event.TASK_FAILED);
        receiver.failFirst("/down", 100);

        Task task = failedBackup();

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        await().atMost(Duration.ofSeconds(30)).until(() -> !cairn.notifier().deliveries().of(down.uuid(), 5).isEmpty());
        assertThat(receiver.at("/down")).hasSize(3);
        assertThat(cairn.notifier().deliveries().of(down.uuid(), 5)).singleElement().satisfies(d -> {
            assertThat(d.sent()).isFalse();
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.error()).contains("HTTP 500");
        });
    }

    @Test
    void secretsAreSealedInTheCatalog() throws Exception {
        Channel hook = channel("sealed", ChannelKind.WEBHOOK, Map.of("url", receiver.url("/s"), "secret", HOOK_SECRET),
                Event.TASK_FAILED);
        String stored;
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("data/catalog.db"));
             var query = db.prepareStatement("SELECT config FROM notification_channels WHERE uuid = ?")) {
            query.setString(1, hook.uuid().toString());
            try (var rows = query.executeQuery()) {
                rows.next();
                stored = rows.getString(1);
            }
        }
        assertThat(stored).doesNotContain(HOOK_SECRET).contains("sealed:v1:");
        assertThat(cairn.notifier().channels().get(hook.uuid()).config().get("secret")).isEqualTo(HOOK_SECRET);
    }

    @Test
    void aTestNotificationIsSentAtOnceAndSaysWhetherItArrived() {
        Channel hook = channel("tested", ChannelKind.WEBHOOK, Map.of("url", receiver.url("/t"), "secret", HOOK_SECRET),
                Event.TASK_FAILED);
        Delivery delivery = cairn.notifier().sendNow(hook, Notifications.test(hook, clock.instant()));
        assertThat(delivery.sent()).isTrue();
        assertThat(receiver.at("/t")).singleElement().satisfies(r -> assertThat(r.header("X-Cairn-Event")).isEqualTo("test"));
        receiver.failFirst("/t", 1);
        Delivery failed = cairn.notifier().sendNow(hook, Notifications.test(hook, clock.instant()));
        assertThat(failed.sent()).isFalse();
        assertThat(failed.error()).contains("HTTP 500");
    }

    static String hmac(String secret, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
