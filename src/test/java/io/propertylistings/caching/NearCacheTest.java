package io.propertylistings.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NearCacheTest {

    private static NearCache.Entry entry(String generation, int bytes) {
        return new NearCache.Entry(generation, "value", bytes, Long.MAX_VALUE);
    }

    @Test
    void keepsTheGenerationItWasStoredUnder() {
        NearCache cache = new NearCache(10, 1 << 20);
        cache.put("list", entry("7", 10));
        assertEquals("7", cache.get("list", 0).orElseThrow().generation());
        cache.put("list", entry("8", 10));
        assertEquals("8", cache.get("list", 0).orElseThrow().generation());
        assertEquals(1, cache.size());
    }

    @Test
    void dropsTheLeastRecentlyUsedPastTheEntryBound() {
        NearCache cache = new NearCache(2, 1 << 20);
        cache.put("a", entry("1", 1));
        cache.put("b", entry("1", 1));
        cache.get("a", 0);
        cache.put("c", entry("1", 1));
        assertTrue(cache.get("a", 0).isPresent());
        assertTrue(cache.get("b", 0).isEmpty(), "b was used least recently");
        assertTrue(cache.get("c", 0).isPresent());
    }

    @Test
    void staysWithinItsByteBound() {
        NearCache cache = new NearCache(100, 3_000);
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, entry("1", 700));
        }
        assertTrue(cache.bytes() <= 3_000, "bytes " + cache.bytes());
        assertEquals(3, cache.size());
        cache.put("huge", entry("1", 10_000));
        assertTrue(cache.get("huge", 0).isEmpty(), "an entry over the whole bound is not kept");
    }

    @Test
    void anExpiredCopyIsGoneAndClearDropsEverything() {
        NearCache cache = new NearCache(10, 1 << 20);
        cache.put("old", new NearCache.Entry("1", "value", 10, 1_000));
        cache.put("new", entry("1", 10));
        assertTrue(cache.get("old", 1_000).isEmpty(), "expired at its TTL");
        assertEquals(1, cache.size());
        cache.clear();
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }
}
