package dev.cairn.server.web;

import dev.cairn.core.catalog.Archive;
import java.util.UUID;

/**
 * An archive with the names of its target, store and job ({@code job} null when it was taken without one
 * or the job is deleted) and the backup task that made it (null when none is known).
 */
public record ArchiveRow(Archive archive, String target, String store, String job, UUID task) {
}
