package dev.cairn.server.web;

import dev.cairn.core.catalog.Schedule;
import java.util.List;

/** A schedule and its next runs, as written on the page. */
public record ScheduleRow(Schedule schedule, List<String> nextRuns) {
}
