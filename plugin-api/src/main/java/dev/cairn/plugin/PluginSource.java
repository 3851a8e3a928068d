package dev.cairn.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds plugins that are not classes on the class path, such as external programs in a plugins
 * directory. Cairn loads implementations through {@link java.util.ServiceLoader}, so the core never
 * depends on the module that provides them.
 */
public interface PluginSource {

    /**
     * The plugins found in {@code directory}; empty when it does not exist. A candidate that cannot
     * be used is left out and explained, in one line, to {@code warnings}: it never fails the call.
     */
    List<Plugin> plugins(Path directory, Consumer<String> warnings);
}
