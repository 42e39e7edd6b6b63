package io.propertylistings.properties.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The body of {@code GET /properties/}, in the seed project's shape: {@code count} is the number of items here;
 * {@code total}, the number of matches on all pages, is there only when the client asked for a page.
 */
@JsonbPropertyOrder({"properties", "count", "total"})
public record PropertyList(List<PropertyJson> properties, int count, Long total) {

    public static PropertyList of(List<PropertyJson> properties) {
        return new PropertyList(properties, properties.size(), null);
    }

    public static PropertyList page(List<PropertyJson> properties, long total) {
        return new PropertyList(properties, properties.size(), total);
    }
}
