package io.propertylistings.responsecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.gzip.Gzip;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentCodingTest {

    @Test
    void gzipGoesWhenNamedOrCoveredByTheWildcard() {
        assertTrue(ContentCoding.acceptsGzip("gzip, deflate, br"));
        assertTrue(ContentCoding.acceptsGzip("*"));
        assertTrue(ContentCoding.acceptsGzip("x-gzip"));
        assertTrue(ContentCoding.acceptsGzip("GZIP;Q=0.5"));
        assertTrue(ContentCoding.acceptsGzip("br;q=1.0, gzip;q=0.5"), "identity not weighed is only the fallback");
        assertTrue(ContentCoding.acceptsGzip("gzip;q=0.001"));
        assertTrue(ContentCoding.acceptsGzip("gzip;q=1.000"));
        assertTrue(ContentCoding.acceptsGzip("*;q=0, gzip"));
        assertTrue(ContentCoding.acceptsGzip("identity;q=0, *;q=0.1"));
    }

    @Test
    void aWildcardDoesNotCoverARefusedGzip() {
        assertFalse(ContentCoding.acceptsGzip("gzip;q=0, *;q=1"));
        assertFalse(ContentCoding.acceptsGzip("*;q=1, x-gzip;q=0"));
        assertFalse(ContentCoding.acceptsGzip("*;q=0"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=0"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=0.000"));
        assertFalse(ContentCoding.acceptsGzip("gzip; q=0.000, br"));
    }

    @Test
    void identityGoesWhenItWeighsMoreOrGzipWeighsNothing() {
        assertFalse(ContentCoding.acceptsGzip("identity;q=1, gzip;q=0.5"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=0.5, *;q=0.8"), "identity weighs as the wildcard");
        assertTrue(ContentCoding.acceptsGzip("gzip;q=0.5, identity;q=0.5"), "gzip on a tie");
        assertFalse(ContentCoding.acceptsGzip("br, deflate"));
        assertFalse(ContentCoding.acceptsGzip("identity"));
        assertFalse(ContentCoding.acceptsGzip(""));
        assertFalse(ContentCoding.acceptsGzip(null));
    }

    @Test
    void refusedIdentityStillGoesWhenGzipIsNotAcceptedEither() {
        assertFalse(ContentCoding.acceptsGzip("identity;q=0"));
        assertFalse(ContentCoding.acceptsGzip("br, identity;q=0"));
        assertTrue(ContentCoding.acceptsGzip("gzip;q=0.1, identity;q=0"));
    }

    @Test
    void theHigherOfGzipAndXGzipCounts() {
        assertTrue(ContentCoding.acceptsGzip("gzip;q=0, x-gzip"));
        assertTrue(ContentCoding.acceptsGzip("X-GZIP;q=0.9, gzip;q=0.2, identity;q=0.5"));
    }

    @Test
    void namesParametersAndWhitespaceAreReadAsTheRfcAllows() {
        assertTrue(ContentCoding.acceptsGzip(" br ,\tGzip ;\tq=0.9 , identity ; q=0.8 "));
        assertFalse(ContentCoding.acceptsGzip("gzip ; Q=0 ,*"));
        assertTrue(ContentCoding.acceptsGzip(",, gzip ,"), "empty list elements are allowed");
        assertTrue(ContentCoding.acceptsGzip("gzip;level=9"), "a parameter other than q is no weight");
        assertFalse(ContentCoding.acceptsGzip("gzipped, xgzip, gzip-x"));
    }

    @Test
    void aMalformedWeightIsARefusal() {
        assertFalse(ContentCoding.acceptsGzip("gzip;q=1.5"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=1.001"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=0.0001"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=.5"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=-1"));
        assertFalse(ContentCoding.acceptsGzip("gzip;q="));
        assertFalse(ContentCoding.acceptsGzip("gzip;q=high, *"));
        assertTrue(ContentCoding.acceptsGzip("gzip, identity;q=lots"));
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
