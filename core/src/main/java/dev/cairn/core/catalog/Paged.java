package dev.cairn.core.catalog;

import java.util.List;

/**
 * One page of a long list, newest first: its items, where it starts and how many there are in all.
 *
 * @param items  this page's items
 * @param offset how many items come before it
 * @param total  how many items the whole list holds
 */
public record Paged<T>(List<T> items, int offset, long total) {
    public Paged {
        items = List.copyOf(items);
        if (offset < 0 || total < 0) {
            throw new IllegalArgumentException("offset and total must not be negative, got " + offset + " and " + total);
        }
    }

    /** The offset of page {@code page} (1 for the first) of {@code size} items, refusing what cannot be a page. */
    public static int offsetOf(int page, int size) {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("page and size start at 1, got " + page + " and " + size);
        }
        return Math.multiplyExact(page - 1, size);
    }
}
