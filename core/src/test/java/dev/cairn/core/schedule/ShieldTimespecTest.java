package dev.cairn.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every form SHIELD's timespec grammar reads (its v0.10 {@code timespec/lang.y} and lexer), read the
 * same here: the spellings of SHIELD's own parser tests, each with the canonical text SHIELD prints,
 * and next runs from SHIELD's own fixed clock (1991-08-06 11:15:42, a Tuesday) as SHIELD's tests
 * compute them.
 */
class ShieldTimespecTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(1991, 8, 6, 11, 15, 42, 100_203, ZoneId.of("UTC"));

    private static List<String> runs(String timespec, int count) {
        return Timespec.parse(timespec).nextRuns(NOW, count).stream().map(run -> run.toLocalDateTime().toString()).toList();
    }

    @ParameterizedTest(name = "''{0}'' reads as ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            hourly at 30                 | hourly at 30 after
            hourly at :30                | hourly at 30 after
            hourly at x:30               | hourly at 30 after
            hourly at *:30               | hourly at 30 after
            hourly at h:30               | hourly at 30 after
            hourly at 15                 | hourly at 15 after
            hourly at quarter after      | hourly at 15 after
            hourly at quarter til        | hourly at 45 after
            hourly at 23 after           | hourly at 23 after
            hourly at 23 past            | hourly at 23 after
            hourly at 10 til             | hourly at 50 after
            hourly at 10 until           | hourly at 50 after
            hourly at half past          | hourly at 30 after
            hourly at half til           | hourly at 30 after
            hourly at 45 after           | hourly at 45 after
            hourly at 15 past            | hourly at 15 after
            hourly at 0 after            | hourly at 0 after
            hourly at 59 til             | hourly at 1 after
            Hourly at :30                | hourly at 30 after
            hoUrly At X:30               | hourly at 30 after
            Every HOUR at H:30           | hourly at 30 after
            hourly 10                    | hourly at 10 after
            hourly quarter after         | hourly at 15 after
            every hour at h:30           | hourly at 30 after
            every hour at x:30           | hourly at 30 after
            every hour at *:30           | hourly at 30 after
            every hour at 30             | hourly at 30 after
            every         hour 45        | hourly at 45 after
            every hour at quarter til    | hourly at 45 after
            x:30                         | hourly at 30 after
            h:30                         | hourly at 30 after
            *:30                         | hourly at 30 after
            X:05                         | hourly at 5 after
            daily at 2:30                | daily at 2:30
            daily at 14:30               | daily at 14:30
            daily at 2am                 | daily at 2:00
            daily at 2:30am              | daily at 2:30
            daily at 2:30pm              | daily at 14:30
            Daily at 2:30                | daily at 2:30
            daIly At 2:30PM              | daily at 14:30
            Every Day at 2:30            | daily at 2:30
            daily at 2:30 pm             | daily at 14:30
            daily at 2 pm                | daily at 14:00
            daily 4am                    | daily at 4:00
            every day at 2:30            | daily at 2:30
            every day at 14:30           | daily at 14:30
            every day at 2am             | daily at 2:00
            every day at 2:30am          | daily at 2:30
            every day at 2:30pm          | daily at 14:30
            every day 4am                | daily at 4:00
            every         day 4am        | daily at 4:00
            weekly at 5:35pm on sun      | sundays at 17:35
            weekly at 5:35pm on sunday   | sundays at 17:35
            weekly at 5:35pm on sundays  | sundays at 17:35
            weekly at 5:35pm on mon      | mondays at 17:35
            weekly at 5:35pm on tue      | tuesdays at 17:35
            weekly at 5:35pm on tues     | tuesdays at 17:35
            weekly at 5:35pm on tuesdays | tuesdays at 17:35
            weekly at 5:35pm on wed      | wednesdays at 17:35
            weekly at 5:35pm on thu      | thursdays at 17:35
            weekly at 5:35pm on thur     | thursdays at 17:35
            weekly at 5:35pm on thurs    | thursdays at 17:35
            weekly at 5:35pm on fri      | fridays at 17:35
            weekly at 5:35pm on sat      | saturdays at 17:35
            weekly at 5:35pm on saturday | saturdays at 17:35
            sun at 5:35pm                | sundays at 17:35
            tues at 5:35pm               | tuesdays at 17:35
            thursdays at 5:35pm          | thursdays at 17:35
            Weekly at 2:30 on Sat        | saturdays at 2:30
            TuesDay at 2:30              | tuesdays at 2:30
            weekly 5:35pm on sat         | saturdays at 17:35
            weekly at 5:35pm sat         | saturdays at 17:35
            weekly 5:35pm sat            | saturdays at 17:35
            thu 5:35pm                   | thursdays at 17:35
            2st tuesday at 23:15         | 2nd tuesday at 23:15
            2nd tuesday at 23:15         | 2nd tuesday at 23:15
            2rd tuesday at 23:15         | 2nd tuesday at 23:15
            2th tuesday at 23:15         | 2nd tuesday at 23:15
            4th fridays at 8am           | 4th friday at 8:00
            4th fridays 8am              | 4th friday at 8:00
            3rd thursday at 1:00         | 3rd thursday at 1:00
            1st monday 2:30am            | 1st monday at 2:30
            5th thursday at 1am          | 5th thursday at 1:00
            monthly 5th friday 8am       | 5th friday at 8:00
            monthly at 11:01pm on 4th    | monthly at 23:01 on 4th
            monthly at 11:01pm on 19st   | monthly at 23:01 on 19th
            monthly 11:01pm 19st         | monthly at 23:01 on 19th
            monthly at 11:01pm 19st      | monthly at 23:01 on 19th
            monthly 11:01pm on 19st      | monthly at 23:01 on 19th
            monthly at 2am on 14         | monthly at 2:00 on 14th
            monthly 2:05 14              | monthly at 2:05 on 14th
            every half hour from 0:15    | every half hour from 0:15
            every quarter hour from 0:05 | every quarter hour from 0:05
            every quarter hour from x:20 | every quarter hour from 0:05
            every half hour              | every 30 minutes
            every quarter hour from :00  | every 15 minutes
            every 10 minutes from 0:03   | every 10 minutes from 0:03
            every 6 hours from 4:39      | every 6 hours from 4:39
            """)
    void readsEveryFormOfShieldsGrammarToShieldsCanonicalText(String text, String canonical) {
        Timespec timespec = Timespec.parse(text);

        assertThat(timespec.canonical()).isEqualTo(canonical);
        assertThat(Timespec.parse(canonical).canonical()).as("the canonical text reads back").isEqualTo(canonical);
    }

    @Test
    void readsWeirdAndExtraneousWhiteSpace() {
        assertThat(Timespec.parse("     hourly\t\tat\n\n\n  \r\t\r\t16\t\t").canonical()).isEqualTo("hourly at 16 after");
        assertThat(Timespec.parse("     daily\t\tat\n\n\n  \r\t\r\t4    pm\t\t").canonical()).isEqualTo("daily at 16:00");
    }

    @Test
    void hourlyRunsAsShieldsTestsSay() {
        assertThat(runs("hourly at 30 after", 1)).containsExactly("1991-08-06T11:30");
        assertThat(runs("hourly at 7 after", 1)).containsExactly("1991-08-06T12:07");
        assertThat(runs("hourly at 45 after", 2)).containsExactly("1991-08-06T11:45", "1991-08-06T12:45");
        assertThat(runs("hourly at quarter til", 1)).containsExactly("1991-08-06T11:45");
        assertThat(runs("hourly at 10 until", 1)).containsExactly("1991-08-06T11:50");
        assertThat(runs("hourly at quarter after", 1)).as("11:15 is past at 11:15:42").containsExactly("1991-08-06T12:15");
        assertThat(runs("hourly at half past", 1)).containsExactly("1991-08-06T11:30");
        assertThat(runs("x:30", 2)).containsExactly("1991-08-06T11:30", "1991-08-06T12:30");
        assertThat(runs("every hour at *:05", 1)).containsExactly("1991-08-06T12:05");
    }

    @Test
    void halfAndQuarterHoursRunAsShieldsTestsSay() {
        assertThat(runs("every half hour from 0:09", 2)).containsExactly("1991-08-06T11:39", "1991-08-06T12:09");
        assertThat(runs("every quarter hour from 0:03", 2)).containsExactly("1991-08-06T11:18", "1991-08-06T11:33");
        assertThat(runs("every 4 hours from 3:15", 1)).containsExactly("1991-08-06T15:15");
        assertThat(runs("every 2 hours from 1:30", 1)).containsExactly("1991-08-06T11:30");
    }

    @Test
    void dailyRunsAsShieldsTestsSay() {
        assertThat(runs("daily at 4pm", 1)).containsExactly("1991-08-06T16:00");
        assertThat(runs("daily at 4:30pm", 1)).containsExactly("1991-08-06T16:30");
        assertThat(runs("daily at 6:07am", 1)).containsExactly("1991-08-07T06:07");
        assertThat(runs("daily at 11:15am", 1)).containsExactly("1991-08-07T11:15");
        assertThat(runs("every day at 11:16", 1)).containsExactly("1991-08-06T11:16");
    }

    @Test
    void weeklyRunsAsShieldsTestsSay() {
        assertThat(runs("tuesdays at 11:15", 1)).as("exactly one week on").containsExactly("1991-08-13T11:15");
        assertThat(runs("weekly at 7am on sat", 1)).containsExactly("1991-08-10T07:00");
        assertThat(runs("mon 19:45", 1)).containsExactly("1991-08-12T19:45");
        assertThat(runs("tuesday at 23:55", 1)).containsExactly("1991-08-06T23:55");
        assertThat(runs("tue 3am", 1)).containsExactly("1991-08-13T03:00");
    }

    @Test
    void anNthWeekdayRunsAsShieldsTestsSayWithOrWithoutMonthly() {
        // August 1991 starts on a Thursday; September 1991 on a Sunday
        assertThat(runs("3rd thursday at 1:00", 2)).containsExactly("1991-08-15T01:00", "1991-09-19T01:00");
        assertThat(runs("monthly at 1am on 3rd thursday", 1)).containsExactly("1991-08-15T01:00");
        assertThat(runs("1st monday at 2:30", 1)).containsExactly("1991-09-02T02:30");
        assertThat(runs("1st tuesday at 14:10", 1)).containsExactly("1991-08-06T14:10");
        assertThat(runs("1st tuesday at 10:05", 1)).containsExactly("1991-09-03T10:05");
        assertThat(runs("4th fridays 8am", 2)).containsExactly("1991-08-23T08:00", "1991-09-27T08:00");
        assertThat(runs("2nd tuesday at 23:15", 1)).containsExactly("1991-08-13T23:15");
    }

    @Test
    void aFifthWeekdayRunsOnlyInMonthsThatHaveOne() {
        // Thursdays of 1991: Aug 29 is a 5th, September has four, Oct 31 is a 5th, November and
        // December have four, and January 1992's 30th is the next 5th.
        assertThat(runs("5th thursday at 1am", 3)).containsExactly("1991-08-29T01:00", "1991-10-31T01:00", "1992-01-30T01:00");
        assertThat(runs("monthly on the 5th tuesday at noon", 2)).containsExactly("1991-10-29T12:00", "1991-12-31T12:00");
    }

    @Test
    void aDayOfTheMonthRunsAsShieldsTestsSay() {
        assertThat(runs("monthly at 1am on 15th", 1)).containsExactly("1991-08-15T01:00");
        assertThat(runs("monthly at 2:30am on 2nd", 1)).containsExactly("1991-09-02T02:30");
        assertThat(runs("monthly at 14:10 on 6", 1)).containsExactly("1991-08-06T14:10");
        assertThat(runs("monthly at 10:05 6th", 1)).containsExactly("1991-09-06T10:05");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            daily at 14:30am       | got '14:30am': with am or pm the hour is 1 to 12; write 14:30 for a 24-hour time
            daily at 14:30pm       | got '14:30pm': with am or pm the hour is 1 to 12; write 14:30 for a 24-hour time
            daily at 14am          | got '14am': with am or pm the hour is 1 to 12; write 14:00 for a 24-hour time
            every day at 14:30am   | got '14:30am': with am or pm the hour is 1 to 12
            sundays 13pm           | got '13pm': with am or pm the hour is 1 to 12; write 13:00 for a 24-hour time
            hourly at 0 til        | expected 1 to 59 minutes before 'til', got '0'
            hourly at 60 after     | expected a minute past the hour such as :15, got '60'
            hourly at x:60         | expected a minute past the hour such as :15, got 'x:60'
            hourly at quarter      | expected 'after', 'past', 'til' or 'until' after 'quarter'
            hourly at half 5       | expected 'after', 'past', 'til' or 'until', got '5'
            hourly at x:30 after   | expected nothing more, got 'after'
            6th friday at 8am      | expected 1st to 5th or last before a weekday, got '6th'
            monthly at 2am on 32   | expected a day of the month from 1st to 31st
            """)
    void refusesWhatShieldAcceptsButMeansNothingSayingWhy(String text, String reason) {
        assertThatThrownBy(() -> Timespec.parse(text))
                .isInstanceOf(CairnException.InvalidInput.class)
                .hasMessageStartingWith("cannot read timespec '" + text + "': ")
                .hasMessageContaining(reason);
    }
}
