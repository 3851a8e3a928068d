package dev.cairn.server.web;

import dev.cairn.core.catalog.Store;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the dashboard reads a store's health from. Until the core runs store self-tests there is
 * nothing to read ({@link #NOT_CHECKED}); wiring them in means passing another source to {@link WebUi}.
 */
@FunctionalInterface
public interface StoreHealth {
    /** No health known for any store: the dashboard says "not checked". */
    StoreHealth NOT_CHECKED = store -> Optional.empty();

    /** The last known health of {@code store}, if any. */
    Optional<Check> of(Store store);

    /** The result of a store's last self-test. */
    record Check(boolean ok, String message, Instant checkedAt) {
    }
}
