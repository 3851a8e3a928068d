package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.plugin.Engine;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The engines found on the class path, by the target plugin whose archives each loads. */
public final class Engines {
    private final Map<String, Engine> byPlugin;

    private Engines(Map<String, Engine> byPlugin) {
        this.byPlugin = Map.copyOf(byPlugin);
    }

    /** The engines {@link ServiceLoader} finds on {@code loader}. */
    public static Engines load(ClassLoader loader) {
        Map<String, Engine> found = new LinkedHashMap<>();
        ServiceLoader.load(Engine.class, loader).forEach(engine -> found.putIfAbsent(engine.plugin(), engine));
        return new Engines(found);
    }

    public Optional<Engine> find(String plugin) {
        return Optional.ofNullable(byPlugin.get(plugin));
    }

    /** The engine of {@code plugin}; none is a conflict saying so. */
    Engine of(String plugin, String what) {
        return find(plugin).orElseThrow(() -> new CairnException.Conflict(what + " is a " + plugin
                + " backup, and Cairn has no engine for " + plugin + " to run it as a database (engines: "
                + (byPlugin.isEmpty() ? "none" : String.join(", ", byPlugin.keySet().stream().sorted().toList())) + ")"));
    }

    Collection<Engine> all() {
        return byPlugin.values();
    }
}
