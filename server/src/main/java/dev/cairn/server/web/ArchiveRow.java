package dev.cairn.server.web;

import dev.cairn.core.catalog.Archive;
import java.util.UUID;

/**
 * An archive with the names of its target, store and job ({@code job} null when it was taken without one
 * or the job is deleted), the backup task that made it (null when none is known), and whether Cairn has an
 * engine that runs its plugin's archives as a database (so it can become an instance).
 */
public record ArchiveRow(Archive archive, String target, String store, String job, UUID task, boolean engine) {
}
