package io.propertylistings.metrics.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The background warm-ups of the response level since start (see {@code caching.warm.*}). */
@Schema(name = "WarmingFigures", description = "Background cache warm-ups since start")
@JsonbPropertyOrder({"enabled", "warmups", "skipped", "warmupTime"})
public record WarmingFigures(
        @Schema(description = "caching.warm.enabled") boolean enabled,
        @Schema(description = "warm-ups done") long warmups,
        @Schema(description = "warm-ups not run on their own: the eviction came while one was already due")
        long skipped,
        @Schema(name = "warmup_time_ms") @JsonbProperty("warmup_time_ms") LevelFigures.LoadTime warmupTime) {
}
