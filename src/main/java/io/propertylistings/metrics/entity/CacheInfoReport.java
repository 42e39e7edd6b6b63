package io.propertylistings.metrics.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code GET /cache/info}: what each level holds now, like the seed's {@code get_cache_info()}. */
@Schema(name = "CacheInfo")
@JsonbNillable
@JsonbPropertyOrder({"redis", "error", "levels"})
public record CacheInfoReport(
        @Schema(description = "UP or DOWN")
        String redis,

        @Schema(nullable = true, description = "why the contents are unknown; null when Redis answered")
        String error,

        @Schema(description = "per cache level: response, list, ...")
        Map<String, LevelContents> levels) {

    /** One level; every field is null when Redis could not be asked. */
    @Schema(name = "LevelContents")
    @JsonbNillable
    @JsonbPropertyOrder({"holdsEntries", "entries", "ttlSeconds", "where"})
    // See CacheMetricsReport for why renamed properties carry their own nillable flag.
    @SuppressWarnings("deprecation")
    public record LevelContents(
            @Schema(name = "holds_entries", nullable = true)
            @JsonbProperty(value = "holds_entries", nillable = true) Boolean holdsEntries,

            @Schema(nullable = true, description = "live entries of the level (the current generation for response)")
            Long entries,

            @Schema(name = "ttl_seconds", nullable = true,
                    description = "seconds until the last entry expires; null without entries")
            @JsonbProperty(value = "ttl_seconds", nillable = true) Long ttlSeconds,

            @Schema(nullable = true, description = "the Redis key, or the generation of the response level")
            String where) {
    }
}
