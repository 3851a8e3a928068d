package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cairn create/list/show/test/delete notification}: what is sent, and what is printed. */
class NotificationCommandsTest {
    private static final String UUID = "0d8e8c1e-1f6a-4f0e-9a51-3b0c7f1d2e4a";
    private final FakeCairn fake = FakeCairn.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void createsAWebhookChannelWithTheSecretFromStandardInput() {
        fake.on("POST", "/v1/notifications", "{\"ok\":\"created\",\"uuid\":\"" + UUID + "\"}");

        CliRun run = CliRun.withInput(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "test-token"), "hook-secret\n", Prompt.NONE,
                "create", "notification", "--name", "ops", "--kind", "webhook", "--webhook-url", "https://hooks.example.org/cairn",
                "--secret-stdin", "--events", "task-failed,missed-backup", "--missed-after", "26h");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("created notification channel ops (" + UUID + ")\n");
        assertThat(fake.only("POST", "/v1/notifications").json().toString()).isEqualTo("{\"name\":\"ops\",\"kind\":\"webhook\","
                + "\"config\":{\"url\":\"https://hooks.example.org/cairn\",\"secret\":\"hook-secret\"},"
                + "\"events\":[\"task-failed\",\"missed-backup\"],\"jobs\":[],\"missed_after\":93600}");
    }

    @Test
    void createsAnEmailChannel() {
        fake.on("POST", "/v1/notifications", "{\"ok\":\"created\",\"uuid\":\"" + UUID + "\"}");

        CliRun run = CliRun.withInput(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "test-token"), "smtp-pw\n", Prompt.NONE,
                "create", "notification", "--name", "mail", "--kind", "email", "--smtp-host", "mail.example.org",
                "--smtp-user", "cairn", "--secret-stdin", "--from", "cairn@example.org", "--to", "oncall@example.org",
                "--events", "task-failed");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.only("POST", "/v1/notifications").json().path("config").toString()).isEqualTo(
                "{\"host\":\"mail.example.org\",\"user\":\"cairn\",\"password\":\"smtp-pw\",\"from\":\"cairn@example.org\","
                        + "\"to\":\"oncall@example.org\"}");
    }

    @Test
    void listsAndTestsChannelsByName() {
        String channel = "{\"uuid\":\"" + UUID + "\",\"name\":\"ops\",\"summary\":\"\",\"kind\":\"webhook\","
                + "\"config\":{\"url\":\"https://hooks.example.org/cairn\",\"secret\":\"********\"},\"events\":[\"task-failed\"],"
                + "\"jobs\":[],\"missed_after\":null,\"last_delivery\":{\"status\":\"failed\",\"at\":\"2026-11-21 10:00:00\","
                + "\"error\":\"the webhook answered HTTP 500\"}}";
        fake.on("GET", "/v1/notifications", "[" + channel + "]")
                .on("POST", "/v1/notification/" + UUID + "/test", "{\"ok\":\"sent\"}");

        CliRun list = CliRun.against(fake, "list", "notifications");
        assertThat(list.out()).contains("ops", "webhook", "task-failed", "failed 2026-11-21 10:00:00: the webhook answered HTTP 500");

        CliRun test = CliRun.against(fake, "test", "notification", "ops");
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).isEqualTo("test notification to ops (" + UUID + "): sent\n");
    }
}
