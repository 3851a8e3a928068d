package dev.cairn.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schedules as people type them (issue 13): the unambiguous ones read, each to the canonical text of
 * the SHIELD form it means; the others are refused with a timespec that would work, which itself reads.
 * Next runs are counted from a fixed clock, Wednesday 2 December 2026 18:40 UTC.
 */
class PeopleTimespecTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 2, 18, 40, 0, 0, UTC);
    /** The suggestion every refusal below ends with. */
    private static final Pattern SUGGESTION = Pattern.compile("; [a-z ]+: e\\.g\\. '([^']+)'$");

    private static List<String> runs(String timespec, ZonedDateTime after, int count) {
        return Timespec.parse(timespec).nextRuns(after, count).stream().map(ZonedDateTime::toString).toList();
    }

    private static List<String> runs(String timespec, int count) {
        return runs(timespec, NOW, count);
    }

    @ParameterizedTest(name = "''{0}'' reads as ''{1}'': {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            every day at 3             | daily at 3:00                | an hour alone, 0 to 23, is an hour of the 24-hour clock
            daily at 3                 | daily at 3:00                | an hour alone is an hour
            daily 3                    | daily at 3:00                | daily takes only a time, so 'at' may go
            daily at 17                | daily at 17:00               | the 24-hour clock: 17 is 5pm
            daily at 0                 | daily at 0:00                | hour 0 is midnight
            daily at 3 pm              | daily at 15:00               | with pm it is the afternoon
            every night at 2am         | daily at 2:00                | a night is one run a day
            every night at 2           | daily at 2:00                | an hour alone is an hour
            nightly at 2am             | daily at 2:00                | nightly is daily
            @daily                     | daily at 0:00                | cron's @daily: midnight
            @midnight                  | daily at 0:00                | cron's @midnight is @daily
            @DAILY                     | daily at 0:00                | words are case-insensitive
            @hourly                    | hourly at 0 after            | cron's @hourly: minute 0
            @weekly                    | sundays at 0:00              | cron's @weekly: sunday midnight
            @monthly                   | monthly at 0:00 on 1st       | cron's @monthly: the 1st at midnight
            @yearly                    | cron 0 0 1 1 *               | cron's @yearly: 1 January at midnight
            @annually                  | cron 0 0 1 1 *               | cron's @annually is @yearly
            every 15 min               | every 15 minutes             | min is minutes
            every 15 mins              | every 15 minutes             | mins is minutes
            every 15 minute            | every 15 minutes             | the singular is read too
            every 1 min                | every minute                 | one minute is every minute
            every 6 hrs                | every 6 hours from 0:00      | hrs is hours
            every 2 hr                 | every 2 hours from 0:00      | hr is hours
            every 6 hours from 4       | every 6 hours from 4:00      | an hour alone is an hour
            weekdays at 5pm            | monday to friday at 17:00    | weekdays are monday to friday
            every weekday at 5pm       | monday to friday at 17:00    | every weekday is weekdays
            weekdays 17                | monday to friday at 17:00    | no day number can stand here, so 17 is an hour
            mon-fri 17:00              | monday to friday at 17:00    | a range of weekdays
            Mon-Fri at 5 pm            | monday to friday at 17:00    | a range of weekdays, any case
            monday to friday at 17:00  | monday to friday at 17:00    | the canonical text reads back
            mon through fri 5pm        | monday to friday at 17:00    | through is to
            tues thru thurs 5pm        | tuesday to thursday at 17:00 | thru is to
            every mon-fri at 6:30      | monday to friday at 6:30     | every before a range
            weekends at 10am           | saturday to sunday at 10:00  | weekends are saturday and sunday
            fri-mon 1am                | friday to monday at 1:00     | a range may wrap past sunday
            sun-sat 4am                | daily at 4:00                | the whole week is daily: one meaning, one form
            mon-mon 4am                | mondays at 4:00              | one day is weekly
            sundays at 3               | sundays at 3:00              | an hour alone where no day number can stand
            sundays 3                  | sundays at 3:00              | a weekday is never a number, so 3 is the hour
            weekly at 3 on sunday      | sundays at 3:00              | after 'at' an hour alone is an hour
            monthly at 3 on 14th       | monthly at 3:00 on 14th      | after 'at' an hour alone is an hour
            2nd tuesday at 9           | 2nd tuesday at 9:00          | after 'at' an hour alone is an hour
            monthly 2:05 14            | monthly at 2:05 on 14th      | SHIELD's: without 'at' a number in monthly stays a day
            """)
    void readsWhatPeopleType(String text, String canonical, String why) {
        Timespec timespec = Timespec.parse(text);

        assertThat(timespec.canonical()).as(why).isEqualTo(canonical);
        assertThat(Timespec.parse(canonical).canonical()).as("the canonical text reads back").isEqualTo(canonical);
    }

    @Test
    void aBareHourRunsAtThatHourEachDay() {
        assertThat(runs("daily at 3", 2)).containsExactly("2026-12-03T03:00Z[UTC]", "2026-12-04T03:00Z[UTC]");
        assertThat(runs("every day at 3", 1)).containsExactly("2026-12-03T03:00Z[UTC]");
        assertThat(runs("daily at 19", 1)).as("later today").containsExactly("2026-12-02T19:00Z[UTC]");
    }

    @Test
    void everyNightRunsDaily() {
        assertThat(runs("every night at 2am", 2)).containsExactly("2026-12-03T02:00Z[UTC]", "2026-12-04T02:00Z[UTC]");
    }

    @Test
    void cronNicknamesRunAsCronRunsThem() {
        assertThat(runs("@daily", 2)).containsExactly("2026-12-03T00:00Z[UTC]", "2026-12-04T00:00Z[UTC]");
        assertThat(runs("@hourly", 2)).containsExactly("2026-12-02T19:00Z[UTC]", "2026-12-02T20:00Z[UTC]");
        // 2026-12-06 is a Sunday.
        assertThat(runs("@weekly", 2)).containsExactly("2026-12-06T00:00Z[UTC]", "2026-12-13T00:00Z[UTC]");
        assertThat(runs("@monthly", 2)).containsExactly("2027-01-01T00:00Z[UTC]", "2027-02-01T00:00Z[UTC]");
        assertThat(runs("@yearly", 2)).containsExactly("2027-01-01T00:00Z[UTC]", "2028-01-01T00:00Z[UTC]");
    }

    @Test
    void everyFifteenMinRunsOnTheQuarterHours() {
        assertThat(runs("every 15 min", 3)).containsExactly(
                "2026-12-02T18:45Z[UTC]", "2026-12-02T19:00Z[UTC]", "2026-12-02T19:15Z[UTC]");
    }

    @Test
    void weekdaysRunMondayToFridayAndSkipTheWeekend() {
        // Thursday 3rd, Friday 4th, then Monday 7th.
        List<String> expected = List.of("2026-12-03T17:00Z[UTC]", "2026-12-04T17:00Z[UTC]", "2026-12-07T17:00Z[UTC]");
        assertThat(runs("weekdays at 5pm", 3)).isEqualTo(expected);
        assertThat(runs("mon-fri 17:00", 3)).isEqualTo(expected);
        assertThat(runs("mon-fri 17:00", ZonedDateTime.of(2026, 12, 2, 16, 59, 0, 0, UTC), 1))
                .as("today, when it is still ahead").containsExactly("2026-12-02T17:00Z[UTC]");
        assertThat(runs("mon-fri 17:00", ZonedDateTime.of(2026, 12, 4, 17, 0, 0, 0, UTC), 1))
                .as("strictly after: friday's run is behind").containsExactly("2026-12-07T17:00Z[UTC]");
    }

    @Test
    void weekendsAndWrappingRangesRunOnTheirDays() {
        assertThat(runs("weekends at 10am", 3)).containsExactly(
                "2026-12-05T10:00Z[UTC]", "2026-12-06T10:00Z[UTC]", "2026-12-12T10:00Z[UTC]");
        assertThat(runs("fri-mon 1am", 5)).containsExactly("2026-12-04T01:00Z[UTC]", "2026-12-05T01:00Z[UTC]",
                "2026-12-06T01:00Z[UTC]", "2026-12-07T01:00Z[UTC]", "2026-12-11T01:00Z[UTC]");
    }

    @Test
    void aRangeOfWeekdaysFollowsTheWallClockThroughDaylightSaving() {
        // London skips 01:00-02:00 on Sunday 2026-03-29.
        ZoneId london = ZoneId.of("Europe/London");
        assertThat(runs("weekends at 1:30am", LocalDateTime.parse("2026-03-28T12:00").atZone(london), 2)).containsExactly(
                "2026-03-29T02:00+01:00[Europe/London]", "2026-04-04T01:30+01:00[Europe/London]");
    }

    @ParameterizedTest(name = "''{0}'' is refused, suggesting ''{2}'': {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            daily          | expected a time such as 4am, 4:30pm or 23:35 after 'daily'; say when       | daily at 4am             | a default time would run at an hour nobody chose
            every day      | expected a time such as 4am, 4:30pm or 23:35 after 'day'; say when         | daily at 4am             | as daily
            every night    | after 'night'; say when                                                    | daily at 4am             | as daily
            nightly        | after 'nightly'; say when                                                  | daily at 4am             | as daily
            weekly         | or a weekday such as thursday or thu after 'weekly'; say when              | sundays at 4am           | neither the day nor the time is said
            sundays        | expected a time such as 4am, 4:30pm or 23:35 after 'sundays'; say when     | sundays at 4am           | the day is kept
            weekdays       | after 'weekdays'; say when                                                 | monday to friday at 4am  | the days are kept
            mon-fri        | after 'mon-fri'; say when                                                  | monday to friday at 4am  | the days are kept
            monthly        | after 'monthly'; say when                                                  | monthly at 4am on 1st    | neither the day nor the time is said
            monthly on the 14th | after '14th'; say when                                                | monthly at 4am on 14th   | the day is kept
            weekly at 4am  | expected a weekday such as thursday or thu after '4am'; say which day      | sundays at 4:00          | the time is kept
            monthly at 3   | after '3'; say which day                                                   | monthly at 3:00 on 1st   | the time is kept
            twice a day    | 'twice' does not say at which times; say when                              | every 12 hours from 0:00 | 0:00 and 12:00, or 3:00 and 15:00? noon may be office hours
            twice daily    | 'twice' does not say at which times; say when                              | every 12 hours from 0:00 | as twice a day
            twice          | 'twice' does not say at which times; say when                              | every 12 hours from 0:00 | as twice a day
            twice an hour  | 'twice' does not say at which times; say when                              | every 30 minutes         | the grid of half hours
            twice a week   | 'twice' does not say at which times; say when                              | cron 0 4 * * 1,4         | no SHIELD form has two days; cron does
            @reboot        | expected @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually, got '@reboot'; or say when | daily at 4am | jobs run on a clock, not when the server starts
            @fortnightly   | got '@fortnightly'; or say when                                            | daily at 4am             | not a cron nickname
            """)
    void refusesWhatDoesNotSayWhenAndSuggestsAFormThatReads(String text, String reason, String suggestion, String why) {
        assertThatThrownBy(() -> Timespec.parse(text))
                .as(why)
                .isInstanceOf(CairnException.InvalidInput.class)
                .hasMessageStartingWith("cannot read timespec '" + text + "': ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith(": e.g. '" + suggestion + "'");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            daily
            every day
            every night
            weekly
            sundays
            weekdays
            monthly
            monthly on the 14th
            monthly on the last friday
            weekly at 4am
            monthly at 3
            twice a day
            twice an hour
            twice a week
            @reboot
            """)
    void everySuggestionItselfReads(String text) {
        String message = catchMessage(text);
        Matcher suggestion = SUGGESTION.matcher(message);

        assertThat(suggestion.find()).as(message).isTrue();
        Timespec suggested = Timespec.parse(suggestion.group(1));
        assertThat(suggested.nextRuns(NOW, 2)).hasSize(2);
        assertThat(Timespec.parse(suggested.canonical())).isEqualTo(suggested);
    }

    @Test
    void theSuggestionForDailyIsTheWholeMessage() {
        assertThat(catchMessage("daily")).isEqualTo(
                "cannot read timespec 'daily': expected a time such as 4am, 4:30pm or 23:35 after 'daily'; say when: e.g. 'daily at 4am'");
        assertThat(catchMessage("twice a day")).isEqualTo(
                "cannot read timespec 'twice a day': 'twice' does not say at which times; say when: e.g. 'every 12 hours from 0:00'");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            every day at banana | expected a time such as 4am, 4:30pm or 23:35, got 'banana'
            daily at 24         | expected a time such as 4am, 4:30pm or 23:35, got '24'
            weekdays at 25      | got '25'
            weekdays at 5pm on monday | expected nothing more, got 'on'
            mon-funday 5pm      | expected daily, weekly, monthly, hourly, every …, a weekday, or a 5-field cron expression
            mon to 5pm          | expected a time such as 4am, 4:30pm or 23:35, got 'to'
            @daily at 4am       | expected nothing more, got 'at'
            every 7 min         | expected a number of minutes that divides 60
            every 15 secs       | expected hours or minutes, got 'secs'
            sundays 3 13        | expected nothing more, got '13'
            """)
    void keepsRefusingNonsenseSayingWhy(String text, String reason) {
        assertThat(catchMessage(text)).startsWith("cannot read timespec '" + text + "': ").contains(reason);
    }

    private static String catchMessage(String text) {
        try {
            Timespec.parse(text);
        } catch (CairnException.InvalidInput refused) {
            return refused.getMessage();
        }
        throw new AssertionError("'" + text + "' was read, but should be refused");
    }
}
