package io.propertylistings.caching.control;

import java.time.Duration;

/**
 * One cached value: its level, its id within the level, how it is stored and for how long. Every key of the
 * cache, whatever the level, carries the hash tag {@code {all_properties}} (the seed's list key), so the
 * generation, the entries, their index and the single-flight locks share one Redis Cluster slot and one
 * script can evict them all.
 *
 * <p>Keys: {@code {all_properties}:generation}; {@code {all_properties}:evicted}; {@code {all_properties}:<generation>:<level>:v<format>:<id>}
 * for an entry; {@code {all_properties}:<generation>:index} for the entries of a generation;
 * {@code {all_properties}:lock:<level>:<id>} for a load in flight.
 */
public record CacheEntry<T>(CacheLevel level, String id, ValueCodec<T> codec, Duration ttl) {

    public static final String NAMESPACE = "{all_properties}";
    public static final String GENERATION_KEY = NAMESPACE + ":generation";
    /** The database transactions whose eviction was made in the last minute (see {@code GenerationGuard}). */
    public static final String EVICTED_TRANSACTIONS_KEY = NAMESPACE + ":evicted";
    public static final String PREFIX = NAMESPACE + ":";

    /** What follows the generation in the entry's key; the format's version is part of it. */
    String suffix() {
        return ":" + level.tag() + ":v" + codec.version() + ":" + id;
    }

    public String key(String generation) {
        return PREFIX + generation + suffix();
    }

    String lockKey() {
        return PREFIX + "lock:" + level.tag() + ":" + id;
    }

    /** The near cache's key and the single flight's: the entry whatever its generation. */
    String localKey() {
        return level.tag() + suffix();
    }

    public static String indexKey(String generation) {
        return PREFIX + generation + ":index";
    }
}
