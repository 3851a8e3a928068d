package dev.cairn.cli;

/**
 * A failure to report to the user as {@code error: <message>} with exit code 1.
 *
 * <p>The message must make sense on its own: it is all the user sees.
 */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
