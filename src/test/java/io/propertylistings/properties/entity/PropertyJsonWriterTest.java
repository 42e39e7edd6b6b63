package io.propertylistings.properties.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The shape, order, formats and escapes; CacheAsideIT compares the bytes with the server's JSON-B. */
class PropertyJsonWriterTest {

    /** Every character (and surrogate pairs) escaped and encoded as a JSON-P generator does it. */
    @Test
    void writesEveryCharacterAsJsonP() {
        StringBuilder text = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            text.append(c);
        }
        for (int c = Character.MAX_SURROGATE + 1; c <= 0xffff; c++) {
            text.append((char) c);
        }
        text.appendCodePoint(0x1F3E0).appendCodePoint(0x1D11E).appendCodePoint(0x10FFFF);
        String all = text.toString();
        OffsetDateTime at = OffsetDateTime.of(2025, 8, 4, 10, 0, 0, 5_000, ZoneOffset.UTC);

        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        try (PropertyJsonWriter json = PropertyJsonWriter.array(mine)) {
            json.write(Long.MAX_VALUE, all, "d" + all, new BigDecimal("12.345"), all + "l", at);
            json.write(-1, "", "\u2028\u2029</script>", new BigDecimal("0"), "x", at);
        }
        ByteArrayOutputStream jsonP = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.createGenerator(jsonP)) {
            json.writeStartArray();
            for (Object[] row : new Object[][] {{Long.MAX_VALUE, all, "d" + all, "12.345", all + "l"},
                    {-1L, "", "\u2028\u2029</script>", "0", "x"}}) {
                json.writeStartObject().write("id", (long) row[0]).write("title", (String) row[1])
                        .write("description", (String) row[2])
                        .write("price", PropertyJson.price(new BigDecimal((String) row[3])))
                        .write("location", (String) row[4]).write("created_at", PropertyJson.timestamp(at)).writeEnd();
            }
            json.writeEnd();
        }
        assertEquals(jsonP.toString(StandardCharsets.UTF_8), mine.toString(StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assertions.assertArrayEquals(jsonP.toByteArray(), mine.toByteArray());
    }

    @Test
    void writesTheArrayOfPropertyJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count;
        try (PropertyJsonWriter json = PropertyJsonWriter.array(out)) {
            json.write(1, "Luxury \"Apartment\"", "Downtown\nviews ✓", new BigDecimal("250000"), "New York",
                    OffsetDateTime.of(2025, 8, 4, 13, 0, 0, 0, ZoneOffset.ofHours(3)));
            json.write(2, "Loft", "Open plan", new BigDecimal("0.5"), "Berlin",
                    OffsetDateTime.of(2025, 8, 4, 10, 0, 0, 123_456_000, ZoneOffset.UTC));
            count = json.count();
        }
        assertEquals(2, count);
        assertEquals("[{\"id\":1,\"title\":\"Luxury \\\"Apartment\\\"\",\"description\":\"Downtown\\nviews ✓\","
                + "\"price\":\"250000.00\",\"location\":\"New York\",\"created_at\":\"2025-08-04T10:00:00Z\"},"
                + "{\"id\":2,\"title\":\"Loft\",\"description\":\"Open plan\",\"price\":\"0.50\",\"location\":\"Berlin\","
                + "\"created_at\":\"2025-08-04T10:00:00.123456Z\"}]", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesAnEmptyArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PropertyJsonWriter json = PropertyJsonWriter.array(out)) {
            assertEquals(0, json.count());
        }
        assertEquals("[]", out.toString(StandardCharsets.UTF_8));
    }
}
