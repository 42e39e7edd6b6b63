package io.propertylistings.properties.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One property as clients see it: price a string with two decimals, created_at ISO-8601 in UTC. */
@JsonbPropertyOrder({"id", "title", "description", "price", "location", "created_at"})
public record PropertyJson(
        long id,
        String title,
        String description,
        String price,
        String location,
        @Schema(name = "created_at") @JsonbProperty("created_at") String createdAt) {

    public static PropertyJson of(Property property) {
        return new PropertyJson(
                property.getId(),
                property.getTitle(),
                property.getDescription(),
                price(property.getPrice()),
                property.getLocation(),
                timestamp(property.getCreatedAt()));
    }

    static String price(BigDecimal price) {
        return price.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String timestamp(OffsetDateTime time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
    }
}
