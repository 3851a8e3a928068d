package dev.cairn.core.stats;

import java.util.List;
import java.util.Map;

/**
 * A part of the core that reports numbers of its own on the metrics endpoint (the instances code: how
 * many instances run, the disk they use). {@link #samples()} is called at most once per metrics refresh,
 * from the refreshing thread; it must be cheap and must not throw for a passing trouble (report what is
 * known). Register one with {@link MetricSources#register}.
 */
@FunctionalInterface
public interface MetricSource {

    /** The current value of each series this source reports. */
    List<Sample> samples();

    /**
     * One gauge series: a Prometheus name ({@code cairn_instances_running}), what it measures, its labels
     * (a name's series must all carry the same label names) and its value.
     */
    record Sample(String name, String help, Map<String, String> labels, double value) {
        public Sample {
            if (name == null || !name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                throw new IllegalArgumentException("a metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*, got " + name);
            }
            help = help == null ? "" : help;
            labels = Map.copyOf(labels);
        }
    }
}
