package dev.cairn.cli;

/**
 * A failure to report to the user as {@code error: <message>} with exit code 1.
 *
 * <p>The message must make sense on its own: it is all the user sees.
 */
final class CliException extends RuntimeException {

    private final int status;

    CliException(String message) {
        this(message, 0);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** A refusal of the server, with the HTTP status it answered. */
    CliException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the server refused with, or 0 when the failure was not a refusal. */
    int status() {
        return status;
    }
}
