package dev.cairn.server.web;

import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.PluginInfo;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Endpoint forms generated from a plugin's typed fields, and the endpoint read back from a post.
 * Secret fields are write-only: never filled in; left empty, they keep the saved secret.
 */
final class EndpointForm {
    static final String PREFIX = "endpoint.";

    private EndpointForm() {
    }

    /**
     * The inputs for {@code plugin}'s fields showing {@code values}; {@code saved} is the endpoint
     * already stored for this plugin (empty for a new item), so secret inputs can say they are set.
     */
    static List<EndpointField> fields(PluginInfo plugin, Map<String, Object> values, Map<String, Object> saved,
                                      List<String> invalid) {
        List<EndpointField> fields = new ArrayList<>();
        for (ConfigField f : plugin.fields()) {
            boolean stored = f.secret() && present(saved.get(f.name()));
            String input = f.secret() ? "password" : switch (f.type()) {
                case INTEGER -> "number";
                case BOOLEAN -> "boolean";
                case LIST -> "list";
                case STRING -> "text";
            };
            String placeholder = stored ? "saved; leave empty to keep it"
                    : f.defaultValue() != null ? "default: " + f.defaultValue() : f.type() == ConfigField.Type.LIST ? "comma-separated" : "";
            fields.add(new EndpointField(PREFIX + f.name(), f.name(), input,
                    f.required() && f.defaultValue() == null && !stored, f.secret() ? "" : shown(values.get(f.name())),
                    placeholder, f.help(), invalid.contains(PREFIX + f.name())));
        }
        return fields;
    }

    /** What the form holds, as values to show again after a refused post (secrets left out). */
    static Map<String, Object> posted(Context ctx, PluginInfo plugin) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigField f : plugin.fields()) {
            String value = ctx.formParam(PREFIX + f.name());
            if (value != null && !f.secret()) {
                values.put(f.name(), value);
            }
        }
        return values;
    }

    /**
     * The endpoint in the post, typed as the plugin declares: empty inputs are left out, except a
     * secret left empty over a saved one, which is sent as the mask so the saved secret is kept.
     */
    static Map<String, Object> read(Context ctx, PluginInfo plugin, Map<String, Object> saved) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        for (ConfigField f : plugin.fields()) {
            String raw = ctx.formParam(PREFIX + f.name());
            String value = raw == null ? "" : raw.trim();
            if (value.isEmpty()) {
                if (f.secret() && present(saved.get(f.name()))) {
                    endpoint.put(f.name(), PluginRegistry.MASK);
                }
                continue;
            }
            endpoint.put(f.name(), switch (f.type()) {
                case INTEGER -> value.matches("-?\\d+") ? (Object) Long.parseLong(value) : value;
                case BOOLEAN -> value.equals("true") ? (Object) true : value.equals("false") ? (Object) false : value;
                case LIST -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                case STRING -> value;
            });
        }
        return endpoint;
    }

    private static String shown(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    private static boolean present(Object value) {
        return value != null && !value.toString().isEmpty();
    }
}
