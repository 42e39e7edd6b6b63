package io.propertylistings.metrics.control;

import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.CacheStatistics.Figure;
import io.propertylistings.caching.CacheStatistics;
import io.propertylistings.caching.CacheWarming;
import io.propertylistings.caching.DurationWindow;
import io.propertylistings.caching.GenerationalCache;
import io.propertylistings.caching.LevelContents;
import io.propertylistings.metrics.entity.Assessment;
import io.propertylistings.metrics.entity.CacheInfoReport;
import io.propertylistings.metrics.entity.CacheMetricsReport;
import io.propertylistings.metrics.entity.LevelFigures;
import io.propertylistings.metrics.entity.WarmingFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** Builds the JSON reports of {@code /cache/metrics} and {@code /cache/info}. */
@ApplicationScoped
public class CacheReports {

    private static final Logger LOG = Logger.getLogger(CacheReports.class.getName());

    static final String REDIS_UNREACHABLE = "Redis cannot be reached";
    static final String NO_STORE = "no entries of its own: its responses are held by the response level";

    @Inject
    RedisKeyspace keyspace;

    @Inject
    CacheStatistics statistics;

    @Inject
    CacheWarming warming;

    @Inject
    GenerationalCache cache;

    public CacheMetricsReport metrics() {
        Map<String, LevelFigures> levels = new LinkedHashMap<>();
        for (CacheLevel level : CacheLevel.values()) {
            levels.put(level.tag(), figures(level));
        }
        Optional<KeyspaceFigures> read = keyspace.figures();
        if (read.isEmpty()) {
            return new CacheMetricsReport(null, null, null, null, null, null, "DOWN",
                    REDIS_UNREACHABLE + ": its keyspace figures (INFO stats) are unavailable", levels, warming());
        }
        KeyspaceFigures figures = read.get();
        return new CacheMetricsReport(figures.hits(), figures.misses(), figures.hitRatio(), figures.missRatio(),
                figures.totalOperations(), Assessment.of(figures.hitRatio()), "UP", null, levels, warming());
    }

    WarmingFigures warming() {
        DurationWindow.Summary times = statistics.warmUpTimes(CacheLevel.RESPONSE);
        return new WarmingFigures(warming.enabled(), statistics.count(CacheLevel.RESPONSE, Figure.WARMUPS),
                statistics.count(CacheLevel.RESPONSE, Figure.WARMUPS_SKIPPED),
                new LevelFigures.LoadTime(times.count(), times.p50Millis(), times.p95Millis(), times.p99Millis(),
                        times.maxMillis()));
    }

    LevelFigures figures(CacheLevel level) {
        long hits = statistics.count(level, Figure.HITS);
        long misses = statistics.count(level, Figure.MISSES);
        DurationWindow.Summary loads = statistics.loadTimes(level);
        return new LevelFigures(hits, statistics.count(level, Figure.EARLY_HITS), misses,
                statistics.count(level, Figure.LOADS),
                statistics.count(level, Figure.EVICTIONS), statistics.count(level, Figure.EVICTIONS_OF_EVERYTHING),
                statistics.count(level, Figure.ROW_EVICTIONS), statistics.count(level, Figure.ERRORS),
                // The same percentage as Redis' own, over this level's lookups.
                new KeyspaceFigures(hits, misses).hitRatio(),
                new LevelFigures.LoadTime(loads.count(), loads.p50Millis(), loads.p95Millis(), loads.p99Millis(),
                        loads.maxMillis()));
    }

    /** Asks the cache what each level holds, in one Redis call. */
    public CacheInfoReport info() {
        Map<CacheLevel, LevelContents> held;
        String error = null;
        try {
            held = cache.contents();
        } catch (RuntimeException e) {
            // A Redis failure, or the cache's circuit breaker (see GenerationScripts) open after failures. The
            // message names Redis' host and port and the exception's class: logged, not answered publicly.
            // One line without the stack: the dashboard asks every 3 s through an outage.
            LOG.warning(() -> "Cache info: Redis cannot be reached: " + e);
            held = Map.of();
            error = REDIS_UNREACHABLE;
        }
        Map<String, CacheInfoReport.LevelContents> levels = new LinkedHashMap<>();
        for (CacheLevel level : CacheLevel.values()) {
            LevelContents census = held.get(level);
            if (error != null) {
                levels.put(level.tag(), new CacheInfoReport.LevelContents(null, null, null, null));
            } else if (census == null) {
                // A level without a store of its own, such as detail, which the response level holds.
                levels.put(level.tag(), new CacheInfoReport.LevelContents(null, null, null, NO_STORE));
            } else {
                levels.put(level.tag(), contents(census));
            }
        }
        return new CacheInfoReport(error == null ? "UP" : "DOWN", error, levels);
    }

    static CacheInfoReport.LevelContents contents(LevelContents contents) {
        boolean holds = contents.entries() > 0;
        // Rounded up: an entry with 300 ms left has not expired, so it must not show 0 seconds.
        Long ttlSeconds = holds && contents.ttlMillis() >= 0 ? (contents.ttlMillis() + 999) / 1000 : null;
        return new CacheInfoReport.LevelContents(holds, contents.entries(), ttlSeconds, contents.where());
    }
}
