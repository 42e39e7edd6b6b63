package io.propertylistings.properties.entity;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** What a client sends to create or replace a property; the same limits as the table's columns. */
public record PropertyDraft(
        @NotBlank @Size(max = 200) String title,
        @NotBlank String description,
        @NotNull @DecimalMin("0.00") @Digits(integer = 8, fraction = 2) BigDecimal price,
        @NotBlank @Size(max = 100) String location) {

    public Property toProperty() {
        return new Property(title, description, price, location);
    }

    public void applyTo(Property property) {
        property.describe(title, description, price, location);
    }
}
