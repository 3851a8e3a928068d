package dev.cairn.cli;

/**
 * An item a user referred to: its uuid, and its name when the user gave the name.
 *
 * @param name null when the user gave the uuid
 */
record Resolved(String uuid, String name) {

    /** "web-db (2f42d0b3-…)" when the name is known, else the uuid alone. */
    String describe() {
        return name == null ? uuid : name + " (" + uuid + ")";
    }
}
