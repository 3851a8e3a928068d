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
 * @param minimum      for an {@link Type#INTEGER} field, the smallest value it takes
 * @param maximum      for an {@link Type#INTEGER} field, the largest value it takes
 */
public record ConfigField(String name, Type type, boolean required, String defaultValue, String help, boolean secret,
                          long minimum, long maximum) {
    /** The range of a TCP or UDP port. */
    public static final long PORT_MIN = 1;
    public static final long PORT_MAX = 65535;

    /** The kinds of value a field takes. */
    public enum Type { STRING, INTEGER, BOOLEAN, LIST }

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        help = help == null ? "" : help;
        if (minimum > maximum) {
            throw new IllegalArgumentException("field " + name + ": minimum " + minimum + " is above maximum " + maximum);
        }
    }

    /** A field without a range of its own: an integer one takes any 64-bit whole number. */
    public ConfigField(String name, Type type, boolean required, String defaultValue, String help, boolean secret) {
        this(name, type, required, defaultValue, help, secret, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** An optional TCP port, from 1 to 65535. */
    public static ConfigField port(String name, String defaultValue, String help) {
        return optional(name, Type.INTEGER, defaultValue, help).range(PORT_MIN, PORT_MAX);
    }

    /** This integer field, taking only {@code min} to {@code max}. */
    public ConfigField range(long min, long max) {
        return new ConfigField(name, type, required, defaultValue, help, secret, min, max);
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
