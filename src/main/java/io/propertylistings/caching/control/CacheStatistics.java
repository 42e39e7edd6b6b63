package io.propertylistings.caching.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This application's own cache figures per level. Redis' keyspace figures count every client of that
 * Redis; these count ours.
 */
@ApplicationScoped
public class CacheStatistics {

    public enum Figure {
        HITS, NEAR_HITS, MISSES, LOADS, EVICTIONS, ERRORS
    }

    private static final Logger LOG = Logger.getLogger(CacheStatistics.class.getName());
    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;

    private final Map<CacheLevel, Map<Figure, LongAdder>> counters = new EnumMap<>(CacheLevel.class);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

    public CacheStatistics() {
        for (CacheLevel level : CacheLevel.values()) {
            Map<Figure, LongAdder> figures = new EnumMap<>(Figure.class);
            for (Figure figure : Figure.values()) {
                figures.put(figure, new LongAdder());
            }
            counters.put(level, figures);
        }
    }

    public void hit(CacheLevel level) {
        counters.get(level).get(Figure.HITS).increment();
    }

    /** A hit answered from this JVM's near cache (counted in hits too). */
    public void nearHit(CacheLevel level) {
        counters.get(level).get(Figure.NEAR_HITS).increment();
    }

    public void miss(CacheLevel level) {
        counters.get(level).get(Figure.MISSES).increment();
    }

    public void load(CacheLevel level) {
        counters.get(level).get(Figure.LOADS).increment();
    }

    public void eviction(CacheLevel level) {
        counters.get(level).get(Figure.EVICTIONS).increment();
    }

    /** Counts a Redis failure; while Redis stays down, one warning every ten seconds is enough. */
    public void error(CacheLevel level, String operation, RuntimeException failure) {
        counters.get(level).get(Figure.ERRORS).increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        boolean warn = now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now);
        LOG.log(warn ? Level.WARNING : Level.FINE, "Redis {0} failed at the {1} level, serving without it: {2}",
                new Object[] {operation, level.tag(), failure.toString()});
    }

    public long count(CacheLevel level, Figure figure) {
        return counters.get(level).get(figure).sum();
    }
}
