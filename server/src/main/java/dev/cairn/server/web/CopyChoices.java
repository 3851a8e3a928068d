package dev.cairn.server.web;

import dev.cairn.core.catalog.Store;
import java.util.List;

/**
 * The stores a job may copy its backups to (every store but its own) and which of them are ticked.
 *
 * @param invalid whether the last attempt to save was refused because of the copies
 */
public record CopyChoices(List<Store> stores, List<String> chosen, boolean invalid) {
    /** The choices among {@code all} for a job whose own store is {@code own} (a uuid as text; empty when not chosen yet). */
    static CopyChoices of(List<Store> all, String own, List<String> chosen, boolean invalid) {
        return new CopyChoices(all.stream().filter(s -> !s.uuid().toString().equals(own)).toList(), chosen, invalid);
    }

    public boolean isChosen(Store store) {
        return chosen.contains(store.uuid().toString());
    }
}
