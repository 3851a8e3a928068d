package dev.cairn.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns a name-or-uuid argument into the item's uuid: a uuid is taken as it is, a name is looked
 * up by listing the collection and matching names exactly, and an archive or a task is also found
 * by a unique prefix of its uuid or as {@code latest}.
 */
final class NameResolver {

    private static final Pattern UUID = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    /** The newest archive or task. */
    static final String LATEST = "latest";
    private static final Pattern PREFIX = Pattern.compile("[0-9a-fA-F][0-9a-fA-F-]{3,35}");

    private final CairnApi api;

    NameResolver(CairnApi api) {
        this.api = api;
    }

    static boolean isUuid(String text) {
        return UUID.matcher(text).matches();
    }

    /** Resolves {@code reference}, failing when no item or more than one item has that name. */
    Resolved resolve(Kind kind, String reference) {
        return resolve(kind, reference, kind.listPath());
    }

    /**
     * Resolves {@code reference}; for archives and tasks, which have no names, also a unique
     * prefix of the uuid (as git takes a commit's) or {@code latest}, the newest of those listed at
     * {@code candidates} (for archives, the newest valid one).
     */
    Resolved resolve(Kind kind, String reference, ApiPath candidates) {
        if (isUuid(reference)) {
            return new Resolved(reference, null);
        }
        if (!kind.named()) {
            return unnamed(kind, reference, candidates);
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

    private Resolved unnamed(Kind kind, String reference, ApiPath candidates) {
        if (reference.equals(LATEST)) {
            String timeField = kind == Kind.ARCHIVE ? "taken_at" : "requested_at";
            return api.list(candidates).stream()
                    .filter(item -> kind != Kind.ARCHIVE || "valid".equals(Fields.text(item, "status")))
                    .max(Comparator.comparing((JsonNode item) -> String.valueOf(Fields.text(item, timeField))))
                    .map(item -> new Resolved(Fields.text(item, "uuid"), null))
                    .orElseThrow(() -> new CliException("there is no " + (kind == Kind.ARCHIVE ? "valid " : "")
                            + kind.label() + " to take as latest" + (candidates.query().isEmpty() ? "" : " (" + candidates.query() + ")")));
        }
        if (!PREFIX.matcher(reference).matches()) {
            throw new CliException("'" + reference + "' is not a uuid, and " + kind.pluralLabel()
                    + " have no names: give the " + kind.label() + "'s uuid, the first 4 or more characters of it, or 'latest'");
        }
        String prefix = reference.toLowerCase(Locale.ROOT);
        ApiPath every = kind == Kind.ARCHIVE ? kind.listPath().with("purged", true) : kind.listPath();
        List<String> matches = api.list(every).stream().map(item -> Fields.text(item, "uuid"))
                .filter(uuid -> uuid != null && uuid.startsWith(prefix))
                .toList();
        return switch (matches.size()) {
            case 0 -> throw new CliException("no " + kind.label() + "'s uuid starts with '" + reference + "'");
            case 1 -> new Resolved(matches.getFirst(), null);
            default -> throw new CliException(matches.size() + " " + kind.pluralLabel() + "' uuids start with '" + reference
                    + "'; give more of it: " + String.join(", ", matches));
        };
    }
}
