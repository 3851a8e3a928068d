/**
 * The {@code postgres} target: one database through pg_dump and pg_restore, or a whole server
 * through pg_dumpall and psql. {@link dev.cairn.plugins.postgres.PostgresTarget} is the entry point.
 */
package dev.cairn.plugins.postgres;
