package io.propertylistings.metrics.boundary;

import io.propertylistings.caching.control.CacheLevel;
import io.propertylistings.caching.control.CacheStatistics;
import io.propertylistings.metrics.control.KeyspaceFigures;
import io.propertylistings.metrics.control.RedisKeyspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers every application metric at start-up. This is the only class that touches the MicroProfile
 * Metrics API: on a server without it (WildFly) the bean is left out and the rest of the WAR still runs.
 */
@ApplicationScoped
public class MetricsRegistration {

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
        for (CacheLevel level : CacheLevel.values()) {
            for (CacheStatistics.Figure figure : CacheStatistics.Figure.values()) {
                String name = "cache_" + figure.name().toLowerCase();
                registry.gauge(Metadata.builder().withName(name)
                                .withDescription("This application's cache " + figure.name().toLowerCase()
                                        + " per level, since start").build(),
                        statistics, stats -> stats.count(level, figure), new Tag("level", level.tag()));
            }
        }
    }

    private void keyspaceGauge(String name, String description, ToDoubleFunction<KeyspaceFigures> value) {
        // -1 tells a scraper that Redis could not be asked, which 0 would hide.
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                keyspace, source -> source.figures().map(value::applyAsDouble).orElse(-1.0));
    }

}
