package io.propertylistings.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.propertylistings.support.HashSlot;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On a Redis Cluster each script must touch one slot: every key of the cache shares the generation's. */
class CacheEntryTest {

    private static CacheEntry<String> entry(CacheLevel level, String id, int version) {
        return new CacheEntry<>(level, id, new ValueCodec<>() {
            @Override
            public int version() {
                return version;
            }

            @Override
            public Optional<byte[]> encode(String value) {
                return Optional.empty();
            }

            @Override
            public String decode(byte[] stored) {
                return "";
            }
        }, Duration.ofSeconds(1));
    }

    @Test
    void everyKeyIsInTheGenerationsSlot() {
        int slot = HashSlot.of(CacheEntry.GENERATION_KEY);
        CacheEntry<String> list = entry(CacheLevel.LIST, "all_properties", 1);
        CacheEntry<String> response = entry(CacheLevel.RESPONSE, "0123abcd", 3);
        assertEquals(slot, HashSlot.of(list.key("1795656611389000")), "list entry");
        assertEquals(slot, HashSlot.of(response.key("1795656611389000")), "response entry");
        assertEquals(slot, HashSlot.of(CacheEntry.indexKey("1795656611389000")), "index");
        assertEquals(slot, HashSlot.of(list.lockKey()), "single-flight lock");
        // LOOKUP builds the entry's name inside the script from the prefix, the generation and the suffix.
        assertEquals(list.key("7"), CacheEntry.PREFIX + "7" + list.suffix());
        assertEquals("{all_properties}:7:list:v1:all_properties", list.key("7"), "the seed's name stays in the key");
    }

    @Test
    void theFormatVersionIsPartOfTheKey() {
        assertNotEquals(entry(CacheLevel.RESPONSE, "x", 3).key("7"), entry(CacheLevel.RESPONSE, "x", 4).key("7"));
    }

    @Test
    void slotsAreRedisClusterSlots() {
        // Values from CLUSTER KEYSLOT of Redis 6.2 (RedisClusterIT checks the keys above against a live cluster).
        assertEquals(12182, HashSlot.of("foo"));
        assertEquals(HashSlot.of("bar"), HashSlot.of("{bar}:anything"));
    }
}
