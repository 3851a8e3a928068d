package dev.cairn.core.retention;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.RetentionPolicy;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The grandfather-father-son rules of a policy applied to the archives of one target in one
 * store: each rule keeps the newest good archive of each of its last N periods (UTC) that have
 * one, as restic and Borg count them, so a target whose backups stopped keeps its last N
 * rather than losing them all once N calendar days have passed. Damaged archives are never chosen.
 */
final class GfsRules {
    private record Rule(String name, int count, Function<ZonedDateTime, String> period) {
    }

    private final List<Rule> rules;

    GfsRules(RetentionPolicy.Keep keep) {
        this.rules = List.of(
                new Rule("daily", keep.daily(), t -> t.toLocalDate().toString()),
                new Rule("weekly", keep.weekly(), t -> String.format("%d-W%02d",
                        t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))),
                new Rule("monthly", keep.monthly(), t -> String.format("%d-%02d", t.getYear(), t.getMonthValue())),
                new Rule("yearly", keep.yearly(), t -> Integer.toString(t.getYear())));
    }

    /** For each archive some rule keeps, the rules that keep it ({@code "daily 2026-11-20"}); {@code newestFirst} is one store's archives. */
    Map<UUID, List<String>> keepers(List<Archive> newestFirst) {
        Map<UUID, List<String>> kept = new LinkedHashMap<>();
        for (Rule rule : rules) {
            String last = null;
            int periods = 0;
            for (Archive archive : newestFirst) {
                if (periods >= rule.count()) {
                    break;
                }
                if (archive.status() != Archive.Status.VALID) {
                    continue;
                }
                String period = rule.period().apply(archive.takenAt().atZone(ZoneOffset.UTC));
                if (!period.equals(last)) {
                    kept.computeIfAbsent(archive.uuid(), u -> new ArrayList<>()).add(rule.name() + " " + period);
                    last = period;
                    periods++;
                }
            }
        }
        return kept;
    }
}
