package io.propertylistings.metrics.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code GET /cache/history}: this node's recent readings, oldest first. Counters are totals since
 * start, as in {@code /cache/metrics}; rates and ratios over time are differences of two readings.
 */
@Schema(name = "CacheHistory", description = "This node's readings of the last minutes, oldest first")
@JsonbPropertyOrder({"node", "host", "pid", "intervalMs", "capacity", "readings"})
public record CacheHistoryReport(
        @Schema(description = "name of the node that took the readings: node.name, or else its host name")
        String node,

        @Schema(description = "host name of the node")
        String host,

        @Schema(description = "process id of its JVM, which tells two nodes on one host apart")
        long pid,

        @Schema(name = "interval_ms", description = "milliseconds between two readings (dashboard.reading-interval-ms)")
        @JsonbProperty("interval_ms") long intervalMs,

        @Schema(description = "readings kept at most; older ones are dropped")
        int capacity,

        List<Reading> readings) {

    /** What the node saw at one moment. */
    @Schema(name = "CacheReading")
    @JsonbNillable
    @JsonbPropertyOrder({"time", "redis", "keyspaceHits", "keyspaceMisses", "levels"})
    // See CacheMetricsReport for why renamed properties carry their own nillable flag.
    @SuppressWarnings("deprecation")
    public record Reading(
            @Schema(description = "when, in milliseconds since 1970-01-01T00:00:00Z")
            long time,

            @Schema(description = "UP or DOWN: whether Redis answered INFO")
            String redis,

            @Schema(name = "keyspace_hits", nullable = true,
                    description = "keyspace_hits of Redis INFO stats; null while Redis cannot be reached")
            @JsonbProperty(value = "keyspace_hits", nillable = true) Long keyspaceHits,

            @Schema(name = "keyspace_misses", nullable = true)
            @JsonbProperty(value = "keyspace_misses", nillable = true) Long keyspaceMisses,

            @Schema(description = "per cache level: response, list, ...")
            Map<String, LevelReading> levels) {
    }

    /** One level's totals since start, and its load time percentiles at that moment. */
    @Schema(name = "CacheLevelReading")
    @JsonbPropertyOrder({"hits", "misses", "loads", "evictions", "errors", "warmups", "loadTime"})
    public record LevelReading(
            long hits,
            long misses,
            long loads,
            long evictions,
            long errors,
            @Schema(description = "background warm-ups done (response level only)") long warmups,
            @Schema(name = "load_time_ms") @JsonbProperty("load_time_ms") LoadTime loadTime) {
    }

    /** As in {@code /cache/metrics}: 0 before the first load, which {@code count} tells apart from a fast load. */
    @Schema(name = "CacheReadingLoadTime",
            description = "percentiles of the level's most recent load times in milliseconds; count: loads timed since start")
    @JsonbPropertyOrder({"count", "p50", "p95", "p99"})
    public record LoadTime(long count, double p50, double p95, double p99) {
    }
}
