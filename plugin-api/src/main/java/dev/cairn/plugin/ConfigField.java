package dev.cairn.plugin;

import java.util.Objects;

/**
 * One endpoint field a plugin reads, typed so that Cairn can check an endpoint before it is saved,
 * build a form for it, and keep secrets out of replies and logs.
 *
 * @param name         the JSON key
 * @param type         what kind of value it takes
 * @param required     whether an endpoint without it is refused
 * @param defaultValue the value used when it is left out, as text, or null
 * @param help         one line for the person filling it in
 * @param secret       whether it is a password or key: encrypted at rest, never shown back
 */
public record ConfigField(String name, Type type, boolean required, String defaultValue, String help, boolean secret) {

    /** The kinds of value a field takes. */
    public enum Type { STRING, INTEGER, BOOLEAN, LIST }

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        help = help == null ? "" : help;
    }

    public static ConfigField required(String name, Type type, String help) {
        return new ConfigField(name, type, true, null, help, false);
    }

    public static ConfigField optional(String name, Type type, String defaultValue, String help) {
        return new ConfigField(name, type, false, defaultValue, help, false);
    }

    public static ConfigField secret(String name, boolean required, String help) {
        return new ConfigField(name, Type.STRING, required, null, help, true);
    }
}
