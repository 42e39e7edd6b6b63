package io.propertylistings.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawHttpTest {

    @Test
    void aChunkedBodyIsCountedInBytesAndDecodedWhole() {
        byte[] first = "{\"title\":\"Zür".getBytes(StandardCharsets.UTF_8);
        byte[] second = "ich 🏠\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(first.length - 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        // The first chunk ends inside the two bytes of the ü.
        response.writeBytes(java.util.Arrays.copyOf(first, first.length - 1));
        response.writeBytes(("\r\n" + Integer.toHexString(second.length + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        response.write(first[first.length - 1]);
        response.writeBytes(second);
        response.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        RawHttp.Answer answer = RawHttp.parse(response.toByteArray(), 1);

        assertEquals(200, answer.status());
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("{\"title\":\"Zürich 🏠\"}", answer.body());
    }
}
