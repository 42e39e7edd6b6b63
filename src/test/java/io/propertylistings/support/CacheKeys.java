package io.propertylistings.support;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.properties.control.PropertyListCache;
import io.propertylistings.properties.entity.PropertyQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The cache's keys as docs/architecture.md documents them, to look at or change what the service stored. */
public final class CacheKeys {

    private CacheKeys() {
    }

    public static String generation(RedissonClient redis) {
        return (String) redis.getBucket(CacheEntry.GENERATION_KEY, StringCodec.INSTANCE).get();
    }

    public static String epoch(RedissonClient redis) {
        return (String) redis.getBucket(CacheEntry.EPOCH_KEY, StringCodec.INSTANCE).get();
    }

    /** The tag of the details of property {@code id} now: the epoch, the id and the row's version. */
    public static String detailTag(RedissonClient redis, long id) {
        Object version = redis.getBucket(CacheEntry.rowKey(id), StringCodec.INSTANCE).get();
        return CacheEntry.rowTag(epoch(redis), id, version == null ? "0" : version.toString());
    }

    public static String listKey(String generation) {
        return CacheEntry.PREFIX + generation + ":list:v" + PropertyListCache.VERSION + ":" + PropertyListCache.ID;
    }

    /**
     * The response entry of {@code GET /properties/} without parameters, as docs/architecture.md documents the key:
     * the SHA-256 of the method's name and its canonical arguments, each on a line, in stored format 3.
     */
    public static String fullListResponseKey(String generation) {
        byte[] identity = ("property-list\n" + PropertyQuery.EVERYTHING.cacheKey()).getBytes(StandardCharsets.UTF_8);
        try {
            return CacheEntry.PREFIX + generation + ":response:v3:"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Evicts everything as another node would (a Redis it doubts, an outside change past the bound of named
     * rows): drops the generation's entries and the epoch's details, and moves both on. The cache is empty then.
     */
    public static void evictEverythingAsAnotherNode(RedissonClient redis) {
        String epoch = epoch(redis);
        if (epoch != null) {
            String rows = CacheEntry.PREFIX + epoch + ":rows";
            for (Object entry : redis.getScoredSortedSet(rows, StringCodec.INSTANCE).readAll()) {
                redis.getKeys().delete(entry.toString());
            }
            redis.getKeys().delete(rows);
        }
        evictAsAnotherNode(redis);
        if (epoch != null) {
            redis.getBucket(CacheEntry.EPOCH_KEY, StringCodec.INSTANCE).set(Long.toString(Long.parseLong(epoch) + 1));
        }
    }

    /** Evicts as a write on another node would: drops the generation's entries and moves to the next one. */
    public static void evictAsAnotherNode(RedissonClient redis) {
        String generation = generation(redis);
        String index = CacheEntry.indexKey(generation);
        for (Object entry : redis.getScoredSortedSet(index, StringCodec.INSTANCE).readAll()) {
            redis.getKeys().delete(entry.toString());
        }
        redis.getKeys().delete(index);
        redis.getBucket(CacheEntry.GENERATION_KEY, StringCodec.INSTANCE)
                .set(Long.toString(Long.parseLong(generation) + 1));
    }
}
