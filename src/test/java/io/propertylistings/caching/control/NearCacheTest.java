package io.propertylistings.caching.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NearCacheTest {

    private static StoredResponse body(int bytes) {
        return new StoredResponse(200, "application/json", Map.of(), new byte[bytes], Long.MAX_VALUE, new byte[0]);
    }

    @Test
    void keepsTheGenerationItWasStoredUnder() {
        NearCache cache = new NearCache(10, 1 << 20);
        cache.put("list", "7", body(10));
        assertEquals("7", cache.get("list").orElseThrow().generation());
        cache.put("list", "8", body(10));
        assertEquals("8", cache.get("list").orElseThrow().generation());
        assertEquals(1, cache.size());
    }

    @Test
    void dropsTheLeastRecentlyUsedPastTheEntryBound() {
        NearCache cache = new NearCache(2, 1 << 20);
        cache.put("a", "1", body(1));
        cache.put("b", "1", body(1));
        cache.get("a");
        cache.put("c", "1", body(1));
        assertTrue(cache.get("a").isPresent());
        assertTrue(cache.get("b").isEmpty(), "b was used least recently");
        assertTrue(cache.get("c").isPresent());
    }

    @Test
    void staysWithinItsByteBound() {
        NearCache cache = new NearCache(100, 3_000);
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, "1", body(700));
        }
        assertTrue(cache.bytes() <= 3_000, "bytes " + cache.bytes());
        assertEquals(3, cache.size());
        cache.put("huge", "1", body(10_000));
        assertTrue(cache.get("huge").isEmpty(), "an entry over the whole bound is not kept");
    }
}
