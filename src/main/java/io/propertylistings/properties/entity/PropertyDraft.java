package io.propertylistings.properties.entity;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a client sends to create or replace a property; the same limits as the table's columns. The limits are
 * repeated in {@code @Schema} for {@code /openapi}: its Bean Validation scan is off (see
 * microprofile-config.properties) because Payara 6 fails on constrained record components.
 */
public record PropertyDraft(
        @Schema(required = true, minLength = 1, maxLength = 200, example = "Luxury Apartment")
        @NotBlank @Size(max = 200) String title,
        @Schema(required = true, minLength = 1, description = "not blank",
                example = "Beautiful downtown apartment with city views")
        @NotBlank String description,
        @Schema(required = true, minimum = "0.00", maximum = "99999999.99", description = "at most two decimals",
                example = "250000.00")
        @NotNull @DecimalMin("0.00") @Digits(integer = 8, fraction = 2) BigDecimal price,
        @Schema(required = true, minLength = 1, maxLength = 100, example = "New York")
        @NotBlank @Size(max = 100) String location) {

    public Property toProperty() {
        return new Property(title, description, price, location);
    }

    public void applyTo(Property property) {
        property.describe(title, description, price, location);
    }
}
