package io.propertylistings.metrics.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code GET /cache/metrics}: the seed's {@code get_redis_cache_metrics()} keys, its assessment,
 * and this application's figures per level. Without Redis the keyspace fields are null and {@code error} says
 * why; the per-level figures are still true. {@code warming}: the background warm-ups.
 */
@Schema(name = "CacheMetrics")
@JsonbNillable
@JsonbPropertyOrder({"keyspaceHits", "keyspaceMisses", "hitRatio", "missRatio", "totalOperations", "assessment",
        "redis", "error", "levels", "warming"})
// A renamed property is nillable only through JsonbProperty's own (deprecated) flag in Yasson; the type-level
// JsonbNillable covers the others. Clients expect every key, with null when a figure is unknown.
@SuppressWarnings("deprecation")
public record CacheMetricsReport(
        @Schema(name = "keyspace_hits", nullable = true,
                description = "keyspace_hits of Redis INFO stats (every client of that Redis)")
        @JsonbProperty(value = "keyspace_hits", nillable = true) Long keyspaceHits,

        @Schema(name = "keyspace_misses", nullable = true)
        @JsonbProperty(value = "keyspace_misses", nillable = true) Long keyspaceMisses,

        @Schema(name = "hit_ratio", nullable = true, description = "percent, two decimals, 0 without operations")
        @JsonbProperty(value = "hit_ratio", nillable = true) Double hitRatio,

        @Schema(name = "miss_ratio", nullable = true)
        @JsonbProperty(value = "miss_ratio", nillable = true) Double missRatio,

        @Schema(name = "total_operations", nullable = true)
        @JsonbProperty(value = "total_operations", nillable = true) Long totalOperations,

        @Schema(nullable = true, description = "EXCELLENT >= 90 %, GOOD >= 80 %, FAIR >= 70 %, POOR below")
        Assessment assessment,

        @Schema(description = "UP or DOWN")
        String redis,

        @Schema(nullable = true, description = "why figures are missing; null when all are there")
        String error,

        @Schema(description = "per cache level: response, list, ...")
        Map<String, LevelFigures> levels,

        WarmingFigures warming) {
}
