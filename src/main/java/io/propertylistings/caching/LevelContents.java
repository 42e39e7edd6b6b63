package io.propertylistings.caching;

/**
 * What one cache level holds right now, for {@code /cache/info}.
 *
 * @param entries live entries of the level in the current generation
 * @param ttlMillis time until the last of them expires, -1 without entries
 * @param where where in Redis they are, for people reading the report
 */
public record LevelContents(long entries, long ttlMillis, String where) {
}
