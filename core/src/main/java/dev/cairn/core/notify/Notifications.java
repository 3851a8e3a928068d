package dev.cairn.core.notify;

import java.time.Instant;
import java.util.Map;

/** Notifications that no event makes: the one {@code cairn test notification} sends. */
public final class Notifications {
    private Notifications() {
    }

    /** A test notification for {@code channel}: it says what the channel is told of, and nothing else. */
    public static Notification test(Channel channel, Instant at) {
        String events = String.join(", ", channel.events().stream().sorted().map(Event::wire).toList());
        return new Notification(Event.TEST, at, "test notification for channel " + channel.name(),
                "This is a test from Cairn. Channel " + channel.name() + " is told of: " + events + ".",
                Map.of("channel_uuid", channel.uuid().toString(), "channel_name", channel.name(), "events", events), null);
    }
}
