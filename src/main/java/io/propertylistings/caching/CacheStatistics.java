package io.propertylistings.caching;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This application's own cache figures per level. Redis' keyspace figures count every client of that
 * Redis; these count ours. Listeners (the metrics registration) see each event as it happens, so this
 * class needs no metrics API and works on a server without one.
 */
@ApplicationScoped
public class CacheStatistics {

    public enum Figure {
        HITS, NEAR_HITS, MISSES, LOADS, EVICTIONS, ERRORS,
        /** Hits answered before JAX-RS, from the entry that answered the same request before (in hits too). */
        EARLY_HITS,
        /** Background rebuilds after an eviction or the deployment, and the evictions folded into one. */
        WARMUPS, WARMUPS_SKIPPED,
        /** Evictions asked for a database transaction whose eviction was made already (not in evictions). */
        EVICTIONS_ALREADY_MADE,
        /** Of the evictions, those of everything (a doubt, a bulk change), and the rows whose details the others dropped. */
        EVICTIONS_OF_EVERYTHING, ROW_EVICTIONS
    }

    /** Told of every counted event, on the thread that caused it: keep it cheap. */
    public interface Listener {
        void counted(CacheLevel level, Figure figure);
    }

    private static final Logger LOG = Logger.getLogger(CacheStatistics.class.getName());
    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;
    static final int LOAD_TIME_SAMPLES = 1024;

    private final Map<CacheLevel, Map<Figure, LongAdder>> counters = new EnumMap<>(CacheLevel.class);
    private final Map<CacheLevel, DurationWindow> loadTimes = new EnumMap<>(CacheLevel.class);
    private final Map<CacheLevel, DurationWindow> warmUpTimes = new EnumMap<>(CacheLevel.class);
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

    public CacheStatistics() {
        for (CacheLevel level : CacheLevel.values()) {
            Map<Figure, LongAdder> figures = new EnumMap<>(Figure.class);
            for (Figure figure : Figure.values()) {
                figures.put(figure, new LongAdder());
            }
            counters.put(level, figures);
            loadTimes.put(level, new DurationWindow(LOAD_TIME_SAMPLES));
            warmUpTimes.put(level, new DurationWindow(LOAD_TIME_SAMPLES));
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void hit(CacheLevel level) {
        increment(level, Figure.HITS);
    }

    /** A hit answered from this JVM's near cache (counted in hits too). */
    public void nearHit(CacheLevel level) {
        increment(level, Figure.NEAR_HITS);
    }

    /** A hit answered before JAX-RS ({@code EarlyHitFilter}); counted in hits too. */
    public void earlyHit(CacheLevel level) {
        increment(level, Figure.EARLY_HITS);
    }

    public void miss(CacheLevel level) {
        increment(level, Figure.MISSES);
    }

    /** Counts and times one load from the database. A failed load is timed too: it kept a caller waiting. */
    public <T> T load(CacheLevel level, Supplier<T> loader) {
        increment(level, Figure.LOADS);
        long started = System.nanoTime();
        try {
            return loader.get();
        } finally {
            loadTime(level, System.nanoTime() - started);
        }
    }

    private void loadTime(CacheLevel level, long nanos) {
        loadTimes.get(level).record(nanos);
    }

    /** A warm-up done, and how long it took (all its entries together). */
    public void warmedUp(CacheLevel level, long nanos) {
        warmUpTimes.get(level).record(nanos);
        increment(level, Figure.WARMUPS);
    }

    /** A warm-up not run on its own: an eviction came while one was already due, which covers it. */
    public void warmUpSkipped(CacheLevel level) {
        increment(level, Figure.WARMUPS_SKIPPED);
    }

    public DurationWindow.Summary warmUpTimes(CacheLevel level) {
        return warmUpTimes.get(level).summary();
    }

    public void eviction(CacheLevel level) {
        increment(level, Figure.EVICTIONS);
    }

    /** An eviction that dropped every detail too. */
    public void evictionOfEverything(CacheLevel level) {
        increment(level, Figure.EVICTIONS_OF_EVERYTHING);
    }

    /** An eviction that dropped the details of {@code rows} rows. */
    public void rowEvictions(CacheLevel level, int rows) {
        for (int i = 0; i < rows; i++) {
            increment(level, Figure.ROW_EVICTIONS);
        }
    }

    /** An eviction asked for a transaction whose eviction another call or node made already. */
    public void evictionAlreadyMade(CacheLevel level) {
        increment(level, Figure.EVICTIONS_ALREADY_MADE);
    }

    /** Counts a Redis failure; while Redis stays down, one warning every ten seconds is enough. */
    public void error(CacheLevel level, String operation, RuntimeException failure) {
        increment(level, Figure.ERRORS);
        long now = System.nanoTime();
        long last = lastWarning.get();
        boolean warn = now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now);
        Level severity = warn ? Level.WARNING : Level.FINE;
        if (LOG.isLoggable(severity)) {
            LOG.log(severity, "Redis {0} failed at the {1} level, serving without it: {2}",
                    new Object[] {operation, level.tag(), failure.toString(), Map.of("event", "redis-failure",
                            "operation", operation, "level", level.tag(), "error", failure.toString())});
        }
    }

    public long count(CacheLevel level, Figure figure) {
        return counters.get(level).get(figure).sum();
    }

    public DurationWindow.Summary loadTimes(CacheLevel level) {
        return loadTimes.get(level).summary();
    }

    private void increment(CacheLevel level, Figure figure) {
        counters.get(level).get(figure).increment();
        for (Listener listener : listeners) {
            listener.counted(level, figure);
        }
    }
}
