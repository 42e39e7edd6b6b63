package io.propertylistings.metrics.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Redis' keyspace hits and misses, with the ratios the seed's {@code get_redis_cache_metrics()} computes. */
public record KeyspaceFigures(long hits, long misses) {

    public static final KeyspaceFigures NONE = new KeyspaceFigures(0, 0);

    /** From the fields of {@code INFO stats}. */
    public static KeyspaceFigures from(Map<String, String> stats) {
        return new KeyspaceFigures(number(stats.get("keyspace_hits")), number(stats.get("keyspace_misses")));
    }

    /** The figures of two servers together, as for the masters of a Cluster. */
    public KeyspaceFigures plus(KeyspaceFigures other) {
        return new KeyspaceFigures(hits + other.hits, misses + other.misses);
    }

    public long totalOperations() {
        return hits + misses;
    }

    /** Percent with two decimals; 0 when there were no operations. */
    public double hitRatio() {
        return percent(hits);
    }

    public double missRatio() {
        return percent(misses);
    }

    private double percent(long part) {
        long total = totalOperations();
        if (total == 0) {
            return 0.0;
        }
        return BigDecimal.valueOf(part * 100.0 / total).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static long number(String value) {
        return value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
    }
}
