package io.propertylistings.properties.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The shape, order and formats; CacheAsideIT compares the bytes with the server's JSON-B. */
class PropertyJsonWriterTest {

    @Test
    void writesTheListBodyOfPropertyJsonWithItsCount() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count;
        try (PropertyJsonWriter json = PropertyJsonWriter.listBody(out)) {
            json.write(1, "Luxury \"Apartment\"", "Downtown\nviews ✓", new BigDecimal("250000"), "New York",
                    OffsetDateTime.of(2025, 8, 4, 13, 0, 0, 0, ZoneOffset.ofHours(3)));
            json.write(2, "Loft", "Open plan", new BigDecimal("0.5"), "Berlin",
                    OffsetDateTime.of(2025, 8, 4, 10, 0, 0, 123_456_000, ZoneOffset.UTC));
            count = json.count();
        }
        assertEquals(2, count);
        assertEquals("{\"properties\":[{\"id\":1,\"title\":\"Luxury \\\"Apartment\\\"\",\"description\":\"Downtown\\nviews ✓\","
                + "\"price\":\"250000.00\",\"location\":\"New York\",\"created_at\":\"2025-08-04T10:00:00Z\"},"
                + "{\"id\":2,\"title\":\"Loft\",\"description\":\"Open plan\",\"price\":\"0.50\",\"location\":\"Berlin\","
                + "\"created_at\":\"2025-08-04T10:00:00.123456Z\"}],\"count\":2}", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesAnEmptyList() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PropertyJsonWriter json = PropertyJsonWriter.listBody(out)) {
            assertEquals(0, json.count());
        }
        assertEquals("{\"properties\":[],\"count\":0}", out.toString(StandardCharsets.UTF_8));
    }
}
