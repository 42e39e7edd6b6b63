package io.propertylistings.properties.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.propertylistings.support.HashSlot;
import org.junit.jupiter.api.Test;

/**
 * The seed's key {@code all_properties} has no hash tag; its generation and lock use the tag
 * {@code {all_properties}}, which hashes to the same slot, so a store-if-current and an eviction are one-slot
 * scripts on a Redis Cluster.
 */
class PropertyListCacheKeysTest {

    @Test
    void theListItsGenerationAndItsLockShareASlot() {
        int slot = HashSlot.of(PropertyListCache.KEY);
        assertEquals(slot, HashSlot.of(PropertyListCache.GENERATION_KEY));
        assertEquals(slot, HashSlot.of(PropertyListCache.LOCK_KEY));
    }
}
