package dev.cairn.core.notify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells channels of notifications, in the background: {@link #publish} returns at once and never
 * throws, so a failing channel can neither block nor fail the task that caused it. Each delivery
 * is tried {@link Retry#attempts()} times with a doubling pause, then recorded in {@link
 * Deliveries} as sent or failed.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private final Channels channels;
    private final Deliveries deliveries;
    private final Clock clock;
    private volatile Retry retry;
    private final Map<ChannelKind, Sender> senders = new EnumMap<>(ChannelKind.class);
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("notify-", 0).factory());

    /** How often, and how patiently, a delivery is tried: {@code attempts} tries, pausing {@code firstPause}, then twice as long each time. */
    public record Retry(int attempts, Duration firstPause) {
        /** 4 tries over about a minute and a quarter: 10 s, 20 s, 40 s between them. */
        public static final Retry DEFAULT = new Retry(4, Duration.ofSeconds(10));

        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
        }
    }

    public Notifier(Channels channels, Deliveries deliveries, Clock clock, Retry retry) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.clock = clock;
        this.retry = retry;
        senders.put(ChannelKind.WEBHOOK, new WebhookSender(false));
        senders.put(ChannelKind.SLACK, new WebhookSender(true));
        senders.put(ChannelKind.EMAIL, new EmailSender());
    }

    /** Changes how deliveries from now on are retried (tests shorten the pauses). */
    public void retryWith(Retry retry) {
        this.retry = retry;
    }

    public Channels channels() {
        return channels;
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    /** Sends {@code n} to every channel whose rule wants it, in the background. */
    public void publish(Notification n) {
        try {
            for (Channel channel : channels.list()) {
                if (channel.wants(n)) {
                    sendLater(channel, n);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot notify of {} ({}): {}", n.event().wire(), n.subject(), e.getMessage());
        }
    }

    /** Sends {@code n} to {@code channel} alone, in the background. */
    void sendLater(Channel channel, Notification n) {
        try {
            executor.execute(() -> deliver(channel, n, retry));
        } catch (RuntimeException e) {
            // stopping: what is not sent now is not sent
            LOG.warn("notification to {} dropped, the server is stopping: {}", channel.name(), n.subject());
        }
    }

    /** Sends {@code n} to {@code channel} now, once, and records the outcome: what {@code cairn test notification} does. */
    public Delivery sendNow(Channel channel, Notification n) {
        return deliver(channel, n, new Retry(1, Duration.ZERO));
    }

    private Delivery deliver(Channel channel, Notification n, Retry how) {
        Sender sender = senders.get(channel.kind());
        String error = null;
        int attempt = 0;
        Duration pause = how.firstPause();
        while (attempt < how.attempts()) {
            attempt++;
            try {
                sender.send(channel, n);
                error = null;
                break;
            } catch (IOException | RuntimeException e) {
                error = String.valueOf(e.getMessage());
                LOG.warn("notification {} to channel {} failed (try {} of {}): {}", n.event().wire(), channel.name(), attempt,
                        how.attempts(), error);
            }
            if (attempt < how.attempts()) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pause = pause.multipliedBy(2);
            }
        }
        Delivery delivery = new Delivery(UUID.randomUUID(), channel.uuid(), n.event(), n.subject(), clock.instant(),
                error == null, attempt, error);
        try {
            deliveries.record(delivery);
        } catch (RuntimeException e) {
            LOG.warn("cannot record the delivery to {}: {}", channel.name(), e.getMessage());
        }
        if (error != null) {
            LOG.error("notification {} to channel {} failed after {} tries: {}", n.event().wire(), channel.name(), attempt, error);
        }
        return delivery;
    }

    /** Lets deliveries under way finish for a few seconds, then drops the rest. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
