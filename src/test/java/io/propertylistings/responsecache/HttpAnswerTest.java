package io.propertylistings.responsecache;

import io.propertylistings.caching.Cached;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    private static final long NOW = 1_000_000;
    private static final StoredResponse STORED = StoredResponse.of(200, "application/json",
            Map.of("ETag", "\"abc\"", "Link", "</properties/?page=2&size=20>; rel=\"next\""),
            "{\"properties\":[]}".repeat(100).getBytes(), NOW + 600_000);

    private static HttpAnswer answer(Cached.Outcome outcome, boolean personal, String acceptEncoding,
            OptionalLong maxAge) {
        return HttpAnswer.of(new CachedRepresentation(STORED, outcome, personal, null), acceptEncoding, maxAge, NOW);
    }

    @Test
    void sharedAnswersAreRevalidatedByEveryCacheInFrontByDefault() {
        HttpAnswer answer = answer(Cached.Outcome.HIT, false, null, OptionalLong.empty());
        assertEquals("public, no-cache", answer.headers().get("Cache-Control"));
        assertEquals("Accept, Accept-Encoding", answer.headers().get("Vary"));
        assertEquals("HIT", answer.headers().get("X-Cache"));
        assertEquals("\"abc\"", answer.etag());
        assertEquals("abc", answer.opaqueEtag());
        assertArrayEquals(STORED.body(), answer.body());
        assertEquals(STORED.headers().get("Link"), answer.headers().get("Link"));
        assertFalse(answer.headers().containsKey("Content-Encoding"));
    }

    @Test
    void anOperatorsMaxAgeNeverOutlivesTheEntry() {
        assertEquals("public, max-age=60", answer(Cached.Outcome.HIT, false, null, OptionalLong.of(60))
                .headers().get("Cache-Control"));
        assertEquals("public, max-age=600", answer(Cached.Outcome.HIT, false, null, OptionalLong.of(3600))
                .headers().get("Cache-Control"));
    }

    @Test
    void ownAnswersArePrivateAndVaryByCredentials() {
        HttpAnswer answer = answer(Cached.Outcome.MISS, true, null, OptionalLong.empty());
        assertEquals("private, no-cache", answer.headers().get("Cache-Control"));
        assertEquals("Accept, Accept-Encoding, Authorization", answer.headers().get("Vary"));
        assertEquals("MISS", answer.headers().get("X-Cache"));
    }

    @Test
    void aRefusedGzipGoesAsIdentityEvenWhenTheWildcardIsAccepted() {
        HttpAnswer answer = answer(Cached.Outcome.HIT, false, "gzip;q=0, *;q=1", OptionalLong.empty());
        assertFalse(answer.headers().containsKey("Content-Encoding"));
        assertEquals("\"abc\"", answer.etag());
        assertArrayEquals(STORED.body(), answer.body());
    }

    @Test
    void gzipIsItsOwnRepresentationWithItsOwnValidator() {
        HttpAnswer answer = answer(Cached.Outcome.HIT, false, "gzip, br", OptionalLong.empty());
        assertEquals("gzip", answer.headers().get("Content-Encoding"));
        assertEquals("\"abc-gzip\"", answer.etag());
        assertArrayEquals(STORED.gzip(), answer.body());
        assertEquals(Map.of("ETag", "\"abc-gzip\"", "Cache-Control", "public, no-cache",
                "Vary", "Accept, Accept-Encoding", "X-Cache", "HIT"), answer.notModifiedHeaders());
    }
}
