package io.propertylistings.responsecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.propertylistings.caching.Cached;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    private static final long NOW = 1_000_000;
    private static final StoredResponse STORED = StoredResponse.of(200, "application/json",
            Map.of("ETag", "\"abc\"", "Link", "</properties/?page=2&size=20>; rel=\"next\""),
            "{\"properties\":[]}".repeat(100).getBytes(), NOW + 600_000);

    /** What a writer put on the wire. */
    private static final class Written implements HttpAnswer.Target {
        int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        String contentType;
        byte[] body;
        String etagAsked;

        @Override
        public void status(int status) {
            this.status = status;
        }

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public void body(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
        }
    }

    private static Written answer(Cached.Outcome outcome, boolean personal, String acceptEncoding,
            OptionalLong maxAge) throws IOException {
        return answer(outcome, personal, acceptEncoding, maxAge, 0);
    }

    private static Written answer(Cached.Outcome outcome, boolean personal, String acceptEncoding,
            OptionalLong maxAge, int precondition) throws IOException {
        Written written = new Written();
        new HttpAnswer(STORED, outcome, personal, null).writeTo(written, acceptEncoding, etag -> {
            written.etagAsked = etag;
            return precondition;
        }, maxAge, NOW);
        return written;
    }

    @Test
    void sharedAnswersAreRevalidatedByEveryCacheInFrontByDefault() throws IOException {
        Written answer = answer(Cached.Outcome.HIT, false, null, OptionalLong.empty());
        assertEquals(200, answer.status);
        assertEquals("public, no-cache", answer.headers.get("Cache-Control"));
        assertEquals("Accept, Accept-Encoding", answer.headers.get("Vary"));
        assertEquals("HIT", answer.headers.get("X-Cache"));
        assertEquals("\"abc\"", answer.headers.get("ETag"));
        assertEquals("abc", answer.etagAsked);
        assertEquals("application/json", answer.contentType);
        assertArrayEquals(STORED.body(), answer.body);
        assertEquals(STORED.headers().get("Link"), answer.headers.get("Link"));
        assertFalse(answer.headers.containsKey("Content-Encoding"));
    }

    @Test
    void anOperatorsMaxAgeNeverOutlivesTheEntry() throws IOException {
        assertEquals("public, max-age=60", answer(Cached.Outcome.HIT, false, null, OptionalLong.of(60))
                .headers.get("Cache-Control"));
        assertEquals("public, max-age=600", answer(Cached.Outcome.HIT, false, null, OptionalLong.of(3600))
                .headers.get("Cache-Control"));
    }

    @Test
    void ownAnswersArePrivateAndVaryByCredentials() throws IOException {
        Written answer = answer(Cached.Outcome.MISS, true, null, OptionalLong.empty());
        assertEquals("private, no-cache", answer.headers.get("Cache-Control"));
        assertEquals("Accept, Accept-Encoding, Authorization", answer.headers.get("Vary"));
        assertEquals("MISS", answer.headers.get("X-Cache"));
    }

    @Test
    void aRefusedGzipGoesAsIdentityEvenWhenTheWildcardIsAccepted() throws IOException {
        Written answer = answer(Cached.Outcome.HIT, false, "gzip;q=0, *;q=1", OptionalLong.empty());
        assertFalse(answer.headers.containsKey("Content-Encoding"));
        assertEquals("\"abc\"", answer.headers.get("ETag"));
        assertArrayEquals(STORED.body(), answer.body);
    }

    @Test
    void gzipIsItsOwnRepresentationWithItsOwnValidator() throws IOException {
        Written answer = answer(Cached.Outcome.HIT, false, "gzip, br", OptionalLong.empty());
        assertEquals("gzip", answer.headers.get("Content-Encoding"));
        assertEquals("\"abc-gzip\"", answer.headers.get("ETag"));
        assertEquals("abc-gzip", answer.etagAsked);
        assertArrayEquals(STORED.gzip(), answer.body);
    }

    @Test
    void aPreconditionThatDecidesSendsOnlyWhatA304Repeats() throws IOException {
        Written answer = answer(Cached.Outcome.HIT, false, "gzip", OptionalLong.empty(), 304);
        assertEquals(304, answer.status);
        assertEquals(Map.of("ETag", "\"abc-gzip\"", "Cache-Control", "public, no-cache",
                "Vary", "Accept, Accept-Encoding", "X-Cache", "HIT"), answer.headers);
        assertNull(answer.body);
        assertNull(answer.contentType);
    }
}
