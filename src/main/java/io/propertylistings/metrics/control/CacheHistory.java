package io.propertylistings.metrics.control;

import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.CacheStatistics.Figure;
import io.propertylistings.caching.CacheStatistics;
import io.propertylistings.caching.DurationWindow;
import io.propertylistings.metrics.entity.CacheHistoryReport;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's cache figures over the last minutes, for the dashboard: one reading every
 * {@code dashboard.reading-interval-ms}, taken on the server's managed scheduled executor whether anyone looks or
 * not, so that a page opened after an incident shows it. A request only copies the ring; it never reads Redis.
 *
 * <p>A reading is a row of longs in the ring: the time, Redis' keyspace hits and misses (-1 while Redis cannot be
 * reached), and per level its six counters, the number of timed loads and three load time percentiles in
 * microseconds: 3 + 3 * 10 = 33 longs, 264 bytes, with the three levels of today.
 */
@ApplicationScoped
public class CacheHistory {

    /** 15 minutes at the default interval of 5 s. */
    public static final int CAPACITY = 180;

    private static final Logger LOG = Logger.getLogger(CacheHistory.class.getName());
    private static final Figure[] COUNTED = {Figure.HITS, Figure.MISSES, Figure.LOADS, Figure.EVICTIONS,
            Figure.ERRORS, Figure.WARMUPS};
    private static final int HEAD = 3;
    private static final int PER_LEVEL = COUNTED.length + 4;
    private static final long UNKNOWN = -1;

    @Inject
    @ConfigProperty(name = "dashboard.reading-interval-ms", defaultValue = "5000")
    long intervalMillis;

    /** What the dashboard calls this node; several nodes on one host tell themselves apart by it. */
    @Inject
    @ConfigProperty(name = "node.name")
    Optional<String> nodeName;

    @Inject
    CacheStatistics statistics;

    @Inject
    RedisKeyspace keyspace;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final CacheLevel[] levels = CacheLevel.values();
    private ReadingRing ring;
    private String host;
    private String node;
    private ScheduledFuture<?> reading;

    @PostConstruct
    void allocate() {
        // Here rather than in field initialisers, which a client proxy's construction may run as well.
        ring = new ReadingRing(CAPACITY, HEAD + levels.length * PER_LEVEL);
        host = hostName();
        node = nodeName.filter(name -> !name.isBlank()).orElse(host);
        // Its own instance (dependent): the scrapes' and /cache/metrics' readings are still logged.
        keyspace.quiet();
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (intervalMillis < 1) {
            throw new IllegalStateException("dashboard.reading-interval-ms must be positive: " + intervalMillis);
        }
        synchronized (this) {
            // Fixed delay, not rate: a late reading (a busy server, a slow Redis) is not followed by a burst of
            // readings to catch up, which would be points at one time.
            reading = scheduler.scheduleWithFixedDelay(this::read, 0, intervalMillis, TimeUnit.MILLISECONDS);
        }
        LOG.info(() -> "Cache history: a reading every " + intervalMillis + " ms, the last " + CAPACITY + " kept in "
                + ring.bytes() + " bytes");
    }

    void read() {
        try {
            long[] figures = take(0);
            // Stamped once read: a reading that says Redis is down was read after it went down.
            figures[0] = System.currentTimeMillis();
            ring.add(figures);
        } catch (RuntimeException e) {
            // A failure must not end the schedule: a scheduled task that throws is never run again.
            LOG.log(Level.WARNING, "Cache history reading failed: {0}", e.toString());
        }
    }

    long[] take(long now) {
        long[] figures = new long[ring.width()];
        figures[0] = now;
        Optional<KeyspaceFigures> redis = keyspace.figures();
        figures[1] = redis.map(KeyspaceFigures::hits).orElse(UNKNOWN);
        figures[2] = redis.map(KeyspaceFigures::misses).orElse(UNKNOWN);
        for (int l = 0; l < levels.length; l++) {
            int at = HEAD + l * PER_LEVEL;
            for (int f = 0; f < COUNTED.length; f++) {
                figures[at + f] = statistics.count(levels[l], COUNTED[f]);
            }
            DurationWindow.Summary loads = statistics.loadTimes(levels[l]);
            at += COUNTED.length;
            figures[at] = loads.count();
            figures[at + 1] = micros(loads.p50Millis());
            figures[at + 2] = micros(loads.p95Millis());
            figures[at + 3] = micros(loads.p99Millis());
        }
        return figures;
    }

    /** The readings taken after {@code since} (milliseconds since the epoch), oldest first; all for 0. */
    public CacheHistoryReport history(long since) {
        List<CacheHistoryReport.Reading> readings = new ArrayList<>();
        for (long[] figures : ring.readings()) {
            if (figures[0] > since) {
                readings.add(reading(figures));
            }
        }
        return new CacheHistoryReport(node, host, ProcessHandle.current().pid(), intervalMillis, CAPACITY, readings);
    }

    private CacheHistoryReport.Reading reading(long[] figures) {
        Map<String, CacheHistoryReport.LevelReading> byLevel = new LinkedHashMap<>();
        for (int l = 0; l < levels.length; l++) {
            int at = HEAD + l * PER_LEVEL;
            int times = at + COUNTED.length;
            CacheHistoryReport.LoadTime loadTime = new CacheHistoryReport.LoadTime(figures[times],
                    millis(figures[times + 1]), millis(figures[times + 2]), millis(figures[times + 3]));
            byLevel.put(levels[l].tag(), new CacheHistoryReport.LevelReading(figures[at], figures[at + 1],
                    figures[at + 2], figures[at + 3], figures[at + 4], figures[at + 5], loadTime));
        }
        boolean up = figures[1] != UNKNOWN;
        return new CacheHistoryReport.Reading(figures[0], up ? "UP" : "DOWN", up ? figures[1] : null,
                up ? figures[2] : null, byLevel);
    }

    ReadingRing ring() {
        return ring;
    }

    /** What the ring's figures take: fixed when the application starts. */
    public long bytes() {
        return ring.bytes();
    }

    @PreDestroy
    synchronized void stop() {
        if (reading != null) {
            reading.cancel(false);
        }
    }

    private static long micros(double millis) {
        return Math.round(millis * 1000);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown host");
        }
    }
}
