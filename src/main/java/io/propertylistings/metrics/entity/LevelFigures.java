package io.propertylistings.metrics.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One cache level's own figures since start: what this application did, not every client of Redis. */
@Schema(name = "LevelFigures", description = "This application's figures for one cache level since start")
@JsonbPropertyOrder({"hits", "earlyHits", "misses", "loads", "evictions", "evictionsOfEverything", "rowEvictions",
        "errors", "hitRatio", "loadTime"})
public record LevelFigures(
        long hits,
        @Schema(name = "early_hits", description = "of the hits, those answered before JAX-RS, from the entry that "
                + "answered the same request before")
        @JsonbProperty("early_hits") long earlyHits,
        long misses,
        long loads,
        @Schema(description = "evictions made by this node: each drops every answer built from the set of rows")
        long evictions,
        @Schema(name = "evictions_of_everything", description = "of the evictions, those that dropped every detail "
                + "too (a doubt, a change of more rows than a notification names, TRUNCATE)")
        @JsonbProperty("evictions_of_everything") long evictionsOfEverything,
        @Schema(name = "row_evictions", description = "rows whose details the other evictions dropped")
        @JsonbProperty("row_evictions") long rowEvictions,
        @Schema(description = "Redis failures (unreachable, timeouts) met at this level") long errors,
        @Schema(name = "hit_ratio", description = "hits in percent of hits plus misses, two decimals, 0 without lookups")
        @JsonbProperty("hit_ratio") double hitRatio,
        @Schema(name = "load_time_ms") @JsonbProperty("load_time_ms") LoadTime loadTime) {

    /** Load times in milliseconds over the most recent loads; {@code count} is every load timed since start. */
    @Schema(name = "LoadTime", description = "Percentiles of the most recent load times, in milliseconds")
    @JsonbPropertyOrder({"count", "p50", "p95", "p99", "max"})
    public record LoadTime(long count, double p50, double p95, double p99, double max) {
    }
}
