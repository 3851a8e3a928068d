/**
 * What the built-in engines ({@code postgres}, {@code mysql}) share about running a data system from
 * a directory Cairn owns: the account it runs as, its files' owner, whether its process is alive.
 */
package dev.cairn.plugins.engine;
