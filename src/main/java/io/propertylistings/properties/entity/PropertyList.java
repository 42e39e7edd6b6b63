package io.propertylistings.properties.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The body of {@code GET /properties/}, in the seed project's shape. */
@JsonbPropertyOrder({"properties", "count"})
public record PropertyList(List<PropertyJson> properties, int count) {

    public static PropertyList of(List<PropertyJson> properties) {
        return new PropertyList(properties, properties.size());
    }
}
