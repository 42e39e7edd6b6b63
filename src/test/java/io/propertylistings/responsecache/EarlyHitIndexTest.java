package io.propertylistings.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.CacheLevel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EarlyHitIndexTest {

    private static final CacheEntry<String> LIST = new CacheEntry<>(CacheLevel.RESPONSE, "list",
            null, Duration.ofMinutes(15));

    @Test
    void knowsWhichEntryAnsweredASignature() {
        EarlyHitIndex aliases = new EarlyHitIndex(10);
        aliases.put("/properties/\n*/*", LIST);
        assertEquals(LIST, aliases.get("/properties/\n*/*").orElseThrow());
        assertTrue(aliases.get("/properties/?page=1\n*/*").isEmpty());
    }

    @Test
    void keepsNoMoreThanItsBoundAndDropsTheLeastRecentlyUsed() {
        EarlyHitIndex aliases = new EarlyHitIndex(2);
        aliases.put("a", LIST);
        aliases.put("b", LIST);
        aliases.get("a");
        for (int i = 0; i < 1_000; i++) {
            aliases.put("/properties/?junk=" + i, LIST);
            aliases.get("a");
        }
        assertTrue(aliases.get("a").isPresent());
        assertTrue(aliases.get("/properties/?junk=999").isPresent());
        assertTrue(aliases.get("/properties/?junk=998").isEmpty(), "the bound is two");
        assertTrue(aliases.get("b").isEmpty());
    }

    @Test
    void keepsNoSignatureLongerThanItsLimit() {
        EarlyHitIndex aliases = new EarlyHitIndex(10);
        String tooLong = "x".repeat(EarlyHitIndex.MAX_SIGNATURE_CHARS + 1);
        aliases.put(tooLong, LIST);
        aliases.put("x".repeat(EarlyHitIndex.MAX_SIGNATURE_CHARS), LIST);
        assertTrue(aliases.get(tooLong).isEmpty());
        assertTrue(aliases.get("x".repeat(EarlyHitIndex.MAX_SIGNATURE_CHARS)).isPresent());
    }
}
