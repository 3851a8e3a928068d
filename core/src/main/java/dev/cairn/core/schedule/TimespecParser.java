package dev.cairn.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Reads one timespec into its {@link Recurrence}; the grammar is listed on {@link Timespec}. */
final class TimespecParser {

    static final String FORMS = "daily, weekly, monthly, hourly, every …, a weekday, or a 5-field cron expression";
    private static final String WEEK_OF_MONTH = "1st to 5th or last before a weekday";

    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*][0-9*/,-]*");

    private static final DayWords<DayOfWeek> WEEKDAY = new DayWords<>(Tokens.WEEKDAY, Tokens::atWeekday, Tokens::weekday);

    private static final DayWords<Function<LocalTime, Recurrence>> MONTH_DAY = new DayWords<>(
            "a day of the month from 1st to 31st, 'last day', or a weekday of the month such as '2nd tuesday'",
            words -> words.atOrdinal() || words.atDayNumber() || "the".equals(words.peek()) || "last".equals(words.peek()),
            TimespecParser::monthDay);

    private TimespecParser() {}

    static Recurrence parse(String text) {
        Tokens words = new Tokens(text);
        if (words.skip("cron") || (!words.atEnd() && CRON_FIELD.matcher(words.peek()).matches())) {
            return cron(words);
        }
        Recurrence recurrence;
        if (words.atAnyHourMinute()) {
            // SHIELD's "x:30", "h:30", "*:30": at minute 30 of any hour
            recurrence = new Hourly(words.minute());
        } else if (words.skip("daily")) {
            recurrence = daily(words);
        } else if (words.skip("hourly")) {
            recurrence = hourly(words);
        } else if (words.skip("weekly")) {
            recurrence = timeAndDay(words, null, WEEKDAY, (at, day) -> new Weekly(day, at));
        } else if (words.skip("monthly")) {
            recurrence = timeAndDay(words, null, MONTH_DAY, (at, day) -> day.apply(at));
        } else if (words.skip("every")) {
            recurrence = every(words);
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

    /** "[at] TIME". */
    private static Recurrence daily(Tokens words) {
        words.skip("at");
        return new Daily(words.time());
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
        if (words.skip("day")) {
            return daily(words);
        }
        if (words.atWeekday()) {
            return timeAndDay(words, words.weekday(), WEEKDAY, (at, day) -> new Weekly(day, at));
        }
        int count = words.count("minute, hour, day, a weekday, or a number of hours or minutes");
        if (words.skip("hours") || words.skip("hour")) {
            LocalTime from = words.skip("from") ? words.time() : LocalTime.MIDNIGHT;
            return everyHours(words, count, from);
        }
        words.expectOneOf("hours or minutes", "minutes", "minute");
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
            if (at == null && (words.skip("at") || words.atTime())) {
                at = words.time();
            } else if (day == null && (words.skip("on") || days.startsHere(words))) {
                day = days.read(words);
            } else {
                throw words.fail(stillMissing(at, day, days));
            }
        }
        if (at == null || day == null) {
            throw words.fail(stillMissing(at, day, days));
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
    private record DayWords<D>(String expected, Predicate<Tokens> starts, Function<Tokens, D> reader) {

        boolean startsHere(Tokens words) {
            return starts.test(words);
        }

        D read(Tokens words) {
            return reader.apply(words);
        }
    }
}
