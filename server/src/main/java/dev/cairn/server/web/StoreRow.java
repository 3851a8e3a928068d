package dev.cairn.server.web;

import dev.cairn.core.catalog.Store;
import java.util.Optional;

/** A store on the dashboard: how many archives it holds, the bytes they take, and its health when known. */
public record StoreRow(Store store, long archives, long storedBytes, Optional<StoreHealth.Check> health) {
}
