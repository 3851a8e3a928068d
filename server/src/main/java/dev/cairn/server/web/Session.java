package dev.cairn.server.web;

import java.time.Instant;

/** One logged-in browser: its id (the cookie), its token against cross-site forms, and a one-shot notice. */
final class Session {
    private final String id;
    private final String csrf;
    private volatile Instant lastSeen;
    private volatile String notice;

    Session(String id, String csrf, Instant now) {
        this.id = id;
        this.csrf = csrf;
        this.lastSeen = now;
    }

    String id() {
        return id;
    }

    String csrf() {
        return csrf;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }

    /** Keeps {@code text} to show on the next page, as after a redirect. */
    void notice(String text) {
        notice = text;
    }

    /** The notice to show, once. */
    String takeNotice() {
        String text = notice;
        notice = null;
        return text;
    }
}
