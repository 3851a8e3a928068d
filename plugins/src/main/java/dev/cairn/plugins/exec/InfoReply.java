package dev.cairn.plugins.exec;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program's answer to {@code info}, read as seed 004 writes it, and what Cairn adds.
 *
 * <p>From the seed: {@code name} (the title; the short name comes from the file name),
 * {@code author}, {@code version} and {@code features} with {@code target} and {@code store} as
 * {@code "yes"} or {@code "no"}. Cairn also reads {@code features.exists}, {@code help} (a
 * paragraph for operators) and {@code fields}, a list of endpoint fields:
 * <pre>
 * {"name": "path", "type": "string", "required": true, "default": null, "help": "…",
 *  "secret": false, "mode": "target"}
 * </pre>
 * {@code type} is {@code string}, {@code integer} (or {@code int}, {@code number}, {@code port}),
 * {@code boolean} (or {@code bool}), {@code list}, or {@code password} (a secret string); any other
 * type is read as a string. {@code mode} ({@code target}, {@code store} or {@code both}) only adds
 * to the help. A program that declares no fields speaks the seed's protocol unchanged (a SHIELD plugin):
 * its endpoint is one opaque JSON object passed as {@code --endpoint JSON}, see {@link PluginProgram}.
 *
 * @param info          the plugin as Cairn shows it
 * @param answersExists whether the program implements {@code exists --key KEY}
 */
record InfoReply(PluginInfo info, boolean answersExists) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads {@code json}, the output of {@code program info}, for the plugin called {@code name}. */
    static InfoReply parse(String name, Path program, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new PluginException("info did not print JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PluginException("info did not print a JSON object, got " + abbreviate(json));
        }
        JsonNode features = root.path("features");
        boolean target = yes(features, "target");
        boolean store = yes(features, "store");
        if (!target && !store) {
            throw new PluginException("info says it is neither a target nor a store (features.target and "
                    + "features.store must be \"yes\" or \"no\")");
        }
        List<ConfigField> fields = fields(root.path("fields"), target && store);
        String help = text(root, "help");
        String origin = fields.isEmpty()
                ? "External program " + program + ", run through seed 004's Plugin Calling Protocol: it declares no "
                        + "endpoint fields, so its endpoint is one opaque JSON object, passed as --endpoint JSON on its "
                        + "command line, where any local user can read it in the process list while it runs. Declaring "
                        + "'fields' in its info moves the endpoint into $CAIRN_ENDPOINT instead."
                : "External program " + program + ", run through the Plugin Calling Protocol "
                        + "(endpoint in $CAIRN_ENDPOINT).";
        PluginInfo info = new PluginInfo(name, text(root, "name"), text(root, "author"), text(root, "version"),
                target, store, fields, help == null ? origin : help + " " + origin);
        return new InfoReply(info, yes(features, "exists"));
    }

    private static List<ConfigField> fields(JsonNode declared, boolean bothRoles) {
        if (declared.isMissingNode() || declared.isNull()) {
            return List.of();
        }
        if (!declared.isArray()) {
            throw new PluginException("info's 'fields' must be a list of objects");
        }
        List<ConfigField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode field : declared) {
            String name = text(field, "name");
            if (name == null || name.isBlank()) {
                throw new PluginException("info declares a field without a name: " + abbreviate(field.toString()));
            }
            if (!names.add(name)) {
                throw new PluginException("info declares the field '" + name + "' twice");
            }
            String type = text(field, "type") == null ? "string" : text(field, "type").toLowerCase(Locale.ROOT);
            boolean secret = type.equals("password") || truthy(field.path("secret"));
            JsonNode fallback = field.path("default");
            String defaultValue = fallback.isValueNode() && !fallback.isNull() ? fallback.asString() : null;
            ConfigField declaredField = new ConfigField(name, type(type), truthy(field.path("required")), defaultValue,
                    help(field, bothRoles), secret);
            if (type.equals("port")) {
                declaredField = declaredField.range(ConfigField.PORT_MIN, ConfigField.PORT_MAX);
            }
            if (field.path("minimum").isIntegralNumber() || field.path("maximum").isIntegralNumber()) {
                declaredField = declaredField.range(field.path("minimum").isIntegralNumber() && field.path("minimum").canConvertToLong()
                                ? field.path("minimum").longValue() : declaredField.minimum(),
                        field.path("maximum").isIntegralNumber() && field.path("maximum").canConvertToLong()
                                ? field.path("maximum").longValue() : declaredField.maximum());
            }
            fields.add(declaredField);
        }
        return fields;
    }

    private static Type type(String type) {
        return switch (type) {
            case "integer", "int", "number", "port" -> Type.INTEGER;
            case "boolean", "bool" -> Type.BOOLEAN;
            case "list" -> Type.LIST;
            default -> Type.STRING;
        };
    }

    private static String help(JsonNode field, boolean bothRoles) {
        String help = text(field, "help");
        if (help == null) {
            help = text(field, "title") == null ? "" : text(field, "title");
        }
        String mode = text(field, "mode");
        if (bothRoles && ("target".equals(mode) || "store".equals(mode))) {
            return mode + " only: " + help;
        }
        return help;
    }

    private static boolean yes(JsonNode features, String feature) {
        return truthy(features.path(feature));
    }

    private static boolean truthy(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isString() && value.stringValue().trim().equalsIgnoreCase("yes")
                || value.isString() && value.stringValue().trim().equalsIgnoreCase("true");
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
