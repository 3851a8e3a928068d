package dev.cairn.core.schedule;

import dev.cairn.core.CairnException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A schedule written in the timespec language, which says at which wall-clock times a job runs;
 * immutable and thread-safe.
 *
 * <p>Words are case-insensitive and separated by white space; "at", "on" and "the" may be left out.
 * A TIME is 12-hour ({@code 4am}, {@code 4:30pm}, {@code 12am} is midnight, {@code 12pm} is noon),
 * 24-hour ({@code 04:00}, {@code 23:35}), {@code noon} or {@code midnight}; an hour above 12 with am
 * or pm is refused; an hour alone ({@code 3}, {@code 17}) is an hour of the 24-hour clock after
 * "at", after "daily" and after a weekday, but not where it could be a day of the month. Every form
 * of SHIELD's grammar is read, and the canonical spelling (on the right) is the one SHIELD prints:
 *
 * <ul>
 *   <li>{@code daily [at] TIME}, {@code every day [at] TIME}, {@code every night [at] TIME},
 *       {@code nightly [at] TIME} &mdash; {@code daily at 4:00}
 *   <li>{@code weekly [at] TIME [on] WEEKDAY} (either order), {@code sundays [at] 8am},
 *       {@code every sunday [at] 8am} &mdash; {@code sundays at 8:00}. A WEEKDAY is a full name, its
 *       plural, its first three letters, or {@code tues}, {@code weds}, {@code thur}, {@code thurs}.
 *   <li>{@code weekdays [at] TIME}, {@code every weekday …}, {@code weekends …}, {@code mon-fri …},
 *       {@code monday to friday …} ({@code through}, {@code thru}) &mdash; {@code monday to friday at
 *       17:00}: each day of the range, which may wrap past sunday ({@code fri-mon}); weekends are
 *       {@code saturday to sunday}.
 *   <li>{@code hourly [[at] MINUTE]}, {@code every hour [at] MINUTE}, and a MINUTE alone when
 *       written {@code x:MM}, {@code h:MM} or {@code *:MM} &mdash; {@code hourly at 15 after}. A
 *       MINUTE is {@code 15}, {@code :15}, {@code x:15} ({@code h:}, {@code *:}), {@code 15 after}
 *       ({@code past}), {@code 10 til} ({@code until}: minute 50), {@code quarter after},
 *       {@code quarter til}, {@code half past}.
 *   <li>{@code every N hours [from TIME]} &mdash; {@code every 6 hours from 4:39}: N divides 24,
 *       and the runs are the grid of N-hour steps through TIME, the same every day
 *       (4:39, 10:39, 16:39, 22:39); without "from" the grid starts at midnight.
 *   <li>{@code every N minutes} ({@code min}, {@code mins}, {@code minute}), {@code every minute}
 *       &mdash; {@code every 30 minutes}: N divides 60, and the runs start at minute 0 of each hour.
 *   <li>{@code monthly [at] TIME [on] [the] DAY} (either order), DAY being {@code 1st} to
 *       {@code 31st}, a plain {@code 1} to {@code 31}, or {@code last day} &mdash; {@code monthly at
 *       2:05 on 14th}. A month that lacks the day runs on its last day, so {@code 31st} and
 *       {@code last day} are the same.
 *   <li>{@code [monthly] [at TIME] [on] [the] (1st|first … 5th|fifth|last) WEEKDAY [at] TIME} &mdash;
 *       {@code 2nd tuesday at 9:00}: the N-th occurrence of the weekday in the month; a 5th one runs
 *       only in the months that have it.
 *   <li>a 5-field Unix cron expression, optionally after {@code cron} &mdash;
 *       {@code cron 0 4 * * 1-5}
 *   <li>cron's nicknames with cron's meanings: {@code @hourly}, {@code @daily} and {@code @midnight}
 *       ({@code daily at 0:00}), {@code @weekly} ({@code sundays at 0:00}), {@code @monthly}
 *       ({@code monthly at 0:00 on 1st}), {@code @yearly} and {@code @annually}
 *       ({@code cron 0 0 1 1 *})
 * </ul>
 *
 * <p>What says how often but not when is refused with a timespec that would read: {@code daily}
 * alone ("say when: e.g. 'daily at 4am'"; no default time is picked, since nobody would have chosen
 * it), {@code weekly}, a weekday alone, and {@code twice a day} ("e.g. 'every 12 hours from 0:00'").
 *
 * <p>Runs follow the wall clock of the zone they are asked in, through daylight-saving changes: a
 * run whose local time is skipped happens at the first instant after the gap (01:30 on a night
 * when 01:00 jumps to 02:00 runs at 02:00), and a run whose local time happens twice runs once, the
 * first time. This holds for every form, hourly and cron included.
 */
public final class Timespec {

    private final String text;
    private final Recurrence recurrence;

    private Timespec(String text, Recurrence recurrence) {
        this.text = text;
        this.recurrence = recurrence;
    }

    /**
     * Reads {@code text}, throwing {@link CairnException.InvalidInput} that quotes it and says what
     * was expected when it is not a timespec; a null text counts as empty.
     */
    public static Timespec parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        return new Timespec(trimmed, TimespecParser.parse(trimmed));
    }

    /** Returns the text this timespec was read from, trimmed. */
    public String text() {
        return text;
    }

    /**
     * Returns the one normal form of this timespec, as SHIELD prints it, such as {@code daily at 4:00}; reading it back
     * gives the same canonical form, and two timespecs with equal canonical forms run at the same times.
     */
    public String canonical() {
        return recurrence.canonical();
    }

    /** Returns the first run strictly after {@code after}, in {@code after}'s zone. */
    public ZonedDateTime next(ZonedDateTime after) {
        Objects.requireNonNull(after, "after");
        LocalDateTime local = after.toLocalDateTime();
        while (true) {
            // Usually the first candidate; in a repeated hour the candidates of its first pass are
            // already behind `after` and are skipped.
            local = recurrence.nextAfter(local);
            ZonedDateTime run = atZone(local, after.getZone());
            if (run.isAfter(after)) {
                return run;
            }
        }
    }

    /** Returns the next {@code count} runs strictly after {@code after}, earliest first, in its zone. */
    public List<ZonedDateTime> nextRuns(ZonedDateTime after, int count) {
        if (count < 0) {
            throw new CairnException.InvalidInput("count must not be negative, got " + count);
        }
        List<ZonedDateTime> runs = new ArrayList<>(count);
        ZonedDateTime run = after;
        for (int i = 0; i < count; i++) {
            run = next(run);
            runs.add(run);
        }
        return List.copyOf(runs);
    }

    /** Places a wall-clock time in a zone: a skipped time moves to the end of the gap, a repeated one takes its first pass. */
    private static ZonedDateTime atZone(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getDateTimeAfter().atZone(zone);
        }
        return ZonedDateTime.ofLocal(local, zone, null);
    }

    /** Two timespecs are equal when their canonical forms are, whatever text they were written as. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Timespec that && canonical().equals(that.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
