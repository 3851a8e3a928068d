package dev.cairn.plugin;

/**
 * A plugin's readable account of why an operation failed: "pg_dump: password authentication
 * failed for user \"app\"", "directory /srv/data does not exist". The message goes to the task log
 * as it is, so it names what is wrong and holds no secret.
 */
public class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
