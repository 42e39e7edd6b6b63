package io.propertylistings.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseKeyTest {

    private record Query(String cacheKey, Optional<String> owner) implements CacheKeyed {
    }

    private static final Query EVERYTHING = new Query("", Optional.empty());

    @Test
    void theKeyIsTheHashOfTheNameAndTheCanonicalArguments() {
        assertEquals(ResponseKey.of("property-list", EVERYTHING), ResponseKey.of("property-list", new Query("", Optional.empty())));
        assertNotEquals(ResponseKey.of("property-list", EVERYTHING), ResponseKey.of("property-detail", EVERYTHING));
        assertNotEquals(ResponseKey.of("property-list", EVERYTHING), ResponseKey.of("property-list", new Query("page=2", Optional.empty())));
        assertEquals(64, ResponseKey.of("property-list", new Query("x".repeat(10_000), Optional.empty())).length());
    }

    @Test
    void anOwnersAnswerIsKeyedByTheOwner() {
        Query alice = new Query("mine=true", Optional.of("alice"));
        Query bob = new Query("mine=true", Optional.of("bob"));
        assertNotEquals(ResponseKey.of("property-list", alice), ResponseKey.of("property-list", bob));
        assertEquals(Optional.of("alice"), ResponseKey.owner(alice));
        assertEquals(Optional.empty(), ResponseKey.owner(EVERYTHING, 7L));
    }
}
