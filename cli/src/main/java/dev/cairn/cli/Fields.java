package dev.cairn.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads fields of API replies the way people are shown them. */
final class Fields {

    private Fields() {
    }

    /** The field as text, or null when it is absent or JSON null; objects and arrays come back as JSON. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /** A time field as text, or null when it is not set: the API sends an unset time as "" (as SHIELD does), older servers as null. */
    static String time(JsonNode node, String field) {
        String text = text(node, field);
        return text == null || text.isEmpty() ? null : text;
    }

    /** A boolean field as "yes" or "no"; the API's "t"/"f" and "yes"/"no" strings read the same. */
    static String yesNo(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isBoolean()) {
            return value.booleanValue() ? "yes" : "no";
        }
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "t", "true", "yes" -> "yes";
            case "f", "false", "no" -> "no";
            default -> text;
        };
    }

    /** A byte count as "1.2 MiB", or null when absent. */
    static String size(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? ByteSize.human(value.asLong()) : text(node, field);
    }

    /** A number of seconds as "7d", or null when absent. */
    static String duration(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? DurationText.format(value.asLong()) : text(node, field);
    }

    /** "name (uuid)" from two fields of {@code node}, or whichever of them is present. */
    static String nameAndUuid(JsonNode node, String nameField, String uuidField) {
        String name = text(node, nameField);
        String uuid = text(node, uuidField);
        if (name == null || uuid == null) {
            return name == null ? uuid : name;
        }
        return name + " (" + uuid + ")";
    }

    /** Puts {@code value} into {@code body} unless it is null: optional fields are left out, not sent as null. */
    static void putIfGiven(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    /** Puts {@code given}, else copies {@code field} from {@code current} when it has a non-null value. */
    static void putOrKeep(ObjectNode body, String field, String given, JsonNode current) {
        JsonNode kept = current.path(field);
        if (given != null) {
            body.put(field, given);
        } else if (!kept.isMissingNode() && !kept.isNull()) {
            body.set(field, kept);
        }
    }

    /**
     * Puts the summary for an update: {@code given}, else the current one, else empty, because
     * the API requires a summary on every update.
     */
    static void putSummary(ObjectNode body, String given, JsonNode current) {
        String summary = given != null ? given : text(current, "summary");
        body.put("summary", summary == null ? "" : summary);
    }
}
