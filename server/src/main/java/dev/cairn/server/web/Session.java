package dev.cairn.server.web;

import java.time.Instant;

/**
 * One logged-in browser: its id (the cookie), the user it signed in as and how, its token against
 * cross-site forms, and a one-shot notice.
 */
final class Session {
    private final String id;
    private final java.util.UUID user;
    private final String via;
    private final String csrf;
    private volatile Instant lastSeen;
    private volatile String notice;

    Session(String id, java.util.UUID user, String via, String csrf, Instant now) {
        this.id = id;
        this.user = user;
        this.via = via;
        this.csrf = csrf;
        this.lastSeen = now;
    }

    String id() {
        return id;
    }

    /** The signed-in user's uuid. */
    java.util.UUID user() {
        return user;
    }

    /** How they signed in: {@code token}, {@code password}, {@code ldap}. */
    String via() {
        return via;
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
