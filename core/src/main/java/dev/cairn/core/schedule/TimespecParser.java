package dev.cairn.core.schedule;

import dev.cairn.core.CairnException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Reads one timespec into its {@link Recurrence}; the grammar is listed on {@link Timespec}. */
final class TimespecParser {

    static final String FORMS = "daily, weekly, monthly, hourly, every …, a weekday, or a 5-field cron expression";
    private static final String WEEK_OF_MONTH = "1st to 5th or last before a weekday";
    private static final String NICKNAMES = "@hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually";
    /** The time a suggestion shows when the user gave none; any time would do, this one reads well. */
    private static final LocalTime EXAMPLE_TIME = LocalTime.of(4, 0);

    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*][0-9*/,-]*");

    private static final DayWords<DayOfWeek> WEEKDAY =
            new DayWords<>(Tokens.WEEKDAY, Tokens::atWeekday, Tokens::weekday, false, DayOfWeek.SUNDAY);

    private static final DayWords<List<DayOfWeek>> WEEKDAY_RANGE = new DayWords<>("a range of weekdays such as mon-fri",
            Tokens::atWeekdayRange, Tokens::weekdayRange, false, List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    private static final DayWords<Function<LocalTime, Recurrence>> MONTH_DAY = new DayWords<>(
            "a day of the month from 1st to 31st, 'last day', or a weekday of the month such as '2nd tuesday'",
            words -> words.atOrdinal() || words.atDayNumber() || "the".equals(words.peek()) || "last".equals(words.peek()),
            TimespecParser::monthDay, true, at -> new MonthlyOnDay(1, at));

    private TimespecParser() {}

    static Recurrence parse(String text) {
        Tokens words = new Tokens(text);
        if (!words.atEnd() && words.peek().startsWith("@")) {
            return nickname(words);
        }
        if (words.skip("twice")) {
            throw twice(words);
        }
        if (words.skip("cron") || (!words.atEnd() && CRON_FIELD.matcher(words.peek()).matches())) {
            return cron(words);
        }
        Recurrence recurrence;
        if (words.atAnyHourMinute()) {
            // SHIELD's "x:30", "h:30", "*:30": at minute 30 of any hour
            recurrence = new Hourly(words.minute());
        } else if (words.skip("daily") || words.skip("nightly")) {
            recurrence = daily(words);
        } else if (words.skip("hourly")) {
            recurrence = hourly(words);
        } else if (words.skip("weekly")) {
            recurrence = timeAndDay(words, null, WEEKDAY, (at, day) -> new Weekly(day, at));
        } else if (words.skip("monthly")) {
            recurrence = timeAndDay(words, null, MONTH_DAY, (at, day) -> day.apply(at));
        } else if (words.skip("every")) {
            recurrence = every(words);
        } else if (words.atWeekdayRange()) {
            recurrence = weekdayRange(words);
        } else if (words.atWeekday()) {
            recurrence = timeAndDay(words, words.weekday(), WEEKDAY, (at, day) -> new Weekly(day, at));
        } else if ((words.atOrdinal() || "last".equals(words.peek())) && words.weekdayFollows()) {
            // SHIELD's "3rd thursday at 1:00", "4th fridays 8am": monthly without the word
            recurrence = timeAndDay(words, monthDay(words), MONTH_DAY, (at, day) -> day.apply(at));
        } else {
            throw words.failBecause("expected " + FORMS);
        }
        words.end();
        return recurrence;
    }

    /**
     * "[at] TIME", an hour alone being an hour of the 24-hour clock ("daily at 3" is 3:00). With no
     * time at all it is refused rather than given a default: a backup at a time nobody chose (midnight,
     * when other jobs start too) is worse than one more word.
     */
    private static Recurrence daily(Tokens words) {
        if (words.atEnd()) {
            throw words.fail(Tokens.TIME, "say when", "daily at 4am");
        }
        words.skip("at");
        return new Daily(words.time());
    }

    /** "mon-fri [at] TIME", "monday to friday …", "weekdays …", "weekends …". */
    private static Recurrence weekdayRange(Tokens words) {
        return timeAndDay(words, words.weekdayRange(), WEEKDAY_RANGE,
                (at, days) -> WeekdayRange.of(days.getFirst(), days.getLast(), at));
    }

    /**
     * Cron's nicknames with cron's meanings (Vixie cron, crontab(5)): @hourly at minute 0, @daily and
     * @midnight at 0:00, @weekly on sunday at 0:00, @monthly on the 1st at 0:00, @yearly on 1 January.
     */
    private static Recurrence nickname(Tokens words) {
        String name = words.peek();
        Recurrence recurrence = switch (name) {
            case "@hourly" -> new Hourly(0);
            case "@daily", "@midnight" -> new Daily(LocalTime.MIDNIGHT);
            case "@weekly" -> new Weekly(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT);
            case "@monthly" -> new MonthlyOnDay(1, LocalTime.MIDNIGHT);
            case "@yearly", "@annually" -> CronSchedule.of("0 0 1 1 *");
            default -> null;
        };
        if (recurrence == null) {
            // @reboot has no time at all: a job runs on a clock, not when the server starts.
            throw words.fail(NICKNAMES, "or say when", "daily at 4am");
        }
        words.skip(name);
        words.end();
        return recurrence;
    }

    /**
     * Refuses "twice a day" and its kin: they say how often but not when, and the times matter (a
     * backup at noon runs in office hours), so the refusal suggests the grid that would read.
     */
    private static CairnException.InvalidInput twice(Tokens words) {
        if (!words.skip("a")) {
            words.skip("an");
        }
        String example = switch (words.atEnd() ? "day" : words.peek()) {
            case "hour", "hourly" -> "every 30 minutes";
            case "week", "weekly" -> "cron 0 4 * * 1,4";
            default -> "every 12 hours from 0:00";
        };
        return words.failBecause("'twice' does not say at which times" + Tokens.suggesting("say when", example));
    }

    /** "[[at] MINUTE]", on the hour when the minute is left out; MINUTE in any of SHIELD's spellings ({@link Tokens#minute}). */
    private static Recurrence hourly(Tokens words) {
        if (words.atEnd()) {
            return new Hourly(0);
        }
        words.skip("at");
        return new Hourly(words.minute());
    }

    /** What follows "every": a unit ("minute", "hour", "day"), a weekday, or a count of hours or minutes. */
    private static Recurrence every(Tokens words) {
        if (words.skip("minute")) {
            return new EveryMinutes(1);
        }
        if (words.skip("half") || words.skip("quarter")) {
            // SHIELD's "every half hour from 0:15", "every quarter hour from x:05"
            int step = words.previous().equals("half") ? 30 : 15;
            words.expectOneOf("'hour' after '" + words.previous() + "'", "hour");
            return new EveryMinutes(step, words.skip("from") ? minuteFrom(words) : 0);
        }
        if (words.skip("hour")) {
            return hourly(words);
        }
        if (words.skip("day") || words.skip("night")) {
            return daily(words);
        }
        if (words.atWeekdayRange()) {
            return weekdayRange(words);
        }
        if (words.atWeekday()) {
            return timeAndDay(words, words.weekday(), WEEKDAY, (at, day) -> new Weekly(day, at));
        }
        int count = words.count("minute, hour, day, a weekday, or a number of hours or minutes");
        if (words.skip("hours") || words.skip("hour") || words.skip("hrs") || words.skip("hr")) {
            LocalTime from = words.skip("from") ? words.time() : LocalTime.MIDNIGHT;
            return everyHours(words, count, from);
        }
        words.expectOneOf("hours or minutes", "minutes", "minute", "mins", "min");
        Recurrence minutes = everyMinutes(words, count);
        if (minutes instanceof EveryMinutes every && words.skip("from")) {
            return new EveryMinutes(every.minutes(), minuteFrom(words));
        }
        return minutes;
    }

    /** The minute a grid of minutes starts from: a TIME (its minute of the hour, as in SHIELD's "0:15") or a MINUTE. */
    private static int minuteFrom(Tokens words) {
        return words.atTime() ? words.time().getMinute() : words.minute();
    }

    /** Every {@code count} hours; one hour is {@link Hourly} and 24 are {@link Daily}, so each meaning has one form. */
    private static Recurrence everyHours(Tokens words, int count, LocalTime from) {
        if (count < 1 || 24 % count != 0) {
            throw words.failBecause("expected a number of hours that divides 24 (1, 2, 3, 4, 6, 8, 12 or 24), got " + count);
        }
        return switch (count) {
            case 1 -> new Hourly(from.getMinute());
            case 24 -> new Daily(from);
            default -> new EveryHours(count, from);
        };
    }

    private static Recurrence everyMinutes(Tokens words, int count) {
        if (count < 1 || 60 % count != 0) {
            throw words.failBecause(
                    "expected a number of minutes that divides 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got " + count);
        }
        return count == 60 ? new Hourly(0) : new EveryMinutes(count);
    }

    /**
     * Reads "[at] TIME" and "[on] DAY" in either order, each once; {@code day} is already known (and
     * must not be written again) when the timespec began with it, as in "sundays at 8am".
     */
    private static <D> Recurrence timeAndDay(Tokens words, D day, DayWords<D> days, BiFunction<LocalTime, D, Recurrence> build) {
        LocalTime at = null;
        while (!words.atEnd()) {
            // An hour alone is a time only where it cannot be a day of the month: "sundays 3", "monthly at 3".
            if (at == null && (words.skip("at") || words.atTime() || (!days.numbersAreDays() && words.atBareHour()))) {
                at = words.time();
            } else if (day == null && (words.skip("on") || days.startsHere(words))) {
                day = days.read(words);
            } else {
                throw words.fail(stillMissing(at, day, days));
            }
        }
        if (at == null || day == null) {
            // The suggestion keeps what was written and fills in the rest.
            String example = build.apply(at == null ? EXAMPLE_TIME : at, day == null ? days.example() : day).canonical();
            String hint = at == null ? "say when" : "say which day";
            throw words.fail(stillMissing(at, day, days), hint, at == null ? example.replace(" at 4:00", " at 4am") : example);
        }
        return build.apply(at, day);
    }

    private static String stillMissing(LocalTime at, Object day, DayWords<?> days) {
        if (at == null) {
            return day == null ? Tokens.TIME + ", or " + days.expected() : Tokens.TIME;
        }
        return day == null ? days.expected() : "nothing more";
    }

    /** "[the] (ORDINAL [day] | NUMBER | ORDINAL WEEKDAY | last day | last WEEKDAY)", as a recurrence still missing its time. */
    private static Function<LocalTime, Recurrence> monthDay(Tokens words) {
        words.skip("the");
        if (words.skip("last")) {
            if (words.skip("day")) {
                return at -> new MonthlyOnDay(MonthlyOnDay.LAST_DAY, at);
            }
            if (!words.atWeekday()) {
                throw words.fail("'day' or a weekday such as friday after 'last'");
            }
            DayOfWeek day = words.weekday();
            return at -> new MonthlyOnWeekday(MonthlyOnWeekday.LAST, day, at);
        }
        if (words.weekdayFollows()) {
            int week = words.ordinal(MonthlyOnWeekday.FIFTH, WEEK_OF_MONTH);
            DayOfWeek day = words.weekday();
            return at -> new MonthlyOnWeekday(week, day, at);
        }
        int day = words.atDayNumber() ? words.dayNumber(MonthlyOnDay.LAST_DAY, MONTH_DAY.expected())
                : words.ordinal(MonthlyOnDay.LAST_DAY, MONTH_DAY.expected());
        words.skip("day");
        return at -> new MonthlyOnDay(day, at);
    }

    private static Recurrence cron(Tokens words) {
        String expression = words.rest();
        try {
            return CronSchedule.of(expression);
        } catch (RuntimeException e) {
            // cron-utils reports bad expressions as IllegalArgumentException; any other runtime exception
            // it throws while reading the user's text is just as much a bad expression.
            String reason = String.valueOf(e.getMessage()).replace("Failed to parse cron expression. ", "");
            throw words.failBecause("expected a 5-field cron expression (minute hour day-of-month month day-of-week): " + reason);
        }
    }

    /** How one form writes its day: a weekday for weekly, a day or weekday of the month for monthly. */
    private record DayWords<D>(
            String expected, Predicate<Tokens> starts, Function<Tokens, D> reader, boolean numbersAreDays, D example) {

        boolean startsHere(Tokens words) {
            return starts.test(words);
        }

        D read(Tokens words) {
            return reader.apply(words);
        }
    }
}
