package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Paged;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a long list's page stands ("51–100 of 2,787") and the links to the newer and older pages,
 * which keep the list's other query parameters.
 *
 * @param from   the first item's position, 1-based (0 when the list is empty)
 * @param to     the last item's position
 * @param total  how many items the list holds
 * @param newer  the link to the page before, or null on the first
 * @param older  the link to the page after, or null on the last
 */
public record PageLinks(long from, long to, long total, String newer, String older) {
    /** How many rows a page of archives or tasks shows. */
    static final int SIZE = 50;

    /** The page a request asks for with {@code ?page=N}: 1 when it names none, a 400 when it names no page. */
    static int requested(Context ctx) {
        String page = ctx.queryParam("page");
        if (page == null || page.isEmpty()) {
            return 1;
        }
        if (!page.matches("[1-9][0-9]{0,6}")) {
            throw new CairnException.InvalidInput("page must be a whole number from 1, got " + page);
        }
        return Integer.parseInt(page);
    }

    /** The links for {@code shown}, page {@code page} of the list at {@code ctx}'s path and query. */
    static PageLinks of(Context ctx, int page, Paged<?> shown) {
        String others = ctx.queryParamMap().entrySet().stream().filter(e -> !e.getKey().equals("page"))
                .flatMap(e -> e.getValue().stream().map(v -> Map.entry(e.getKey(), v)))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = ctx.path() + "?" + (others.isEmpty() ? "" : others + "&") + "page=";
        long to = shown.offset() + shown.items().size();
        return new PageLinks(shown.items().isEmpty() ? 0 : shown.offset() + 1, to, shown.total(),
                page > 1 ? base + (page - 1) : null, to < shown.total() ? base + (page + 1) : null);
    }

    /** Whether the list needs more than one page, so the links are worth showing. */
    public boolean several() {
        return newer != null || older != null;
    }

    /** "51–100 of 2,787". */
    public String position() {
        return String.format("%,d–%,d of %,d", from, to, total);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
