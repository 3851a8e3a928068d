package dev.cairn.server.web;

import dev.cairn.core.stats.BackupRun;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A small bar chart of a job's last runs, oldest on the left, drawn as inline SVG on the server: one
 * bar per run, coloured by its status through CSS classes (no inline style or script, so the page's
 * content security policy holds), each with a tooltip ({@code <title>}). The scale runs from 0 to the
 * largest value shown; a run without a value (a failed run stored nothing) shows as a short mark.
 */
public record RunChart(String id, String label, List<Bar> bars, String maxLabel, String firstLabel, String lastLabel) {
    /** The drawing's size in SVG units; the page scales it to its width. */
    public static final int WIDTH = 600;
    public static final int HEIGHT = 90;
    /** The height of the mark for a run with nothing to show. */
    private static final double MARK = 3;

    public RunChart {
        bars = List.copyOf(bars);
    }

    /** One run's bar: its box in SVG units, its CSS class ({@code bar done}) and its tooltip. */
    public record Bar(double x, double y, double width, double height, String css, String title) {
    }

    /** The duration chart and the stored-size chart of {@code newestFirst}, the runs as the statistics list them. */
    static List<RunChart> of(List<BackupRun> newestFirst) {
        List<BackupRun> runs = newestFirst.reversed();
        return List.of(
                chart("chart-duration", "Duration", runs, r -> r.duration().toMillis() / 1000.0,
                        v -> Display.took(java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(Math.round(v))), r -> Display.took(r.startedAt(), r.stoppedAt())),
                chart("chart-stored", "Stored size", runs, r -> r.storedBytes(),
                        v -> Display.size((long) v), r -> r.archive() == null ? "nothing stored" : Display.size(r.storedBytes())));
    }

    private static RunChart chart(String id, String label, List<BackupRun> runs, ToDoubleFunction<BackupRun> value,
                                  java.util.function.DoubleFunction<String> format,
                                  java.util.function.Function<BackupRun, String> describe) {
        double max = runs.stream().mapToDouble(value).max().orElse(0);
        double slot = runs.isEmpty() ? WIDTH : (double) WIDTH / Math.max(runs.size(), 10);
        double gap = Math.min(4, slot * 0.2);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            BackupRun run = runs.get(i);
            double v = value.applyAsDouble(run);
            double height = max <= 0 || v <= 0 ? MARK : Math.max(MARK, v / max * (HEIGHT - MARK));
            bars.add(new Bar(round(i * slot + gap / 2), round(HEIGHT - height), round(slot - gap), round(height),
                    "bar " + run.status().wire(), Display.time(run.startedAt() != null ? run.startedAt() : run.requestedAt())
                            + " · " + run.status().wire() + " · " + describe.apply(run)));
        }
        String first = runs.isEmpty() ? "" : Display.time(runs.getFirst().endedAt());
        String last = runs.isEmpty() ? "" : Display.time(runs.getLast().endedAt());
        return new RunChart(id, label, bars, format.apply(max), first, last);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The SVG's viewBox. */
    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }
}
