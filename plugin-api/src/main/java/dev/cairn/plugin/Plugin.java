package dev.cairn.plugin;

/**
 * A plugin that Cairn finds through {@link java.util.ServiceLoader}: a target, a store, or both.
 *
 * <p>Implementations are stateless: every call receives the endpoint it works on, and may be made
 * from several threads at once.
 */
public interface Plugin {
    /** What this plugin is called, what it can do and which endpoint fields it takes. */
    PluginInfo info();

    /**
     * Refuses, before it is saved, an endpoint that can never work (a relative path, a pattern that
     * cannot match): throw {@link PluginException} with a message naming the field. Called after the
     * declared fields' types and ranges are checked; reaches no server, so it is quick.
     */
    default void check(Endpoint endpoint) {
        // most plugins find nothing to refuse beyond their fields' types
    }
}
