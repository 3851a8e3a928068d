package dev.cairn.server.web;

import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;

/** A store on the dashboard: its last self-test and what it holds ({@link StoreHealth#healthy()} null until tested). */
public record StoreRow(Store store, StoreHealth health) {
}
