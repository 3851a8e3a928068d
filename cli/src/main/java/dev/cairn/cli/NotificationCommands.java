package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands on notification channels (admins only): where Cairn tells of failed tasks, missed
 * backups, unhealthy stores and expiring archives. The channel's secret (a webhook's signing
 * secret, an SMTP password, a chat webhook's URL) is read from standard input with {@code
 * --secret-stdin}, so that it stays out of the shell's history.
 */
final class NotificationCommands {

    private NotificationCommands() {
    }

    @Command(name = "notification", aliases = {"notifications", "channel"},
            description = "Create a notification channel (webhook, slack or email) and say which events go to it.")
    static final class CreateChannel extends ApiCommand {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The channel's name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What the channel is for.")
        String summary;

        @Option(names = "--kind", required = true, paramLabel = "KIND",
                description = "webhook (JSON, signed with HMAC-SHA256), slack (a Slack or Mattermost incoming webhook) or email.")
        String kind;

        @Option(names = "--events", required = true, split = ",", paramLabel = "EVENT",
                description = "Which events: task-failed, task-succeeded, missed-backup, store-unhealthy, archive-expiring, "
                        + "instance-expiring (comma-separated).")
        List<String> events;

        @Option(names = "--job", paramLabel = "JOB", description = "Only this job's events (a name or uuid; may repeat).")
        List<String> jobs = new ArrayList<>();

        @Option(names = "--missed-after", paramLabel = "DURATION", converter = Converters.Seconds.class,
                description = "missed-backup: how long a job may go without a good backup (e.g. 26h, 2d); "
                        + "default: once its schedule's next run is an hour late.")
        Long missedAfter;

        @Option(names = "--webhook-url", paramLabel = "URL", description = "webhook: where to POST; slack: the incoming webhook "
                + "(or give it with --secret-stdin, as it is a secret).")
        String webhookUrl;

        @Option(names = "--secret-stdin",
                description = "Read the channel's secret from standard input: the webhook's signing secret, the SMTP password, "
                        + "or a slack channel's webhook URL.")
        boolean secretStdin;

        @Option(names = "--smtp-host", paramLabel = "HOST", description = "email: the mail server.")
        String smtpHost;

        @Option(names = "--smtp-port", paramLabel = "PORT", description = "email: its port (default 587).")
        Integer smtpPort;

        @Option(names = "--smtp-user", paramLabel = "USER", description = "email: sign in as this user (the password from --secret-stdin).")
        String smtpUser;

        @Option(names = "--no-starttls", description = "email: send without STARTTLS (only for a mail server on this machine).")
        boolean noStarttls;

        @Option(names = "--from", paramLabel = "ADDRESS", description = "email: the sender.")
        String from;

        @Option(names = "--to", paramLabel = "ADDRESS", description = "email: the recipients, comma-separated.")
        String to;

        @Option(names = "--ca-file", paramLabel = "PEM", description = "email: trust this CA certificate (a private mail server).")
        Path caFile;

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            body.put("kind", kind);
            ObjectNode config = body.putObject("config");
            String secret = secretStdin ? new String(Secrets.fromStandardInput(invocation().in())) : null;
            switch (kind) {
                case "webhook" -> {
                    Fields.putIfGiven(config, "url", webhookUrl);
                    Fields.putIfGiven(config, "secret", secret);
                }
                case "slack" -> config.put("url", secret != null ? secret : webhookUrl);
                case "email" -> {
                    Fields.putIfGiven(config, "host", smtpHost);
                    if (smtpPort != null) {
                        config.put("port", smtpPort);
                    }
                    if (noStarttls) {
                        config.put("starttls", false);
                    }
                    Fields.putIfGiven(config, "user", smtpUser);
                    Fields.putIfGiven(config, "password", secret);
                    Fields.putIfGiven(config, "from", from);
                    Fields.putIfGiven(config, "to", to);
                    if (caFile != null) {
                        config.put("ca_certificate", read(caFile));
                    }
                }
                default -> throw usageError("--kind must be webhook, slack or email, got " + kind);
            }
            ArrayNode list = body.putArray("events");
            events.forEach(e -> list.add(e.strip()));
            ArrayNode jobList = body.putArray("jobs");
            jobs.forEach(job -> jobList.add(uuidOf(Kind.JOB, job)));
            if (missedAfter != null) {
                body.put("missed_after", missedAfter);
            }
            return create(Kind.NOTIFICATION, body);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new CliException("cannot read --ca-file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "notifications", aliases = {"notification", "channels"}, description = "List notification channels.")
    static final class ListChannels extends ApiCommand {
        @Override
        public Integer call() {
            return list(Kind.NOTIFICATION, Kind.NOTIFICATION.listPath(), NotificationCommands::table);
        }
    }

    @Command(name = "notification", aliases = {"notifications", "channel"}, description = "Show a notification channel.")
    static final class ShowChannel extends ApiCommand {
        @Parameters(paramLabel = "CHANNEL", description = "The channel's name or uuid.")
        String channel;

        @Override
        public Integer call() {
            return show(Kind.NOTIFICATION, channel, NotificationCommands::details);
        }
    }

    @Command(name = "notification", aliases = {"notifications", "channel"}, description = "Delete a notification channel.")
    static final class DeleteChannel extends ApiCommand {
        @Parameters(paramLabel = "CHANNEL", description = "The channel's name or uuid.")
        String channel;

        @Override
        public Integer call() {
            return delete(Kind.NOTIFICATION, channel);
        }
    }

    @Command(name = "notification", aliases = {"notifications", "channel"},
            description = "Send a test notification to a channel now, and say whether it arrived.")
    static final class TestChannel extends ApiCommand {
        @Parameters(paramLabel = "CHANNEL", description = "The channel's name or uuid.")
        String channel;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.NOTIFICATION, channel);
            // one that does not arrive is a 422 whose error says why: printed as "error: …", exit 1
            JsonNode reply = api().post(Kind.NOTIFICATION.itemPath(item.uuid()) + "/test", body());
            if (terminal().json()) {
                terminal().printJson(reply);
            } else {
                terminal().line("test notification to " + item.describe() + ": " + text(reply, "ok"));
            }
            return 0;
        }
    }

    static Table table(List<JsonNode> channels) {
        Table table = Table.withColumns("UUID", "NAME", "KIND", "EVENTS", "LAST DELIVERY");
        channels.forEach(c -> table.row(text(c, "uuid"), text(c, "name"), text(c, "kind"), events(c), last(c)));
        return table;
    }

    private static String events(JsonNode channel) {
        List<String> events = new ArrayList<>();
        channel.path("events").forEach(e -> events.add(e.asString()));
        return String.join(",", events);
    }

    private static String last(JsonNode channel) {
        JsonNode last = channel.path("last_delivery");
        if (last.isMissingNode() || last.isNull()) {
            return "";
        }
        return text(last, "status") + " " + text(last, "at") + (last.path("error").isNull() ? "" : ": " + text(last, "error"));
    }

    static Details details(JsonNode channel) {
        Details details = new Details()
                .field("UUID", text(channel, "uuid"))
                .field("Name", text(channel, "name"))
                .field("Summary", text(channel, "summary"))
                .field("Kind", text(channel, "kind"))
                .field("Events", events(channel));
        channel.path("config").properties().forEach(e -> {
            if (!e.getKey().equals("ca_certificate")) {
                details.field("  " + e.getKey(), e.getValue().asString());
            }
        });
        List<String> jobs = new ArrayList<>();
        channel.path("jobs").forEach(j -> jobs.add(j.asString()));
        return details.field("Jobs", jobs.isEmpty() ? "every job" : String.join(", ", jobs))
                .field("Missed after", channel.path("missed_after").isNull() ? "the schedule's next run, an hour late"
                        : Fields.duration(channel, "missed_after"))
                .field("Last delivery", last(channel));
    }
}
