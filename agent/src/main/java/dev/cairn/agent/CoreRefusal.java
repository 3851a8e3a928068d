package dev.cairn.agent;

import java.io.IOException;

/** The core answered a request with an error status; the message is its {@code error} text. */
final class CoreRefusal extends IOException {
    private final int status;

    CoreRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
