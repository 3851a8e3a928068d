package dev.cairn.core.stats;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link MetricSource}s registered with a core; the metrics endpoint reads each on every refresh. */
public final class MetricSources {
    private static final Logger LOG = LoggerFactory.getLogger(MetricSources.class);
    private final List<MetricSource> sources = new CopyOnWriteArrayList<>();

    public void register(MetricSource source) {
        sources.add(source);
    }

    /** Every registered source's samples; a source that throws is logged and left out of this read. */
    public List<MetricSource.Sample> samples() {
        List<MetricSource.Sample> all = new java.util.ArrayList<>();
        for (MetricSource source : sources) {
            try {
                all.addAll(source.samples());
            } catch (RuntimeException e) {
                LOG.warn("metric source {} failed: {}", source.getClass().getName(), e.getMessage());
            }
        }
        return all;
    }
}
