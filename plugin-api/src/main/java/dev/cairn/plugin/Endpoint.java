package dev.cairn.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The connection settings of one target or store, as the plugin's declared fields read them.
 *
 * <p>Values arrive as parsed JSON (strings, numbers, booleans, lists). Readers convert and fall
 * back to a field's declared default; a missing required value is a {@link PluginException} that
 * names the field.
 */
public final class Endpoint {
    private final Map<String, Object> values;
    private final PluginInfo plugin;

    public Endpoint(PluginInfo plugin, Map<String, ?> values) {
        this.plugin = plugin;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The raw values, as given. */
    public Map<String, Object> values() {
        return values;
    }

    /** The text of {@code field}, or its declared default; empty when neither is set. */
    public Optional<String> string(String field) {
        Object value = values.get(field);
        if (value == null || value.toString().isEmpty()) {
            return plugin.field(field).map(ConfigField::defaultValue);
        }
        return Optional.of(value.toString());
    }

    /** The text of a field that must be set. */
    public String require(String field) {
        return string(field).orElseThrow(() -> new PluginException(plugin.name() + " endpoint needs '" + field + "'"));
    }

    /** The whole number in {@code field}, or its declared default. */
    public Optional<Long> integer(String field) {
        return string(field).map(text -> {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new PluginException(plugin.name() + " endpoint field '" + field + "' must be a whole number, got " + text);
            }
        });
    }

    /** Whether {@code field} is true ("true", "yes", "1", "t"), falling back to its default, else false. */
    public boolean bool(String field) {
        return string(field).map(text -> switch (text.trim().toLowerCase()) {
            case "true", "yes", "1", "t", "y" -> true;
            default -> false;
        }).orElse(false);
    }

    /** The list in {@code field}: a JSON array, or one comma-separated string. */
    public List<String> list(String field) {
        Object value = values.get(field);
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
        } else if (value != null) {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        return List.copyOf(items);
    }

    /**
     * The values of the fields the plugin marks secret, for redaction. A secret that equals the
     * value of a public field of this endpoint (a password that is the user name) is left out:
     * that value is shown wherever the public field is, so masking it would hide nothing and tell
     * every reader of the log that the two are the same.
     */
    public List<String> secrets() {
        Set<String> shown = plugin.fields().stream()
                .filter(f -> !f.secret())
                .map(f -> values.get(f.name()))
                .filter(v -> v != null)
                .map(Object::toString)
                .collect(Collectors.toSet());
        return plugin.fields().stream()
                .filter(ConfigField::secret)
                .map(f -> values.get(f.name()))
                .filter(v -> v != null && !v.toString().isEmpty())
                .map(Object::toString)
                .filter(v -> !shown.contains(v))
                .toList();
    }

    @Override
    public String toString() {
        return "Endpoint[" + plugin.name() + ", fields=" + values.keySet() + "]";
    }
}
