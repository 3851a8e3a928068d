package dev.cairn.agent;

import dev.cairn.plugin.Plugin;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginSource;
import dev.cairn.plugin.TargetPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The target plugins this agent runs: the built-in ones, and those a {@link PluginSource} finds in its plugins directory. */
final class LocalPlugins {
    private final Map<String, TargetPlugin> targets;

    private LocalPlugins(Map<String, TargetPlugin> targets) {
        this.targets = Map.copyOf(targets);
    }

    static LocalPlugins load(ClassLoader loader, Path pluginsDir, Consumer<String> warnings) {
        Map<String, TargetPlugin> found = new TreeMap<>();
        ServiceLoader.load(TargetPlugin.class, loader).forEach(p -> found.put(p.info().name(), p));
        if (pluginsDir != null) {
            for (PluginSource source : ServiceLoader.load(PluginSource.class, loader)) {
                for (Plugin plugin : source.plugins(pluginsDir, warnings)) {
                    if (plugin instanceof TargetPlugin target && found.putIfAbsent(target.info().name(), target) != null) {
                        warnings.accept("external plugin '" + target.info().name() + "' in " + pluginsDir
                                + " is ignored: a built-in plugin has that name");
                    }
                }
            }
        }
        return new LocalPlugins(found);
    }

    /** The names of the target plugins, sorted. */
    List<String> names() {
        return targets.keySet().stream().sorted().toList();
    }

    TargetPlugin target(String name) {
        TargetPlugin plugin = targets.get(name);
        if (plugin == null) {
            throw new PluginException("this agent has no target plugin '" + name + "' (it has: " + String.join(", ", names()) + ")");
        }
        return plugin;
    }
}
