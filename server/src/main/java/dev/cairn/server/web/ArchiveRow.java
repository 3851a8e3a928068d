package dev.cairn.server.web;

import dev.cairn.core.catalog.Archive;

/** An archive with the names of its target and store. */
public record ArchiveRow(Archive archive, String target, String store) {
}
