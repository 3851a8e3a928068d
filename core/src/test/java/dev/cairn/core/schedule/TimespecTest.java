package dev.cairn.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimespecTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** A wall-clock time in a zone; in a repeated hour this is the first pass. */
    private static ZonedDateTime at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone);
    }

    /** The next runs as ISO strings, so that a test also checks the offset and the zone. */
    private static List<String> runs(String timespec, ZonedDateTime after, int count) {
        return Timespec.parse(timespec).nextRuns(after, count).stream().map(ZonedDateTime::toString).toList();
    }

    private static String next(String timespec, ZonedDateTime after) {
        return Timespec.parse(timespec).next(after).toString();
    }

    @Nested
    class Reading {

        @ParameterizedTest(name = "''{0}'' reads as ''{1}''")
        @CsvSource(delimiter = '|', textBlock = """
                daily 4am                      | daily at 4:00
                daily at 4am                   | daily at 4:00
                daily at 23:35                 | daily at 23:35
                DAILY AT 4:30PM                | daily at 16:30
                daily 4 pm                     | daily at 16:00
                daily at 12am                  | daily at 0:00
                daily at 12pm                  | daily at 12:00
                daily at 12:30am               | daily at 0:30
                daily noon                     | daily at 12:00
                daily at midnight              | daily at 0:00
                daily 0:05                     | daily at 0:05
                every day at 1am               | daily at 1:00
                sundays 8am                    | sundays at 8:00
                sunday at 8am                  | sundays at 8:00
                Sun 8am                        | sundays at 8:00
                every sunday at 8am            | sundays at 8:00
                weekly at 23:35 on thursday    | thursdays at 23:35
                weekly thursday 11pm           | thursdays at 23:00
                weekly on thu at 23:35         | thursdays at 23:35
                weekly on thursdays at 23:35   | thursdays at 23:35
                weekly tues 1am                | tuesdays at 1:00
                mondays at 6:15am              | mondays at 6:15
                hourly                         | hourly at 0 after
                hourly at :30                  | hourly at 30 after
                hourly at 15                   | hourly at 15 after
                hourly :05                     | hourly at 5 after
                every hour                     | hourly at 0 after
                every hour at :15              | hourly at 15 after
                every 1 hour from 4:39         | hourly at 39 after
                every 60 minutes               | hourly at 0 after
                every 6 hours from 4:39        | every 6 hours from 4:39
                every 6 hours from 16:39       | every 6 hours from 4:39
                every 2 hours                  | every 2 hours from 0:00
                every 12 hours from 9pm        | every 12 hours from 9:00
                every 24 hours from 3am        | daily at 3:00
                every 30 minutes               | every 30 minutes
                every 15 minutes               | every 15 minutes
                every minute                   | every minute
                every 1 minute                 | every minute
                monthly at 2:05 on 14th        | monthly at 2:05 on 14th
                monthly 14th at 2am            | monthly at 2:00 on 14th
                monthly on the 1st at 3am      | monthly at 3:00 on 1st
                monthly on the first at 3am    | monthly at 3:00 on 1st
                monthly 22nd 1am               | monthly at 1:00 on 22nd
                monthly on the 13th day at 1am | monthly at 1:00 on 13th
                monthly at 4am on last day     | monthly at 4:00 on last day
                monthly on the 31st at 4am     | monthly at 4:00 on last day
                monthly at 9am on 2nd tuesday  | 2nd tuesday at 9:00
                monthly first sunday 8am       | 1st sunday at 8:00
                monthly on the 4th sat at 8am  | 4th saturday at 8:00
                monthly on last friday at 5pm  | last friday at 17:00
                0 4 * * *                      | cron 0 4 * * *
                */15 * * * *                   | cron */15 * * * *
                0 4 * * 1-5                    | cron 0 4 * * 1-5
                cron 0 4 * * MON-FRI           | cron 0 4 * * 1-5
                Cron 30 2 1,15 jan-jun 7       | cron 30 2 1,15 1-6 0
                0-30/10 */2 * * *              | cron 0-30/10 */2 * * *
                """)
        void eachFormReadsToItsCanonicalForm(String text, String canonical) {
            assertThat(Timespec.parse(text).canonical()).isEqualTo(canonical);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {
            "daily at 4:00", "thursdays at 23:35", "hourly at 15 after", "every 6 hours from 4:39",
            "every 30 minutes", "every minute", "monthly at 2:05 on 14th", "monthly at 4:00 on last day",
            "2nd tuesday at 9:00", "last friday at 17:00", "cron 0 4 * * 1-5",
            "cron 30 2 1,15 1-6 0"})
        void theCanonicalFormReadsBackToItself(String canonical) {
            Timespec timespec = Timespec.parse(canonical);

            assertThat(timespec.canonical()).isEqualTo(canonical);
            assertThat(Timespec.parse(timespec.canonical()).canonical()).isEqualTo(canonical);
        }

        @Test
        void textIsKeptAsGivenButTrimmed() {
            Timespec timespec = Timespec.parse("  Daily At 4AM \n");

            assertThat(timespec.text()).isEqualTo("Daily At 4AM");
            assertThat(timespec.canonical()).isEqualTo("daily at 4:00");
        }

        @Test
        void timespecsWithTheSameCanonicalFormAreEqual() {
            assertThat(Timespec.parse("sundays 8am"))
                    .isEqualTo(Timespec.parse("sundays at 8:00"))
                    .hasSameHashCodeAs(Timespec.parse("Sun 8am"))
                    .isNotEqualTo(Timespec.parse("sundays 9am"))
                    .hasToString("sundays at 8:00");
        }
    }

    @Nested
    class NextRun {

        @Test
        void dailyRunsStrictlyAfterTheGivenTime() {
            assertThat(next("daily 4am", at("2026-05-10T03:59:59.999", UTC))).isEqualTo("2026-05-10T04:00Z[UTC]");
            assertThat(next("daily 4am", at("2026-05-10T04:00", UTC))).isEqualTo("2026-05-11T04:00Z[UTC]");
            assertThat(next("daily 4am", at("2026-05-10T04:00:00.001", UTC))).isEqualTo("2026-05-11T04:00Z[UTC]");
        }

        @Test
        void dailyCrossesTheYearEnd() {
            assertThat(runs("daily at 23:35", at("2026-12-31T23:40", UTC), 2))
                    .containsExactly("2027-01-01T23:35Z[UTC]", "2027-01-02T23:35Z[UTC]");
        }

        @Test
        void weeklyRunsOnItsWeekday() {
            // 2026-05-13 is a Wednesday.
            assertThat(runs("weekly at 23:35 on thursday", at("2026-05-13T12:00", UTC), 2))
                    .containsExactly("2026-05-14T23:35Z[UTC]", "2026-05-21T23:35Z[UTC]");
            assertThat(next("thursdays 23:35", at("2026-05-14T23:35", UTC))).isEqualTo("2026-05-21T23:35Z[UTC]");
            assertThat(next("thursdays 23:35", at("2026-05-14T23:34", UTC))).isEqualTo("2026-05-14T23:35Z[UTC]");
        }

        @Test
        void hourlyRunsAtItsMinutePastEachHour() {
            assertThat(runs("hourly at :30", at("2026-05-10T23:30", UTC), 3))
                    .containsExactly("2026-05-11T00:30Z[UTC]", "2026-05-11T01:30Z[UTC]", "2026-05-11T02:30Z[UTC]");
            assertThat(next("hourly", at("2026-05-10T10:59:59", UTC))).isEqualTo("2026-05-10T11:00Z[UTC]");
        }

        @Test
        void everySixHoursRunsOnTheGridThroughItsStartEveryDay() {
            assertThat(runs("every 6 hours from 4:39", at("2026-05-10T23:00", UTC), 5)).containsExactly(
                    "2026-05-11T04:39Z[UTC]", "2026-05-11T10:39Z[UTC]", "2026-05-11T16:39Z[UTC]",
                    "2026-05-11T22:39Z[UTC]", "2026-05-12T04:39Z[UTC]");
            assertThat(next("every 6 hours from 4:39", at("2026-05-11T04:00", UTC))).isEqualTo("2026-05-11T04:39Z[UTC]");
            assertThat(next("every 6 hours from 16:39", at("2026-05-11T05:00", UTC))).isEqualTo("2026-05-11T10:39Z[UTC]");
            assertThat(next("every 2 hours", at("2026-05-11T23:00", UTC))).isEqualTo("2026-05-12T00:00Z[UTC]");
        }

        @Test
        void everyThirtyMinutesRunsOnTheHourAndHalfHour() {
            assertThat(next("every 30 minutes", at("2026-05-10T10:29:59", UTC))).isEqualTo("2026-05-10T10:30Z[UTC]");
            assertThat(runs("every 30 minutes", at("2026-05-10T23:30", UTC), 3))
                    .containsExactly("2026-05-11T00:00Z[UTC]", "2026-05-11T00:30Z[UTC]", "2026-05-11T01:00Z[UTC]");
            assertThat(runs("every minute", at("2026-05-10T10:00:30", UTC), 2))
                    .containsExactly("2026-05-10T10:01Z[UTC]", "2026-05-10T10:02Z[UTC]");
        }

        @Test
        void monthlyOnADayRunsOnThatDayEachMonth() {
            assertThat(next("monthly at 2:05 on 14th", at("2026-05-14T02:04", UTC))).isEqualTo("2026-05-14T02:05Z[UTC]");
            assertThat(next("monthly at 2:05 on 14th", at("2026-05-14T02:05", UTC))).isEqualTo("2026-06-14T02:05Z[UTC]");
            assertThat(runs("monthly on the 1st at 3am", at("2026-12-01T03:00", UTC), 2))
                    .containsExactly("2027-01-01T03:00Z[UTC]", "2027-02-01T03:00Z[UTC]");
        }

        @Test
        void aDayTheMonthLacksRunsOnItsLastDay() {
            assertThat(runs("monthly on the 31st at 4am", at("2026-01-31T05:00", UTC), 4)).containsExactly(
                    "2026-02-28T04:00Z[UTC]", "2026-03-31T04:00Z[UTC]", "2026-04-30T04:00Z[UTC]", "2026-05-31T04:00Z[UTC]");
            assertThat(runs("monthly on the 30th at 4am", at("2026-01-31T05:00", UTC), 2))
                    .containsExactly("2026-02-28T04:00Z[UTC]", "2026-03-30T04:00Z[UTC]");
        }

        @Test
        void leapYearsHaveTheTwentyNinthOfFebruary() {
            assertThat(next("monthly at 4am on last day", at("2028-01-31T05:00", UTC))).isEqualTo("2028-02-29T04:00Z[UTC]");
            assertThat(next("monthly 29th 4am", at("2028-02-01T00:00", UTC))).isEqualTo("2028-02-29T04:00Z[UTC]");
            assertThat(next("monthly 29th 4am", at("2027-02-01T00:00", UTC))).isEqualTo("2027-02-28T04:00Z[UTC]");
            assertThat(next("0 0 29 2 *", at("2026-03-01T00:00", UTC))).isEqualTo("2028-02-29T00:00Z[UTC]");
            assertThat(next("daily 1am", at("2028-02-28T02:00", UTC))).isEqualTo("2028-02-29T01:00Z[UTC]");
        }

        @Test
        void monthlyOnAWeekdayOfTheMonth() {
            // June 2026 starts on a Monday; March 2026 on a Sunday; the last Friday of February 2026 is the 27th.
            assertThat(next("monthly at 9am on 2nd tuesday", at("2026-06-01T00:00", UTC))).isEqualTo("2026-06-09T09:00Z[UTC]");
            assertThat(next("monthly at 9am on 2nd tuesday", at("2026-06-09T09:00", UTC))).isEqualTo("2026-07-14T09:00Z[UTC]");
            assertThat(next("monthly first sunday 8am", at("2026-02-15T00:00", UTC))).isEqualTo("2026-03-01T08:00Z[UTC]");
            assertThat(next("monthly on the last friday at 5pm", at("2026-02-01T00:00", UTC))).isEqualTo("2026-02-27T17:00Z[UTC]");
        }

        @Test
        void cronExpressionsRunAsUnixCronWould() {
            // 2026-05-15 is a Friday.
            assertThat(runs("0 4 * * 1-5", at("2026-05-15T05:00", UTC), 2))
                    .containsExactly("2026-05-18T04:00Z[UTC]", "2026-05-19T04:00Z[UTC]");
            assertThat(runs("*/15 * * * *", at("2026-05-15T05:00", UTC), 2))
                    .containsExactly("2026-05-15T05:15Z[UTC]", "2026-05-15T05:30Z[UTC]");
            // Both day fields restricted: the 1st of the month or any Monday. 2026-02-01 is a Sunday.
            assertThat(runs("0 4 1 * 1", at("2026-01-26T05:00", UTC), 2))
                    .containsExactly("2026-02-01T04:00Z[UTC]", "2026-02-02T04:00Z[UTC]");
        }

        @Test
        void runsAreInTheZoneTheyAreAskedIn() {
            assertThat(next("daily 4am", at("2026-07-01T00:00", NEW_YORK))).isEqualTo("2026-07-01T04:00-04:00[America/New_York]");
            assertThat(next("daily 4am", at("2026-07-01T00:00", LONDON))).isEqualTo("2026-07-01T04:00+01:00[Europe/London]");
        }

        @Test
        void nextRunsOfZeroIsEmpty() {
            assertThat(Timespec.parse("daily 4am").nextRuns(at("2026-07-01T00:00", UTC), 0)).isEmpty();
        }

        @Test
        void aNegativeCountIsRefused() {
            assertThatThrownBy(() -> Timespec.parse("daily 4am").nextRuns(at("2026-07-01T00:00", UTC), -1))
                    .isInstanceOf(CairnException.InvalidInput.class)
                    .hasMessage("count must not be negative, got -1");
        }
    }

    /** London skips 01:00-02:00 on 2026-03-29 and repeats 01:00-02:00 on 2026-10-25. */
    @Nested
    class DaylightSavingInLondon {

        @Test
        void aSkippedTimeRunsWhenTheGapEnds() {
            assertThat(runs("daily at 1:30am", at("2026-03-28T12:00", LONDON), 2)).containsExactly(
                    "2026-03-29T02:00+01:00[Europe/London]", "2026-03-30T01:30+01:00[Europe/London]");
            assertThat(next("30 1 * * *", at("2026-03-28T12:00", LONDON))).isEqualTo("2026-03-29T02:00+01:00[Europe/London]");
            assertThat(next("sundays 1:30am", at("2026-03-28T12:00", LONDON))).isEqualTo("2026-03-29T02:00+01:00[Europe/London]");
            assertThat(next("monthly at 1:30am on 29th", at("2026-03-28T12:00", LONDON))).isEqualTo("2026-03-29T02:00+01:00[Europe/London]");
        }

        @Test
        void runsInsideTheGapCollapseIntoOne() {
            assertThat(runs("every 30 minutes", at("2026-03-29T00:45", LONDON), 3)).containsExactly(
                    "2026-03-29T02:00+01:00[Europe/London]", "2026-03-29T02:30+01:00[Europe/London]",
                    "2026-03-29T03:00+01:00[Europe/London]");
            assertThat(runs("hourly at :15", at("2026-03-29T00:20", LONDON), 2)).containsExactly(
                    "2026-03-29T02:00+01:00[Europe/London]", "2026-03-29T02:15+01:00[Europe/London]");
        }

        @Test
        void aTimeOutsideTheGapIsUntouched() {
            assertThat(next("daily at 2:30am", at("2026-03-28T12:00", LONDON))).isEqualTo("2026-03-29T02:30+01:00[Europe/London]");
        }

        @Test
        void aRepeatedTimeRunsOnceOnItsFirstPass() {
            assertThat(runs("daily at 1:30am", at("2026-10-24T12:00", LONDON), 2)).containsExactly(
                    "2026-10-25T01:30+01:00[Europe/London]", "2026-10-26T01:30Z[Europe/London]");
            assertThat(runs("30 1 * * *", at("2026-10-24T12:00", LONDON), 2)).containsExactly(
                    "2026-10-25T01:30+01:00[Europe/London]", "2026-10-26T01:30Z[Europe/London]");
        }

        @Test
        void askingDuringTheSecondPassDoesNotRunAgain() {
            ZonedDateTime secondPass = at("2026-10-25T01:10", LONDON).withLaterOffsetAtOverlap();

            assertThat(secondPass.getOffset().getTotalSeconds()).isZero();
            assertThat(next("daily at 1:30am", secondPass)).isEqualTo("2026-10-26T01:30Z[Europe/London]");
            assertThat(next("hourly at :30", secondPass)).isEqualTo("2026-10-25T02:30Z[Europe/London]");
        }

        @Test
        void frequentRunsFollowTheWallClockThroughTheRepeatedHour() {
            assertThat(runs("every 30 minutes", at("2026-10-25T00:50", LONDON), 4)).containsExactly(
                    "2026-10-25T01:00+01:00[Europe/London]", "2026-10-25T01:30+01:00[Europe/London]",
                    "2026-10-25T02:00Z[Europe/London]", "2026-10-25T02:30Z[Europe/London]");
        }

        @Test
        void everySixHoursKeepsItsWallClockTimesAcrossBothChanges() {
            assertThat(runs("every 6 hours from 4:39", at("2026-03-28T20:00", LONDON), 3)).containsExactly(
                    "2026-03-28T22:39Z[Europe/London]", "2026-03-29T04:39+01:00[Europe/London]",
                    "2026-03-29T10:39+01:00[Europe/London]");
            assertThat(runs("every 6 hours from 4:39", at("2026-10-24T20:00", LONDON), 3)).containsExactly(
                    "2026-10-24T22:39+01:00[Europe/London]", "2026-10-25T04:39Z[Europe/London]",
                    "2026-10-25T10:39Z[Europe/London]");
        }
    }

    /** New York skips 02:00-03:00 on 2026-03-08 and repeats 01:00-02:00 on 2026-11-01. */
    @Nested
    class DaylightSavingInNewYork {

        @Test
        void aSkippedTimeRunsWhenTheGapEnds() {
            assertThat(runs("daily at 2:30am", at("2026-03-07T12:00", NEW_YORK), 2)).containsExactly(
                    "2026-03-08T03:00-04:00[America/New_York]", "2026-03-09T02:30-04:00[America/New_York]");
            assertThat(runs("every 6 hours from 2am", at("2026-03-07T21:00", NEW_YORK), 2)).containsExactly(
                    "2026-03-08T03:00-04:00[America/New_York]", "2026-03-08T08:00-04:00[America/New_York]");
        }

        @Test
        void aRepeatedTimeRunsOnceOnItsFirstPass() {
            assertThat(runs("daily at 1:30am", at("2026-10-31T12:00", NEW_YORK), 2)).containsExactly(
                    "2026-11-01T01:30-04:00[America/New_York]", "2026-11-02T01:30-05:00[America/New_York]");
            assertThat(runs("hourly at :30", at("2026-11-01T00:45", NEW_YORK), 2)).containsExactly(
                    "2026-11-01T01:30-04:00[America/New_York]", "2026-11-01T02:30-05:00[America/New_York]");
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {
            "every minute", "every 30 minutes", "hourly at :30", "every 2 hours from 1am", "daily 1:30am",
            "daily 2:30am", "sundays 2am", "monthly 8th 2:30am", "monthly first sunday 1:30am", "*/20 * * * *"})
        void runsAcrossBothChangesAreStrictlyIncreasing(String timespec) {
            for (String day : List.of("2026-03-07T20:00", "2026-10-31T20:00")) {
                List<ZonedDateTime> runs = Timespec.parse(timespec).nextRuns(at(day, NEW_YORK), 300);

                assertThat(runs).isSortedAccordingTo(ZonedDateTime::compareTo).doesNotHaveDuplicates();
                assertThat(runs.getFirst()).isAfter(at(day, NEW_YORK));
            }
        }
    }

    @Nested
    class Robustness {

        private static final List<String> VOCABULARY = List.of(
                "daily", "weekly", "monthly", "hourly", "every", "cron", "at", "on", "the", "from", "last", "day",
                "hour", "hours", "minute", "minutes", "sunday", "thu", "4am", "23:35", "25:00", ":15", "15", "6",
                "7", "1st", "2nd", "32nd", "first", "*", "0", "1-5", "", "pm", "weekdays", "mon-fri", "to", "@daily", "min",
                "night", "twice");

        /** Every sentence of up to three words either reads to a timespec that works or is refused with InvalidInput. */
        @Test
        void everyShortSentenceEitherReadsOrIsRefused() {
            ZonedDateTime after = at("2026-10-24T23:59", LONDON);
            int read = 0;
            for (String first : VOCABULARY) {
                for (String second : VOCABULARY) {
                    for (String third : VOCABULARY) {
                        String text = first + " " + second + " " + third;
                        Timespec timespec;
                        try {
                            timespec = Timespec.parse(text);
                        } catch (CairnException.InvalidInput refused) {
                            assertThat(refused.getMessage()).startsWith("cannot read timespec '" + text.strip() + "': ");
                            continue;
                        }
                        read++;
                        assertThat(Timespec.parse(timespec.canonical()).canonical()).as(text).isEqualTo(timespec.canonical());
                        assertThat(timespec.nextRuns(after, 3)).as(text).isSortedAccordingTo(ZonedDateTime::compareTo)
                                .doesNotHaveDuplicates().allSatisfy(run -> assertThat(run).isAfter(after));
                    }
                }
            }
            assertThat(read).isPositive();
        }
    }

    @Nested
    class Refusing {

        private static void assertRefused(String text, String... messageParts) {
            assertThatThrownBy(() -> Timespec.parse(text))
                    .isInstanceOf(CairnException.InvalidInput.class)
                    .hasMessageStartingWith("cannot read timespec '" + (text == null ? "" : text.strip()) + "': ")
                    .hasMessageContainingAll(messageParts);
        }

        @Test
        void anUnknownFirstWordListsTheForms() {
            assertThatThrownBy(() -> Timespec.parse("daly 4am"))
                    .isInstanceOf(CairnException.InvalidInput.class)
                    .hasMessage("cannot read timespec 'daly 4am': expected daily, weekly, monthly, hourly, every …,"
                            + " a weekday, or a 5-field cron expression");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t\n"})
        void nothingListsTheForms(String text) {
            assertRefused(text, "expected daily, weekly, monthly, hourly, every …, a weekday, or a 5-field cron expression");
        }

        @Test
        void anHourPastTwentyThreeIsNotATime() {
            assertRefused("daily 25:00", "expected a time such as 4am, 4:30pm or 23:35, got '25:00'");
        }

        /** An hour alone from 0 to 23 is an hour ("daily at 4" is 4:00, see PeopleTimespecTest); 24 is none. */
        @ParameterizedTest(name = "''{0}'' is refused at ''{1}''")
        @CsvSource(delimiter = '|', textBlock = """
                daily at 13pm    | 13pm
                daily at 0am     | 0am
                daily at 4:60    | 4:60
                daily at 24      | 24
                daily at four    | four
                """)
        void malformedTimesAreRefused(String text, String word) {
            assertRefused(text, "expected a time such as 4am, 4:30pm or 23:35, got '" + word + "'");
        }

        @Test
        void aMissingTimeIsNamed() {
            assertRefused("daily", "expected a time such as 4am, 4:30pm or 23:35 after 'daily'");
            assertRefused("sundays", "expected a time such as 4am, 4:30pm or 23:35 after 'sundays'");
            assertRefused("monthly on the 14th", "expected a time such as 4am, 4:30pm or 23:35 after '14th'");
        }

        @Test
        void aMissingOrUnknownWeekdayIsNamed() {
            assertRefused("weekly at 4am", "expected a weekday such as thursday or thu after '4am'");
            assertRefused("weekly on funday at 4am", "expected a weekday such as thursday or thu, got 'funday'");
            assertRefused("weekly", "expected a time such as 4am, 4:30pm or 23:35, or a weekday such as thursday or thu after 'weekly'");
        }

        @Test
        void aDaySaidTwiceIsRefused() {
            assertRefused("sundays at 8am on monday", "expected nothing more, got 'on'");
            assertRefused("daily at 4am at 5am", "expected nothing more, got 'at'");
            assertRefused("daily at 4am tomorrow", "expected nothing more, got 'tomorrow'");
        }

        @Test
        void anHourIntervalMustDivideADay() {
            assertRefused("every 7 hours from 4:00", "expected a number of hours that divides 24 (1, 2, 3, 4, 6, 8, 12 or 24), got 7");
            assertRefused("every 0 hours", "got 0");
            assertRefused("every 48 hours", "got 48");
        }

        @Test
        void aMinuteIntervalMustDivideAnHour() {
            assertRefused("every 7 minutes", "expected a number of minutes that divides 60", "got 7");
            assertRefused("every 90 minutes", "got 90");
        }

        @Test
        void aBrokenEveryIsNamed() {
            assertRefused("every fortnight", "expected minute, hour, day, a weekday, or a number of hours or minutes, got 'fortnight'");
            assertRefused("every 3 days", "expected hours or minutes, got 'days'");
            assertRefused("every", "after 'every'");
        }

        @Test
        void hourlyNeedsAMinuteOfTheHour() {
            assertRefused("hourly at :60", "expected a minute past the hour such as :15, got ':60'");
            assertRefused("hourly at noon", "got 'noon'");
        }

        @Test
        void aDayOfTheMonthGoesUpToTheThirtyFirst() {
            assertRefused("monthly on 32nd", "expected a day of the month from 1st to 31st", "got '32nd'");
            assertRefused("monthly on 0th at 4am", "got '0th'");
            assertRefused("monthly on the at 4am", "got 'at'");
            assertRefused("monthly at 4am on the", "after 'the'");
        }

        @Test
        void aWeekdayOfTheMonthGoesUpToTheFifthOrLast() {
            assertRefused("monthly 6th friday 8am", "expected 1st to 5th or last before a weekday", "got '6th'");
            assertRefused("6th friday 8am", "expected 1st to 5th or last before a weekday", "got '6th'");
            assertRefused("monthly on last 8am", "expected 'day' or a weekday such as friday after 'last', got '8am'");
        }

        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', textBlock = """
                0 4 * * 8         | Value 8 not in range [0, 7]
                61 4 * * *        | Value 61 not in range [0, 59]
                0 4 * *           | contains 4 parts but we expect one of [5]
                0 4 * * * *       | contains 6 parts but we expect one of [5]
                cron              | expected a 5-field cron expression
                cron 0 0 30 2 *   | never fires
                cron 0 0 31 4 *   | never fires
                cron 0 4 ? * *    | expected a 5-field cron expression
                */0 * * * *       | expected a 5-field cron expression
                5-1 * * * *       | expected a 5-field cron expression
                1,,2 * * * *      | expected a 5-field cron expression
                cron @daily       | expected a 5-field cron expression
                """)
        void badCronExpressionsSayWhy(String text, String reason) {
            assertRefused(text, reason);
        }
    }
}
