package dev.cairn.cli;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns a name-or-uuid argument into the item's uuid: a uuid is taken as it is, a name is looked
 * up by listing the collection and matching names exactly.
 */
final class NameResolver {

    private static final Pattern UUID = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final CairnApi api;

    NameResolver(CairnApi api) {
        this.api = api;
    }

    static boolean isUuid(String text) {
        return UUID.matcher(text).matches();
    }

    /** Resolves {@code reference}, failing when no item or more than one item has that name. */
    Resolved resolve(Kind kind, String reference) {
        if (isUuid(reference)) {
            return new Resolved(reference, null);
        }
        if (!kind.named()) {
            throw new CliException("'" + reference + "' is not a uuid, and " + kind.pluralLabel()
                    + " have no names: give the " + kind.label() + "'s uuid");
        }
        List<JsonNode> matches = api.list(kind.listPath()).stream()
                .filter(item -> reference.equals(Fields.text(item, "name")))
                .toList();
        return switch (matches.size()) {
            case 0 -> throw new CliException("no " + kind.label() + " is named '" + reference + "'");
            case 1 -> new Resolved(Fields.text(matches.getFirst(), "uuid"), reference);
            default -> throw new CliException(matches.size() + " " + kind.pluralLabel() + " are named '" + reference
                    + "'; give the uuid of the one you mean: "
                    + String.join(", ", matches.stream().map(item -> Fields.text(item, "uuid")).toList()));
        };
    }
}
