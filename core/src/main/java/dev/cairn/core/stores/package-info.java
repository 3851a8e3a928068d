/**
 * What the core does with a store as a whole rather than one archive: its self-test
 * ({@link dev.cairn.core.stores.StoreSelfTest}) and rebuilding the catalog's archive records from
 * the manifests it holds ({@link dev.cairn.core.stores.CatalogRecovery}).
 */
package dev.cairn.core.stores;
