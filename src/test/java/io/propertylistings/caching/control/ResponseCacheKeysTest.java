package io.propertylistings.caching.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.propertylistings.support.HashSlot;
import org.junit.jupiter.api.Test;

/** On a Redis Cluster, each script of the response level must touch one slot: every key shares {response}'s. */
class ResponseCacheKeysTest {

    @Test
    void everyKeyOfTheResponseLevelIsInTheGenerationsSlot() {
        int slot = HashSlot.of(ResponseCache.GENERATION_KEY);
        String request = RequestKeyTest.class.getName();
        assertEquals(slot, HashSlot.of(ResponseCache.entryKey("1795656611389000", request)), "entry");
        assertEquals(slot, HashSlot.of(ResponseCache.indexKey("1795656611389000")), "census index");
        assertEquals(slot, HashSlot.of(ResponseCache.lockKey(request)), "single-flight lock");
        // LOOKUP and CENSUS build the entry and index names inside the script from this prefix.
        assertEquals(ResponseCache.entryKey("7", request), ResponseCache.NAMESPACE + ":" + "7" + ":" + request);
    }

    @Test
    void slotsAreRedisClusterSlots() {
        // Values from CLUSTER KEYSLOT of Redis 6.2 (RedisClusterIT checks the keys above against a live cluster).
        assertEquals(12182, HashSlot.of("foo"));
        assertEquals(HashSlot.of("bar"), HashSlot.of("{bar}:anything"));
    }
}
