/**
 * The {@code postgres} target: one database through pg_dump and pg_restore, or a whole server
 * through pg_dumpall and psql. {@link dev.cairn.plugins.postgres.PostgresTarget} is the entry point.
 * Beside it, {@link dev.cairn.plugins.postgres.PostgresEngine} runs a cluster of Cairn's own from a
 * one-database archive (images and instances).
 */
package dev.cairn.plugins.postgres;
