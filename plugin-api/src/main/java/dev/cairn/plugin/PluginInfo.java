package dev.cairn.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin tells Cairn about itself: its short name (the {@code plugin} field of targets and
 * stores), a title, who keeps it, what it can do and the endpoint fields it takes.
 *
 * @param name    the short name used in the API, lower case, such as {@code postgres}
 * @param title   a human-readable name
 * @param author  who maintains it
 * @param version the plugin's version
 * @param target  whether it backs up and restores data systems
 * @param store   whether it stores blobs
 * @param fields  the endpoint fields it reads
 * @param help    a paragraph for operators: what is backed up, what is not, what it needs
 */
public record PluginInfo(String name, String title, String author, String version,
                         boolean target, boolean store, List<ConfigField> fields, String help) {
    public PluginInfo {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("plugin name must be lower case letters, digits, '-' or '_', got " + name);
        }
        if (!target && !store) {
            throw new IllegalArgumentException("plugin " + name + " must be a target, a store or both");
        }
        title = title == null ? name : title;
        author = author == null ? "" : author;
        version = version == null ? "" : version;
        fields = List.copyOf(fields);
        help = help == null ? "" : help;
    }

    /** The field called {@code fieldName}, if this plugin declares it. */
    public Optional<ConfigField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }
}
