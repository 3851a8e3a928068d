/**
 * What the core does with a store as a whole rather than one archive: its self-test
 * ({@link dev.cairn.core.stores.StoreSelfTest}), rebuilding the catalog's archive records from
 * the manifests it holds ({@link dev.cairn.core.stores.CatalogRecovery}), and purging what failed
 * backups left in it while it was down ({@link dev.cairn.core.stores.OrphanSweeper}).
 */
package dev.cairn.core.stores;
