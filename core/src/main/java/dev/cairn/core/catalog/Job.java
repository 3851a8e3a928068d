package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * A target backed up to a store on a schedule, its archives kept per a retention policy. Each
 * backup may also be copied to further stores ({@code copies}) and verified once stored
 * ({@code verify}), and made into the sanitised {@code variants} it names once stored.
 */
public record Job(UUID uuid, String name, String summary, UUID target, UUID store, UUID schedule, UUID retention,
                  int priority, boolean paused, Instant nextRun, List<UUID> copies, boolean verify, List<String> variants) {
    /** The highest priority, seed 004's 0. */
    public static final int HIGHEST_PRIORITY = 0;
    /** The lowest priority, seed 004's 100. */
    public static final int LOWEST_PRIORITY = 100;
    /** The priority of a job that names none, seed 004's default. */
    public static final int DEFAULT_PRIORITY = 50;

    /** A job that makes no sanitised variants. */
    public Job(UUID uuid, String name, String summary, UUID target, UUID store, UUID schedule, UUID retention,
               int priority, boolean paused, Instant nextRun, List<UUID> copies, boolean verify) {
        this(uuid, name, summary, target, store, schedule, retention, priority, paused, nextRun, copies, verify, List.of());
    }

    /** How a variant name is spelled: lower-case letters, digits, '-' and '_', starting with a letter. */
    public static final java.util.regex.Pattern VARIANT_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public Job {
        variants = variants == null ? List.of() : List.copyOf(new LinkedHashSet<>(variants));
        for (String variant : variants) {
            if (variant == null || !VARIANT_NAME.matcher(variant).matches()) {
                throw new CairnException.InvalidInput("a variant name must be lower-case letters, digits, - and _ "
                        + "(starting with a letter, at most 40), got '" + variant + "'");
            }
        }
        summary = summary == null ? "" : summary;
        copies = copies == null ? List.of() : List.copyOf(new LinkedHashSet<>(copies));
        if (copies.contains(store)) {
            throw new CairnException.InvalidInput("copies must name stores other than the job's own store");
        }
        if (priority < HIGHEST_PRIORITY || priority > LOWEST_PRIORITY) {
            throw new CairnException.InvalidInput("priority must be between 0 (highest) and 100, got " + priority);
        }
    }
}

