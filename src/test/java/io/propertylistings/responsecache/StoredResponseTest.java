package io.propertylistings.responsecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.propertylistings.gzip.Gzip;
import io.propertylistings.gzip.GzipTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredResponseTest {

    @Test
    void decodesWhatItEncodes() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Link", "<http://x/properties?page=2>; rel=\"next\"");
        headers.put("X-Total", "3");
        byte[] body = "{\"properties\":[],\"count\":0,\"title\":\"Ünïcødé ✓\"}".getBytes(StandardCharsets.UTF_8);

        StoredResponse decoded = StoredResponse.decode(new StoredResponse(200, "application/json", headers, body, 1_700_000_000_123L, new byte[0]).encode());

        assertEquals(200, decoded.status());
        assertEquals(1_700_000_000_123L, decoded.expiresAtMillis());
        assertEquals("application/json", decoded.contentType());
        assertEquals(headers, decoded.headers());
        assertEquals(java.util.List.copyOf(headers.keySet()), java.util.List.copyOf(decoded.headers().keySet()));
        assertArrayEquals(body, decoded.body());
    }

    @Test
    void keepsAnEmptyBody() {
        StoredResponse decoded = StoredResponse.decode(new StoredResponse(204, "text/plain", Map.of(), new byte[0], 0L, new byte[0]).encode());
        assertEquals(0, decoded.body().length);
    }

    @Test
    void rejectsWhatItDidNotWrite() {
        byte[] encoded = new StoredResponse(200, "application/json", Map.of(), new byte[] {1, 2, 3}, 5L, new byte[0]).encode();
        assertThrows(IllegalArgumentException.class, () -> StoredResponse.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> StoredResponse.decode(Arrays.copyOf(encoded, encoded.length + 1)));
        byte[] otherFormat = encoded.clone();
        otherFormat[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> StoredResponse.decode(otherFormat));
    }

    @Test
    void keepsAGzipItWasGivenAndInflatesItOnlyWhenAsked() throws Exception {
        byte[] json = GzipTest.json(200);
        byte[] gzip = Gzip.compress(json);

        StoredResponse stored = StoredResponse.ofGzip(200, "application/json", Map.of("ETag", "\"e\""), gzip, Optional.empty(),
                7L);
        assertArrayEquals(gzip, stored.gzip(), "stored as given, not compressed again");
        StoredResponse decoded = StoredResponse.decode(stored.encode());
        assertArrayEquals(gzip, decoded.gzip());
        assertArrayEquals(json, decoded.body());
        assertArrayEquals(json, stored.body());
    }

    @Test
    void servesTheIdentityBodyItWasGivenBesideTheGzipWithoutInflating() {
        byte[] json = GzipTest.json(200);
        byte[] gzip = Gzip.compress(json);
        byte[] given = json.clone();

        StoredResponse stored = StoredResponse.ofGzip(200, "application/json", Map.of(), gzip, Optional.of(given), 7L);
        assertSame(given, stored.body(), "the given body, not an inflated copy");
        assertArrayEquals(gzip, stored.gzip());
        assertEquals(gzip.length + json.length, stored.heapBytes());
        assertArrayEquals(gzip, StoredResponse.decode(stored.encode()).gzip(), "Redis keeps the gzip only");
    }

    @Test
    void countsTheIdentityBodyItCanInflateAsWellAsItsGzip() {
        byte[] json = GzipTest.json(200);
        byte[] gzip = Gzip.compress(json);
        StoredResponse stored = StoredResponse.decode(
                StoredResponse.ofGzip(200, "application/json", Map.of(), gzip, Optional.empty(), 7L).encode());
        assertEquals(gzip.length + json.length, stored.heapBytes(), "before an identity client asked");
        stored.body();
        assertEquals(gzip.length + json.length, stored.heapBytes(), "after");
        StoredResponse small = StoredResponse.of(200, "application/json", Map.of(), new byte[] {'[', ']'}, 7L);
        assertEquals(2, small.heapBytes());
    }

    @Test
    void aGivenGzipOfASmallBodyIsStoredAsTheBody() {
        byte[] small = "{\"properties\":[],\"count\":0}".getBytes(StandardCharsets.UTF_8);
        StoredResponse stored = StoredResponse.ofGzip(200, "application/json", Map.of(), Gzip.compress(small),
                Optional.empty(), 7L);
        assertEquals(false, stored.hasGzip());
        assertArrayEquals(small, StoredResponse.decode(stored.encode()).body());
    }

    @Test
    void rejectsAStoredGzipWithoutItsFraming() {
        byte[] encoded = StoredResponse.ofGzip(200, "application/json", Map.of(),
                Gzip.compress(GzipTest.json(200)), Optional.empty(), 7L).encode();
        int bodyStart = encoded.length - StoredResponse.ofGzip(200, "application/json", Map.of(),
                Gzip.compress(GzipTest.json(200)), Optional.empty(), 7L).gzip().length;
        encoded[bodyStart] = 0;
        assertThrows(IllegalArgumentException.class, () -> StoredResponse.decode(encoded));
    }
}
