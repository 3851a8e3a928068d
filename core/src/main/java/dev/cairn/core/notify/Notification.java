package dev.cairn.core.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One thing to tell: its event, when, a one-line {@code subject}, a few lines of {@code text}, and
 * {@code details} for machines (names, uuids, times, a task's log tail with secrets masked). The
 * {@code job} it is about, if any, is what a channel's job filter matches. Never carries a secret:
 * whoever builds one masks what it quotes.
 */
public record Notification(Event event, Instant at, String subject, String text, Map<String, Object> details, UUID job) {
    public Notification {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
