package io.propertylistings.metrics.boundary;

import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.CacheStatistics;
import io.propertylistings.caching.DurationWindow;
import io.propertylistings.metrics.control.KeyspaceFigures;
import io.propertylistings.metrics.control.RedisKeyspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers every application metric at start-up. This is the only class that touches the MicroProfile
 * Metrics API: on a server without it (WildFly) the bean is left out and the rest of the WAR still runs.
 */
@ApplicationScoped
public class MetricsRegistration {

    static final String LOAD_TIME = "cache_load_time_seconds";
    static final String WARMUP_TIME = "cache_warmup_time_seconds";

    @Inject
    MetricRegistry registry;

    @Inject
    RedisKeyspace keyspace;

    @Inject
    CacheStatistics statistics;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        keyspaceGauge("redis_keyspace_hits", "Keyspace hits reported by Redis INFO stats", KeyspaceFigures::hits);
        keyspaceGauge("redis_keyspace_misses", "Keyspace misses reported by Redis INFO stats", KeyspaceFigures::misses);
        keyspaceGauge("redis_total_operations", "Keyspace hits plus misses", KeyspaceFigures::totalOperations);
        keyspaceGauge("redis_hit_ratio", "Keyspace hits in percent of all lookups (0 without lookups)",
                KeyspaceFigures::hitRatio);
        keyspaceGauge("redis_miss_ratio", "Keyspace misses in percent of all lookups (0 without lookups)",
                KeyspaceFigures::missRatio);
        registry.gauge(Metadata.builder().withName("redis_up")
                        .withDescription("1 while Redis answers INFO, 0 while it cannot be reached").build(),
                keyspace, source -> source.figures().isPresent() ? 1.0 : 0.0);
        statistics.addListener(new CacheCounters());
        for (CacheLevel level : CacheLevel.values()) {
            loadTimeGauge(level, "p50", DurationWindow.Summary::p50Millis);
            loadTimeGauge(level, "p95", DurationWindow.Summary::p95Millis);
            loadTimeGauge(level, "p99", DurationWindow.Summary::p99Millis);
            warmUpTimeGauge(level, "p50", DurationWindow.Summary::p50Millis);
            warmUpTimeGauge(level, "p95", DurationWindow.Summary::p95Millis);
            warmUpTimeGauge(level, "p99", DurationWindow.Summary::p99Millis);
        }
    }

    /**
     * Load time percentiles as gauges with a {@code percentile} tag. Not an MP Metrics Timer: Payara's exporter
     * writes a Timer's quantiles in nanoseconds next to a {@code _sum} in seconds, and {@code _mean}/{@code _max}
     * without HELP, which promtool rejects; and a gauge may not carry Prometheus' reserved {@code quantile} label.
     */
    private void loadTimeGauge(CacheLevel level, String percentile, ToDoubleFunction<DurationWindow.Summary> millis) {
        registry.gauge(Metadata.builder().withName(LOAD_TIME)
                        .withDescription("Time to load what a cache level missed, over its most recent "
                                + "loads, in seconds (0 before the first load)").build(),
                statistics, stats -> millis.applyAsDouble(stats.loadTimes(level)) / 1000.0,
                new Tag("level", level.tag()), new Tag("percentile", percentile));
    }

    /** Warm-up durations, as gauges for the same reasons as the load times. */
    private void warmUpTimeGauge(CacheLevel level, String percentile, ToDoubleFunction<DurationWindow.Summary> millis) {
        registry.gauge(Metadata.builder().withName(WARMUP_TIME)
                        .withDescription("Time one background warm-up of a cache level took, over its most recent "
                                + "warm-ups, in seconds (0 before the first)").build(),
                statistics, stats -> millis.applyAsDouble(stats.warmUpTimes(level)) / 1000.0,
                new Tag("level", level.tag()), new Tag("percentile", percentile));
    }

    private void keyspaceGauge(String name, String description, ToDoubleFunction<KeyspaceFigures> value) {
        // -1 tells a scraper that Redis could not be asked, which 0 would hide.
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                keyspace, source -> source.figures().map(value::applyAsDouble).orElse(-1.0));
    }

    /**
     * The application's own figures per level as counters (monotonic, so Prometheus' {@code rate()} and
     * {@code increase()} apply), fed by {@link CacheStatistics} as events happen.
     */
    private final class CacheCounters implements CacheStatistics.Listener {

        private final Map<CacheLevel, Map<CacheStatistics.Figure, Counter>> counters = new EnumMap<>(CacheLevel.class);

        CacheCounters() {
            for (CacheLevel level : CacheLevel.values()) {
                Tag tag = new Tag("level", level.tag());
                Map<CacheStatistics.Figure, Counter> figures = new EnumMap<>(CacheStatistics.Figure.class);
                for (CacheStatistics.Figure figure : CacheStatistics.Figure.values()) {
                    String name = figure.name().toLowerCase(Locale.ROOT);
                    figures.put(figure, registry.counter(Metadata.builder().withName("cache_" + name)
                            .withDescription("This application's cache " + name.replace('_', ' ') + " per level, since start").build(), tag));
                }
                counters.put(level, figures);
            }
        }

        @Override
        public void counted(CacheLevel level, CacheStatistics.Figure figure) {
            counters.get(level).get(figure).inc();
        }
    }
}
