package dev.cairn.server.web;

/**
 * Which kind of endpoint item a page shows: targets or stores.
 *
 * @param noun     {@code target}
 * @param plural   {@code targets}
 * @param path     where its pages live, {@code /targets}
 * @param intro    what it is, for the empty list
 * @param agent    whether items have an agent field
 * @param selfTest whether items can be self-tested from their list (stores), which then shows their health
 * @param connectionTest whether the form can test the endpoint it holds before saving (targets)
 */
public record ItemKind(String noun, String plural, String path, String intro, boolean agent, boolean selfTest,
                       boolean connectionTest) {
    /** The noun with a capital first letter, for headings. */
    public String title() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
