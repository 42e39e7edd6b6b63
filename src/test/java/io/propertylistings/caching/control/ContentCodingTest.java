package io.propertylistings.caching.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentCodingTest {

    @Test
    void gzipIsAcceptedUnlessRefused() {
        assertTrue(ContentCoding.acceptsGzip("gzip, deflate, br"));
        assertTrue(ContentCoding.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(ContentCoding.acceptsGzip("*"));
        assertFalse(ContentCoding.acceptsGzip(null));
        assertFalse(ContentCoding.acceptsGzip("identity"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=0"));
        assertFalse(ContentCoding.acceptsGzip("gzip; q=0.000, br"));
    }

    @Test
    void theGzipRepresentationHasItsOwnStrongEtag() {
        assertEquals("\"abc-gzip\"", ContentCoding.gzipEtag("\"abc\""));
    }

    @Test
    void largeBodiesAreStoredGzippedAndComeBackWhole() {
        byte[] json = "{\"title\":\"Loft\",\"location\":\"Berlin\"},".repeat(200).getBytes(StandardCharsets.UTF_8);
        StoredResponse stored = StoredResponse.of(200, "application/json", Map.of(), json, 42L);
        assertTrue(stored.hasGzip());
        byte[] encoded = stored.encode();
        assertTrue(encoded.length < json.length / 4, "stored " + encoded.length + " bytes for " + json.length);
        StoredResponse decoded = StoredResponse.decode(encoded);
        assertArrayEquals(json, decoded.body());
        assertArrayEquals(stored.gzip(), decoded.gzip());
        assertArrayEquals(json, Gzip.decompress(decoded.gzip()));
    }

    @Test
    void smallBodiesStayAsTheyAre() {
        StoredResponse stored = StoredResponse.of(200, "application/json", Map.of(), "{}".getBytes(), 42L);
        assertFalse(stored.hasGzip());
        assertArrayEquals("{}".getBytes(), StoredResponse.decode(stored.encode()).body());
    }
}
