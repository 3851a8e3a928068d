package dev.cairn.server.web;

import dev.cairn.core.stats.TaskTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's timeline of the last 24 hours as inline SVG drawn on the server: each task a bar
 * from its start to its stop (to now while it runs), tasks that overlap on lanes of their own, hours
 * marked every {@link #TICK}. Colours come from CSS classes only (no inline style), and each bar links
 * to its task's page with a tooltip.
 */
public record TimelineChart(List<Span> spans, List<Tick> ticks, int lanes, int shown, int total) {
    public static final int WIDTH = 960;
    /** The height of one lane, and of the axis below the lanes. */
    public static final int LANE = 14;
    public static final int AXIS = 18;
    /** The most lanes drawn; tasks beyond them share the last. */
    static final int MAX_LANES = 8;
    private static final Duration TICK = Duration.ofHours(3);
    /** The narrowest bar, so that a task of a second is still seen and can be pointed at. */
    private static final double MIN_WIDTH = 4;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    public TimelineChart {
        spans = List.copyOf(spans);
        ticks = List.copyOf(ticks);
    }

    /** One task's bar: its box, its CSS class ({@code span backup failed}), its tooltip and its page. */
    public record Span(double x, double y, double width, String css, String title, String href) {
    }

    /** An hour mark on the axis. */
    public record Tick(double x, String label) {
    }

    static TimelineChart of(TaskTimeline.Window window) {
        double length = Duration.between(window.from(), window.to()).toMillis();
        double[] laneEnds = new double[MAX_LANES];
        java.util.Arrays.fill(laneEnds, -1);
        int used = 0;
        List<Span> spans = new ArrayList<>();
        for (TaskTimeline.Span task : window.spans()) {
            Instant start = task.start().isBefore(window.from()) ? window.from() : task.start();
            Instant stop = task.stop() == null || task.stop().isAfter(window.to()) ? window.to() : task.stop();
            double x = Duration.between(window.from(), start).toMillis() / length * WIDTH;
            double width = Math.max(MIN_WIDTH, Duration.between(start, stop).toMillis() / length * WIDTH);
            // a task that just began still shows whole, ending at the right edge (now)
            x = Math.max(0, Math.min(x, WIDTH - width));
            int lane = 0;
            while (lane < MAX_LANES - 1 && laneEnds[lane] > x) {
                lane++;
            }
            laneEnds[lane] = Math.max(laneEnds[lane], x + width + 1);
            used = Math.max(used, lane + 1);
            String what = task.what().isEmpty() ? "" : " of " + task.what();
            spans.add(new Span(round(x), lane * LANE + 2, round(width), "span " + task.op() + " " + task.status().wire(),
                    task.op() + what + " · " + task.status().wire() + " · " + Display.time(task.start()) + ", took "
                            + Display.took(task.start(), task.stop()), "/tasks/" + task.task()));
        }
        List<Tick> ticks = new ArrayList<>();
        Instant tick = window.from().truncatedTo(ChronoUnit.HOURS);
        while (tick.isBefore(window.from())) {
            tick = tick.plus(Duration.ofHours(1));
        }
        while (tick.getEpochSecond() / 3600 % TICK.toHours() != 0) {
            tick = tick.plus(Duration.ofHours(1));
        }
        for (; !tick.isAfter(window.to()); tick = tick.plus(TICK)) {
            ticks.add(new Tick(round(Duration.between(window.from(), tick).toMillis() / length * WIDTH), HOUR.format(tick)));
        }
        return new TimelineChart(spans, ticks, Math.max(used, 1), spans.size(), window.spans().size());
    }

    /** How tall the drawing is: its lanes and the axis. */
    public int height() {
        return lanes * LANE + AXIS + 4;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + height();
    }

    /** Where the axis line is drawn. */
    public int axisY() {
        return lanes * LANE + 4;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
