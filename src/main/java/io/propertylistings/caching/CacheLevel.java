package io.propertylistings.caching;

/**
 * The cache levels, as named in metric tags and in the JSON of {@code /cache/metrics} and {@code /cache/info}.
 * Metrics, statistics and reports iterate over {@link #values()}, so a new level is one constant here (plus a
 * {@link LevelContents} from the cache that implements it, for {@code /cache/info}).
 */
public enum CacheLevel {
    RESPONSE,
    LIST,
    DETAIL;

    public String tag() {
        return name().toLowerCase();
    }
}
