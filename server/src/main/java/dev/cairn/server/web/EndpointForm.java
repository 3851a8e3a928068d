package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.server.service.EndpointJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Endpoint forms generated from a plugin's typed fields, and the endpoint read back from a post.
 * Secret fields are write-only: never filled in; left empty, they keep the saved secret. A plugin
 * that declares no fields (a seed-protocol program) gets one JSON input holding its whole endpoint,
 * shown with every value masked as the API shows it; masked values sent back keep the stored ones.
 */
final class EndpointForm {
    static final String PREFIX = "endpoint.";
    /** The form field of the JSON input, named as the API's {@code endpoint}. */
    static final String JSON = "endpoint";
    private final PluginRegistry plugins;

    EndpointForm(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    /** Whether {@code plugin}'s endpoint is one JSON input rather than typed fields. */
    boolean json(PluginInfo plugin) {
        return plugins.opaque(plugin.name());
    }

    /** The form fields a post of {@code plugin}'s form requires. */
    String[] required(PluginInfo plugin) {
        return json(plugin) ? new String[] {"name", "plugin", JSON} : new String[] {"name", "plugin"};
    }

    /**
     * The inputs for {@code plugin}'s endpoint showing {@code values}; {@code saved} is the endpoint
     * already stored for this plugin (empty for a new item), so secret inputs can say they are set.
     */
    List<EndpointField> fields(PluginInfo plugin, Map<String, Object> values, Map<String, Object> saved,
                               List<String> invalid) {
        if (json(plugin)) {
            return List.of(jsonField(EndpointJson.masked(plugins, plugin.name(), values), invalid));
        }
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

    /**
     * The inputs showing again what a refused post held: typed fields without their secrets, or the
     * JSON exactly as it was typed (the person's own text, so that a typo can be fixed rather than retyped).
     */
    List<EndpointField> posted(Context ctx, PluginInfo plugin, Map<String, Object> saved, List<String> invalid) {
        if (json(plugin)) {
            return List.of(jsonField(Form.of(ctx).text(JSON), invalid));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigField f : plugin.fields()) {
            String value = ctx.formParam(PREFIX + f.name());
            if (value != null && !f.secret()) {
                values.put(f.name(), value);
            }
        }
        return fields(plugin, values, saved, invalid);
    }

    /**
     * The endpoint in the post: the JSON input's object, or the typed fields read as the plugin
     * declares them, where empty inputs are left out, except a secret left empty over a saved one,
     * which is sent as the mask so the saved secret is kept.
     */
    Map<String, Object> read(Context ctx, PluginInfo plugin, Map<String, Object> saved) {
        if (json(plugin)) {
            try {
                return EndpointJson.read(JSON, Form.of(ctx).text(JSON));
            } catch (CairnException.InvalidInput e) {
                throw new CairnException.InvalidInput(e.getMessage(), List.of(JSON));
            }
        }
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

    /**
     * The form fields a refusal of {@code plugin}'s endpoint is about: those it lists, else the JSON
     * input when the plugin's own check refused it (as the API words it: "plugin P refused the endpoint: …").
     */
    List<String> invalid(PluginInfo plugin, RuntimeException refusal) {
        if (!(refusal instanceof CairnException.InvalidInput input)) {
            return List.of();
        }
        if (!input.missing().isEmpty()) {
            return input.missing();
        }
        boolean refusedByPlugin = json(plugin) && input.getMessage().startsWith("plugin " + plugin.name() + " refused the endpoint");
        return refusedByPlugin ? List.of(JSON) : List.of();
    }

    /** What a person must know before giving {@code plugin} an endpoint, or "" when nothing. */
    String warning(PluginInfo plugin) {
        return plugins.endpointOnCommandLine(plugin.name())
                ? "This plugin is given its endpoint on its command line (--endpoint JSON) while it runs: any local user of "
                  + "the machine that runs it can read it, secrets included, in the process list (ps)."
                : "";
    }

    private static EndpointField jsonField(String text, List<String> invalid) {
        return new EndpointField(JSON, "Endpoint (JSON)", "json", true, text, "{\"key\": \"value\"}",
                "One JSON object, checked by the plugin itself. Saved values are shown as " + PluginRegistry.MASK
                        + ": leave them so to keep them, or type a new value.", invalid.contains(JSON));
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
