package dev.cairn.server.web;

/**
 * Which kind of endpoint item a page shows: targets or stores.
 *
 * @param noun   {@code target}
 * @param plural {@code targets}
 * @param path   where its pages live, {@code /targets}
 * @param intro  what it is, for the empty list
 * @param agent  whether items have an agent field
 */
public record ItemKind(String noun, String plural, String path, String intro, boolean agent) {
    /** The noun with a capital first letter, for headings. */
    public String title() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
