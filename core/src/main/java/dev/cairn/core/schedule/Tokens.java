package dev.cairn.core.schedule;

import dev.cairn.core.CairnException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lower-cased words of one timespec, read left to right, with readers for the small pieces the
 * grammar is built from; a reader that cannot read fails with a message quoting the whole timespec.
 */
final class Tokens {

    static final String TIME = "a time such as 4am, 4:30pm or 23:35";
    static final String WEEKDAY = "a weekday such as thursday or thu";

    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(am|pm)?");
    /** An hour alone, as in "daily at 3": 0 to 23 on the 24-hour clock, since no am or pm says otherwise. */
    private static final Pattern BARE_HOUR = Pattern.compile("\\d{1,2}");
    private static final Pattern DAY_TO_DAY = Pattern.compile("([a-z]+)-([a-z]+)");
    private static final Pattern NUMBERED = Pattern.compile("(\\d{1,3})(st|nd|rd|th)");
    /** A minute of the hour: {@code 15}, {@code :15}, or SHIELD's any-hour {@code h:15}, {@code x:15}, {@code *:15}. */
    private static final Pattern MINUTE = Pattern.compile("([hx*]?:)?(\\d{1,2})");
    private static final String MINUTE_OF_HOUR = "a minute past the hour such as :15";
    private static final Map<String, Integer> ORDINAL_WORDS = Map.of("first", 1, "second", 2, "third", 3, "fourth", 4, "fifth", 5);
    private static final Map<String, DayOfWeek> WEEKDAYS = weekdayNames();

    private final String text;
    private final List<String> words;
    private int position;

    Tokens(String text) {
        this.text = text;
        this.words = split(text);
    }

    /** Splits on white space and joins a separate "am" or "pm" to the number before it ("4 pm"). */
    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            boolean meridiem = word.equals("am") || word.equals("pm");
            if (meridiem && !words.isEmpty() && Character.isDigit(words.getLast().charAt(words.getLast().length() - 1))) {
                words.add(words.removeLast() + word);
            } else if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static Map<String, DayOfWeek> weekdayNames() {
        Map<String, DayOfWeek> names = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            names.put(name, day);
            names.put(name + "s", day);
            names.put(name.substring(0, 3), day);
        }
        names.putAll(Map.of("tues", DayOfWeek.TUESDAY, "weds", DayOfWeek.WEDNESDAY, "thur", DayOfWeek.THURSDAY, "thurs", DayOfWeek.THURSDAY));
        return Map.copyOf(names);
    }

    boolean atEnd() {
        return position == words.size();
    }

    /** Returns the current word, or null at the end. */
    String peek() {
        return peek(0);
    }

    private String peek(int ahead) {
        int index = position + ahead;
        return index < words.size() ? words.get(index) : null;
    }

    /** The word read last. */
    String previous() {
        return words.get(position - 1);
    }

    /** Consumes the current word if it is {@code word}. */
    boolean skip(String word) {
        if (word.equals(peek())) {
            position++;
            return true;
        }
        return false;
    }

    /** Consumes the current word if it is one of {@code choices}, failing with {@code expected} otherwise. */
    void expectOneOf(String expected, String... choices) {
        for (String choice : choices) {
            if (skip(choice)) {
                return;
            }
        }
        throw fail(expected);
    }

    /** Returns the remaining words joined by single spaces and consumes them. */
    String rest() {
        String rest = String.join(" ", words.subList(position, words.size()));
        position = words.size();
        return rest;
    }

    /** Fails unless every word has been read. */
    void end() {
        if (!atEnd()) {
            throw fail("nothing more");
        }
    }

    /** Whether the current word is shaped like a time; it may still name none, as "25:00" does. */
    boolean atTime() {
        String word = peek();
        if (word == null) {
            return false;
        }
        Matcher clock = CLOCK.matcher(word);
        return word.equals("noon") || word.equals("midnight")
                || (clock.matches() && (clock.group(2) != null || clock.group(3) != null));
    }

    /** Whether the current word is an hour alone, 0 to 23, as in "daily at 3". */
    boolean atBareHour() {
        String word = peek();
        return word != null && BARE_HOUR.matcher(word).matches() && Integer.parseInt(word) <= 23;
    }

    /**
     * Reads a 12-hour (4am, 4:30pm, 12am is midnight) or 24-hour (04:00, 23:35) time, noon, midnight,
     * or an hour alone (3 is 3:00, 17 is 17:00), which callers accept only where no day number can
     * stand. SHIELD reads "14:30am" as 14:30 and "14am" as 14:00; such a time is refused here, saying
     * why, since it cannot be told whether the hour or the am is the mistake.
     */
    LocalTime time() {
        LocalTime time = atTime() ? timeOf(peek()) : atBareHour() ? LocalTime.of(Integer.parseInt(peek()), 0) : null;
        if (time == null) {
            Matcher clock = CLOCK.matcher(peek() == null ? "" : peek());
            if (clock.matches() && clock.group(3) != null && Integer.parseInt(clock.group(1)) > 12) {
                throw failBecause("expected " + TIME + ", got '" + peek() + "': with am or pm the hour is 1 to 12;"
                        + " write " + clock.group(1) + ":" + (clock.group(2) == null ? "00" : clock.group(2))
                        + " for a 24-hour time");
            }
            throw fail(TIME);
        }
        position++;
        return time;
    }

    /** Returns the time a word such as "4:30pm" or "23:35" names, or null when it names none. */
    private static LocalTime timeOf(String word) {
        if (word.equals("noon")) {
            return LocalTime.NOON;
        }
        if (word.equals("midnight")) {
            return LocalTime.MIDNIGHT;
        }
        Matcher clock = CLOCK.matcher(word);
        if (!clock.matches()) {
            return null;
        }
        int hour = Integer.parseInt(clock.group(1));
        int minute = clock.group(2) == null ? 0 : Integer.parseInt(clock.group(2));
        String meridiem = clock.group(3);
        if (meridiem != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + (meridiem.equals("pm") ? 12 : 0);
        }
        return hour <= 23 && minute <= 59 ? LocalTime.of(hour, minute) : null;
    }

    /** Whether the current word is a minute of any hour on its own, as SHIELD writes it: {@code x:30}, {@code h:30}, {@code *:30}, {@code :30}. */
    boolean atAnyHourMinute() {
        Matcher minute = MINUTE.matcher(peek() == null ? "" : peek());
        return minute.matches() && minute.group(1) != null;
    }

    /**
     * Reads a minute past the hour in any of SHIELD's spellings: {@code 15}, {@code :15}, {@code h:15}
     * ({@code x:}, {@code *:}), {@code 15 after} ({@code past}), {@code 10 til} ({@code until}: 50),
     * {@code quarter after}, {@code quarter til} (45), {@code half past}.
     */
    int minute() {
        String word = peek();
        Integer minutes = "quarter".equals(word) ? Integer.valueOf(15) : "half".equals(word) ? Integer.valueOf(30) : null;
        boolean plain = true;
        if (minutes == null) {
            Matcher minute = MINUTE.matcher(word == null ? "" : word);
            if (!minute.matches() || Integer.parseInt(minute.group(2)) > 59) {
                throw fail(MINUTE_OF_HOUR);
            }
            minutes = Integer.parseInt(minute.group(2));
            plain = minute.group(1) == null;
        }
        position++;
        if (plain && (skip("after") || skip("past"))) {
            return minutes;
        }
        if (plain && (skip("til") || skip("until"))) {
            if (minutes < 1) {
                throw failBecause("expected 1 to 59 minutes before '" + words.get(position - 1) + "', got '" + word + "'");
            }
            return 60 - minutes;
        }
        if (word.equals("quarter") || word.equals("half")) {
            throw fail("'after', 'past', 'til' or 'until'");
        }
        return minutes;
    }

    /** Whether the current word is a plain day of the month, as in SHIELD's "monthly at 2am on 14". */
    boolean atDayNumber() {
        return peek() != null && peek().matches("\\d{1,2}");
    }

    /** Reads a plain day of the month from 1 to {@code max}. */
    int dayNumber(int max, String expected) {
        int day = atDayNumber() ? Integer.parseInt(peek()) : 0;
        if (day < 1 || day > max) {
            throw fail(expected);
        }
        position++;
        return day;
    }

    /** Reads a plain count such as the 6 in "every 6 hours". */
    int count(String expected) {
        String word = peek();
        if (word == null || !word.matches("\\d{1,4}")) {
            throw fail(expected);
        }
        position++;
        return Integer.parseInt(word);
    }

    boolean atWeekday() {
        return atWeekday(0);
    }

    private boolean atWeekday(int ahead) {
        return peek(ahead) != null && WEEKDAYS.containsKey(peek(ahead));
    }

    DayOfWeek weekday() {
        if (!atWeekday()) {
            throw fail(WEEKDAY);
        }
        return WEEKDAYS.get(words.get(position++));
    }

    /**
     * Whether a range of weekdays starts here: {@code mon-fri}, {@code monday to friday}
     * ({@code through}, {@code thru}), {@code weekdays} or {@code weekends}.
     */
    boolean atWeekdayRange() {
        String word = peek();
        if (word == null) {
            return false;
        }
        Matcher range = DAY_TO_DAY.matcher(word);
        return word.equals("weekdays") || word.equals("weekday") || word.equals("weekends") || word.equals("weekend")
                || (range.matches() && WEEKDAYS.containsKey(range.group(1)) && WEEKDAYS.containsKey(range.group(2)))
                || (atWeekday(0) && peek(1) != null && List.of("to", "through", "thru").contains(peek(1)) && atWeekday(2));
    }

    /** Reads a range of weekdays ({@link #atWeekdayRange}) as its first and last day; weekends are saturday to sunday. */
    List<DayOfWeek> weekdayRange() {
        if (!atWeekdayRange()) {
            throw fail("a range of weekdays such as mon-fri");
        }
        String word = words.get(position++);
        if (word.startsWith("weekday")) {
            return List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        }
        if (word.startsWith("weekend")) {
            return List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
        Matcher range = DAY_TO_DAY.matcher(word);
        if (range.matches()) {
            return List.of(WEEKDAYS.get(range.group(1)), WEEKDAYS.get(range.group(2)));
        }
        position++;
        return List.of(WEEKDAYS.get(word), weekday());
    }

    /** Whether the current word is an ordinal: "1st" to "31st", or "first" to "fifth". */
    boolean atOrdinal() {
        String word = peek();
        return word != null && (ORDINAL_WORDS.containsKey(word) || NUMBERED.matcher(word).matches());
    }

    /** Whether the word after the current one is a weekday, as in "2nd tuesday". */
    boolean weekdayFollows() {
        return atWeekday(1);
    }

    /** Reads an ordinal between 1 and {@code max} inclusive, failing with {@code expected} otherwise. */
    int ordinal(int max, String expected) {
        String word = atOrdinal() ? peek() : "";
        Matcher numbered = NUMBERED.matcher(word);
        Integer value = numbered.matches() ? Integer.valueOf(numbered.group(1)) : ORDINAL_WORDS.get(word);
        if (value == null || value < 1 || value > max) {
            throw fail(expected);
        }
        position++;
        return value;
    }

    /** Builds the failure "expected …, got '<current word>'" (or "… after '<last word>'" at the end). */
    CairnException.InvalidInput fail(String expected) {
        return failBecause(expected(expected));
    }

    /**
     * Builds the failure of {@link #fail}, followed by a timespec that would work, which itself reads:
     * "expected … after 'daily'; say when: e.g. 'daily at 4am'".
     */
    CairnException.InvalidInput fail(String expected, String hint, String example) {
        return failBecause(expected(expected) + suggesting(hint, example));
    }

    /** The tail of a refusal that suggests a timespec: "; say when: e.g. 'daily at 4am'". */
    static String suggesting(String hint, String example) {
        return "; " + hint + ": e.g. '" + example + "'";
    }

    private String expected(String expected) {
        String where = !atEnd() ? ", got '" + peek() + "'"
                : position > 0 ? " after '" + words.get(position - 1) + "'"
                : "";
        return "expected " + expected + where;
    }

    /** Builds a failure whose message quotes the timespec, then gives {@code reason}. */
    CairnException.InvalidInput failBecause(String reason) {
        return new CairnException.InvalidInput("cannot read timespec '" + text + "': " + reason);
    }
}
