package io.propertylistings.properties.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PropertyJsonTest {

    @Test
    void priceHasExactlyTwoDecimals() {
        assertEquals("250000.00", PropertyJson.price(new BigDecimal("250000")));
        assertEquals("0.50", PropertyJson.price(new BigDecimal("0.5")));
        assertEquals("99999999.99", PropertyJson.price(new BigDecimal("99999999.99")));
        assertEquals("1000000.00", PropertyJson.price(new BigDecimal("1E+6")));
    }

    @Test
    void createdAtIsIsoInUtc() {
        OffsetDateTime nairobi = OffsetDateTime.of(2025, 8, 4, 13, 0, 0, 0, ZoneOffset.ofHours(3));
        assertEquals("2025-08-04T10:00:00Z", PropertyJson.timestamp(nairobi));
        assertEquals("2025-08-04T10:00:00.123456Z", PropertyJson.timestamp(
                OffsetDateTime.of(2025, 8, 4, 10, 0, 0, 123_456_000, ZoneOffset.UTC)));
    }
}
