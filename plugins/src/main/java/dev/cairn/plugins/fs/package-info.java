/**
 * The {@code fs} plugin, both a target (a directory, as a tar) and a store (objects as files in a
 * directory). {@link dev.cairn.plugins.fs.FsPlugin} is the entry point.
 */
package dev.cairn.plugins.fs;
