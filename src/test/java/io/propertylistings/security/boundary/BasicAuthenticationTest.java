package io.propertylistings.security.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthenticationTest {

    @Test
    void decodesBasicAsUtf8() {
        String encoded = Base64.getEncoder().encodeToString("zoë:pässword".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("zoë:pässword".toCharArray(), BasicAuthentication.basic("Basic " + encoded));
        assertArrayEquals("a:b".toCharArray(), BasicAuthentication.basic("basic YTpi"));
    }

    @Test
    void anythingElseIsNone() {
        assertNull(BasicAuthentication.basic("Bearer x"));
        assertNull(BasicAuthentication.basic("Basic"));
        assertNull(BasicAuthentication.basic("Basic !!!"));
        assertNull(BasicAuthentication.basic("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':'})));
    }
}
