package dev.cairn.core;

import java.util.List;

/**
 * The one exception family of Cairn. Each subclass stands for one way a request can fail and maps
 * to one HTTP status; the message says what was wrong and carries the offending value.
 */
public class CairnException extends RuntimeException {

    public CairnException(String message) {
        super(message);
    }

    public CairnException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Bad input: a missing or malformed field (HTTP 400). {@code missing} lists absent fields. */
    public static final class InvalidInput extends CairnException {
        private final List<String> missing;

        public InvalidInput(String message) {
            this(message, List.of());
        }

        public InvalidInput(String message, List<String> missing) {
            super(message);
            this.missing = List.copyOf(missing);
        }

        public static InvalidInput missing(List<String> fields) {
            return new InvalidInput("missing required field" + (fields.size() == 1 ? " " : "s ") + String.join(", ", fields), fields);
        }

        public List<String> missing() {
            return missing;
        }
    }

    /** No such thing (HTTP 404). */
    public static final class NotFound extends CairnException {
        public NotFound(String kind, Object id) {
            super("no " + kind + " " + id);
        }
    }

    /** The request contradicts the current state: in use, wrong plugin, already finished (HTTP 409). */
    public static final class Conflict extends CairnException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** No valid credentials (HTTP 401). */
    public static final class Unauthorized extends CairnException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /**
     * Signed in, and allowed to see the object, but not to do this to it (HTTP 403). The message
     * names the missing permission, which {@link #permission()} gives by its wire name.
     */
    public static final class Forbidden extends CairnException {
        private final String permission;

        public Forbidden(String permission, String message) {
            super(message);
            this.permission = permission;
        }

        public String permission() {
            return permission;
        }
    }

    /** The client asked for a form the thing cannot take (HTTP 406); {@code acceptable} lists those it can. */
    public static final class NotAcceptable extends CairnException {
        private final List<String> acceptable;

        public NotAcceptable(String message, List<String> acceptable) {
            super(message);
            this.acceptable = List.copyOf(acceptable);
        }

        public List<String> acceptable() {
            return acceptable;
        }
    }

    /** A byte range the thing does not have (HTTP 416). */
    public static final class RangeNotSatisfiable extends CairnException {
        public RangeNotSatisfiable(String message) {
            super(message);
        }
    }

    /** Too many failed sign-ins from one address: refused for {@code retryAfter} (HTTP 429). */
    public static final class TooManyAttempts extends CairnException {
        private final java.time.Duration retryAfter;

        public TooManyAttempts(java.time.Duration retryAfter) {
            this("too many failed sign-ins from this address", retryAfter);
        }

        /** Refused because of {@code why} (e.g. "too many failed sign-ins for this user"). */
        public TooManyAttempts(String why, java.time.Duration retryAfter) {
            super(why + "; try again in " + seconds(retryAfter) + " s");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds to wait, at least 1: what the Retry-After header says. */
        public static long seconds(java.time.Duration wait) {
            return Math.max(1, wait.toSeconds() + (wait.toSecondsPart() == 0 && wait.toNanosPart() == 0 ? 0 : 1));
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Something outside Cairn failed: the catalog, a store, the file system (HTTP 500). */
    public static final class Failure extends CairnException {
        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
