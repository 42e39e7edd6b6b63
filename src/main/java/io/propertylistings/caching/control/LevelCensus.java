package io.propertylistings.caching.control;

/**
 * What a cache level holds right now, for {@code /cache/info}. Each level's cache implements it; the report
 * finds them all through CDI, so a new level needs no change to the report.
 */
public interface LevelCensus {

    /**
     * @param entries live entries of the level
     * @param ttlMillis time until the last of them expires, -1 without entries
     * @param where where in Redis they are, for people reading the report
     */
    record Contents(long entries, long ttlMillis, String where) {
    }

    CacheLevel level();

    /** Asks Redis; throws a RuntimeException when it cannot be reached (or the circuit breaker is open). */
    Contents contents();
}
