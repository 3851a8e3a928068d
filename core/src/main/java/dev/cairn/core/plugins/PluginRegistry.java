package dev.cairn.core.plugins;

import dev.cairn.core.CairnException;
import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.OpaqueEndpointPlugin;
import dev.cairn.plugin.Plugin;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.PluginSource;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins this server knows, by short name, and the checks of endpoints against the fields
 * each plugin declares.
 */
public final class PluginRegistry {
    /** What the API shows in place of a secret value; sent back unchanged, it keeps the stored secret. */
    public static final String MASK = "********";
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<String, Plugin> plugins;

    private PluginRegistry(Map<String, Plugin> plugins) {
        this.plugins = Map.copyOf(plugins);
    }

    /** The built-in plugins on {@code loader}'s class path, found through {@link ServiceLoader}. */
    public static PluginRegistry load(ClassLoader loader) {
        Map<String, Plugin> found = new TreeMap<>();
        ServiceLoader.load(TargetPlugin.class, loader).forEach(p -> found.put(p.info().name(), p));
        ServiceLoader.load(StorePlugin.class, loader).forEach(p -> found.putIfAbsent(p.info().name(), p));
        return new PluginRegistry(found);
    }

    /**
     * The built-in plugins, and those every {@link PluginSource} on {@code loader}'s class path finds
     * in {@code pluginsDir} (external programs); a built-in keeps its name over an external plugin,
     * which is then left out with a warning. A null directory adds none.
     */
    public static PluginRegistry load(ClassLoader loader, Path pluginsDir) {
        PluginRegistry builtIn = load(loader);
        if (pluginsDir == null) {
            return builtIn;
        }
        Map<String, Plugin> found = new TreeMap<>(builtIn.plugins);
        for (PluginSource source : ServiceLoader.load(PluginSource.class, loader)) {
            for (Plugin plugin : source.plugins(pluginsDir, warning -> LOG.warn("plugins: {}", warning))) {
                String name = plugin.info().name();
                if (found.putIfAbsent(name, plugin) != null) {
                    LOG.warn("plugins: external plugin '{}' in {} is ignored: a plugin of that name is already loaded",
                            name, pluginsDir);
                } else {
                    LOG.info("plugins: loaded external plugin '{}' from {}", name, pluginsDir);
                }
            }
        }
        return new PluginRegistry(found);
    }

    /** This registry with {@code extra} added (replacing a plugin of the same name). */
    public PluginRegistry with(Plugin extra) {
        Map<String, Plugin> all = new TreeMap<>(plugins);
        all.put(extra.info().name(), extra);
        return new PluginRegistry(all);
    }

    public List<PluginInfo> all() {
        return plugins.values().stream().map(Plugin::info).sorted(Comparator.comparing(PluginInfo::name)).toList();
    }

    public Optional<PluginInfo> info(String name) {
        return Optional.ofNullable(plugins.get(name)).map(Plugin::info);
    }

    /** The target plugin {@code name}, or an {@link CairnException.InvalidInput} listing the known ones. */
    public TargetPlugin target(String name) {
        if (plugins.get(name) instanceof TargetPlugin target) {
            return target;
        }
        throw new CairnException.InvalidInput("unknown target plugin '" + name + "' (target plugins: "
                + String.join(", ", plugins.values().stream().filter(p -> p instanceof TargetPlugin)
                .map(p -> p.info().name()).toList()) + ")");
    }

    public StorePlugin store(String name) {
        if (plugins.get(name) instanceof StorePlugin store) {
            return store;
        }
        throw new CairnException.InvalidInput("unknown store plugin '" + name + "' (store plugins: "
                + String.join(", ", plugins.values().stream().filter(p -> p instanceof StorePlugin)
                .map(p -> p.info().name()).toList()) + ")");
    }

    /** The endpoint as {@code plugin}'s fields read it. */
    public Endpoint endpoint(String plugin, Map<String, Object> values) {
        return new Endpoint(requireInfo(plugin), values);
    }

    private PluginInfo requireInfo(String plugin) {
        return info(plugin).orElseThrow(() -> new CairnException.InvalidInput("unknown plugin '" + plugin + "'"));
    }

    /**
     * Whether {@code plugin} takes an opaque endpoint (a seed-protocol program that declares no fields):
     * its endpoint is checked by the plugin alone, sealed whole and shown back only masked.
     */
    public boolean opaque(String plugin) {
        return plugins.get(plugin) instanceof OpaqueEndpointPlugin;
    }

    /** Whether {@code plugin}'s endpoint is on its command line while it runs, visible to local users. */
    public boolean endpointOnCommandLine(String plugin) {
        return plugins.get(plugin) instanceof OpaqueEndpointPlugin opaque && opaque.endpointOnCommandLine();
    }

    /**
     * Checks {@code values} against {@code plugin}'s declared fields: required fields present,
     * values of the declared type, no unknown fields. The message names the field. An opaque
     * endpoint is the plugin's own to check: what it says against one is the message.
     */
    public void validate(String plugin, Map<String, Object> values) {
        PluginInfo info = requireInfo(plugin);
        if (plugins.get(plugin) instanceof OpaqueEndpointPlugin opaque) {
            try {
                opaque.validate(values);
            } catch (PluginException e) {
                throw new CairnException.InvalidInput("plugin " + plugin + " refused the endpoint: " + e.getMessage());
            }
            return;
        }
        for (String key : values.keySet()) {
            if (info.field(key).isEmpty()) {
                throw new CairnException.InvalidInput("endpoint field '" + key + "' is not known to plugin " + plugin
                        + " (fields: " + String.join(", ", info.fields().stream().map(ConfigField::name).toList()) + ")");
            }
        }
        for (ConfigField field : info.fields()) {
            Object value = values.get(field.name());
            boolean absent = value == null || value.toString().isEmpty();
            if (absent) {
                if (field.required() && field.defaultValue() == null) {
                    throw new CairnException.InvalidInput("endpoint field '" + field.name() + "' is required by plugin " + plugin,
                            List.of("endpoint." + field.name()));
                }
                continue;
            }
            checkType(plugin, field, value);
        }
        try {
            plugins.get(plugin).check(new Endpoint(info, values));
        } catch (PluginException e) {
            throw new CairnException.InvalidInput(e.getMessage());
        }
    }

    private static void checkType(String plugin, ConfigField field, Object value) {
        String text = value.toString().trim();
        String problem = switch (field.type()) {
            case STRING -> value instanceof String string ? textProblem(string, field.secret()) : "must be a string";
            case INTEGER -> integerProblem(field, value);
            case BOOLEAN -> value instanceof Boolean || value instanceof String
                    && text.matches("(?i)true|false|yes|no|t|f|y|n|1|0") ? null : "must be true or false";
            case LIST -> listProblem(value);
        };
        if (problem != null) {
            String shown = field.secret() ? "(secret)" : abbreviate(String.valueOf(value));
            throw new CairnException.InvalidInput("endpoint field '" + field.name() + "' of plugin " + plugin
                    + " " + problem + ", got " + shown);
        }
    }

    /** Why {@code text} cannot be a value: a NUL anywhere, a control character outside secrets. */
    private static String textProblem(String text, boolean secret) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not hold a NUL character";
            }
            if (!secret && (c < 0x20 || (c >= 0x7F && c <= 0x9F))) {
                return "must not hold control characters (found U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }

    private static String integerProblem(ConfigField field, Object value) {
        String range = "a whole number from " + field.minimum() + " to " + field.maximum();
        BigDecimal number = switch (value) {
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case BigInteger b -> new BigDecimal(b);
            case String text when text.strip().matches("[-+]?\\d{1,400}") -> new BigDecimal(text.strip());
            default -> null;
        };
        if (number == null || number.compareTo(BigDecimal.valueOf(field.minimum())) < 0
                || number.compareTo(BigDecimal.valueOf(field.maximum())) > 0) {
            return "must be " + range;
        }
        return null;
    }

    private static String listProblem(Object value) {
        if (value instanceof String text) {
            return textProblem(text, false) == null ? null : "must be a list of strings without control characters";
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof String text) || text.isBlank()) {
                    return "must be a list of non-empty strings (found " + abbreviate(String.valueOf(item)) + ")";
                }
                if (textProblem(text, false) != null) {
                    return "must be a list of strings without control characters";
                }
            }
            return null;
        }
        return "must be a list of strings";
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        StringBuilder escaped = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }

    /**
     * A copy of {@code values} with every secret field shown as {@link #MASK}; every value of an
     * opaque endpoint is one, since nothing says which are secrets (its keys stay, so that a client
     * can send it back to keep it).
     */
    public Map<String, Object> masked(String plugin, Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        if (opaque(plugin)) {
            copy.replaceAll((key, value) -> MASK);
            return copy;
        }
        info(plugin).ifPresent(info -> info.fields().stream().filter(ConfigField::secret)
                .filter(f -> copy.get(f.name()) != null && !copy.get(f.name()).toString().isEmpty())
                .forEach(f -> copy.put(f.name(), MASK)));
        return copy;
    }

    /**
     * The endpoint to save for an item of {@code plugin}: where the item keeps its plugin, masked
     * secrets sent back are replaced by the stored ones; then the whole endpoint is checked against
     * the plugin's fields.
     *
     * @param current the item's stored plugin and endpoint, or null when the item is new
     */
    public Map<String, Object> accept(String plugin, Map<String, Object> given, Stored current) {
        Map<String, Object> merged = new LinkedHashMap<>(given);
        if (current != null && current.plugin().equals(plugin)) {
            merged.replaceAll((key, value) -> MASK.equals(value) && current.endpoint().containsKey(key)
                    ? current.endpoint().get(key) : value);
        }
        validate(plugin, merged);
        return merged;
    }

    /** What an item has saved: its plugin and endpoint. */
    public record Stored(String plugin, Map<String, Object> endpoint) {
    }

    /** Whether {@code field} of {@code plugin} holds a secret. */
    public boolean secret(String plugin, String field) {
        return info(plugin).flatMap(i -> i.field(field)).map(ConfigField::secret).orElse(false);
    }
}
