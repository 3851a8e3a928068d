package dev.cairn.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A 5-field Unix cron expression ({@code minute hour day-of-month month day-of-week}), evaluated by
 * cron-utils: {@code cron 0 4 * * 1-5}.
 *
 * <p>As in Unix cron, when both day fields are restricted a day matches if either of them does.
 */
final class CronSchedule implements Recurrence {

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    /** Any date works: a date that exists recurs within eight years (29 February). */
    private static final LocalDateTime PROBE = LocalDateTime.of(2000, 1, 1, 0, 0);

    private final String expression;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /**
     * Reads a cron expression, throwing {@link IllegalArgumentException} with the reason when it is
     * not a valid 5-field Unix expression or names no date that exists (such as 30 February).
     */
    static CronSchedule of(String expression) {
        Cron cron = new CronParser(UNIX).parse(expression).validate();
        CronSchedule schedule = new CronSchedule(cron.asString(), ExecutionTime.forCron(cron));
        if (schedule.executionTime.nextExecution(PROBE.atZone(ZoneOffset.UTC)).isEmpty()) {
            throw new IllegalArgumentException("'" + expression + "' names no date that exists, so it never fires");
        }
        return schedule;
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        // In UTC cron-utils meets no daylight-saving change, so it returns plain wall-clock times and
        // Timespec settles gaps and overlaps exactly as for the other forms.
        return executionTime.nextExecution(after.atZone(ZoneOffset.UTC))
                .orElseThrow(() -> new IllegalStateException("cron " + expression + " has no run after " + after))
                .toLocalDateTime();
    }

    /** Returns "cron " and cron-utils' normal form of the expression, e.g. names become numbers. */
    @Override
    public String canonical() {
        return "cron " + expression;
    }
}
