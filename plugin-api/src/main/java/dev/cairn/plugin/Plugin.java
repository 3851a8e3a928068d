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
}
