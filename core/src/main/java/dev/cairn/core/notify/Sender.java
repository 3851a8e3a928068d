package dev.cairn.core.notify;

import java.io.IOException;

/** Sends a notification over one kind of channel; one strategy per {@link ChannelKind}. */
interface Sender {
    /** Sends {@code n} to {@code channel} once; throws when it was not accepted, with one line saying why. */
    void send(Channel channel, Notification n) throws IOException;
}
