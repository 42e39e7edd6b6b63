package io.propertylistings.caching;

import java.time.Duration;

/**
 * One cached value: its level, its id within the level, how it is stored and for how long. Every key of the
 * cache, whatever the level, carries the hash tag {@code {all_properties}} (the seed's list key), so the
 * generation, the entries, their index and the single-flight locks share one Redis Cluster slot and one
 * script can evict them all.
 *
 * <p>Keys: {@code {all_properties}:generation}, {@code {all_properties}:epoch} and {@code
 * {all_properties}:evicted}; {@code {all_properties}:<tag>:<level>:v<format>:<id>} for an entry, whose tag is the
 * generation or, for a detail, {@code <epoch>-<row>-<row's version>}; {@code {all_properties}:<generation>:index}
 * and {@code {all_properties}:<epoch>:rows} for the entries of a generation and of an epoch's details; {@code
 * {all_properties}:row:<id>} for a row's version and {@code {all_properties}:row:<id>:entries} for its details;
 * {@code {all_properties}:lock:<level>:<id>} for a load in flight.
 */
public record CacheEntry<T>(CacheLevel level, String id, ValueCodec<T> codec, Duration ttl, long row) {

    public static final String NAMESPACE = "{all_properties}";
    public static final String GENERATION_KEY = NAMESPACE + ":generation";
    /** Moves only when everything is evicted: part of every detail's tag. */
    public static final String EPOCH_KEY = NAMESPACE + ":epoch";
    /** The changes whose eviction was made in the last minute (see {@code GenerationScripts}). */
    public static final String EVICTED_CHANGES_KEY = NAMESPACE + ":evicted";
    public static final String PREFIX = NAMESPACE + ":";
    /** The {@link #row} of an entry that depends on every row: a list, a page, a caller's own list. */
    public static final long EVERY_ROW = -1;

    /** An entry that depends on every row, as every entry but a detail does. */
    public CacheEntry(CacheLevel level, String id, ValueCodec<T> codec, Duration ttl) {
        this(level, id, codec, ttl, EVERY_ROW);
    }

    /** What follows the tag in the entry's key; the format's version is part of it. */
    String suffix() {
        return ":" + level.tag() + ":v" + codec.version() + ":" + id;
    }

    /** The entry's key under {@code tag}: the generation, or a detail's {@link #rowTag}. */
    public String key(String tag) {
        return PREFIX + tag + suffix();
    }

    String lockKey() {
        return PREFIX + "lock:" + level.tag() + ":" + id;
    }

    /** The near cache's key and the single flight's: the entry whatever its tag. */
    String localKey() {
        return level.tag() + suffix();
    }

    public static String indexKey(String generation) {
        return PREFIX + generation + ":index";
    }

    /** A row's version: moves with every write to the row. */
    public static String rowKey(long row) {
        return PREFIX + "row:" + row;
    }

    /** The keys of a row's details, dropped when the row's version moves. */
    static String rowEntriesKey(long row) {
        return rowKey(row) + ":entries";
    }

    /** The tag of a detail of {@code row}: the epoch, the row and the row's version ("0" while it has none). */
    public static String rowTag(String epoch, long row, String version) {
        return epoch + "-" + row + "-" + version;
    }
}
