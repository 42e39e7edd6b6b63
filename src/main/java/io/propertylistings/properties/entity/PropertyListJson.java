package io.propertylistings.properties.entity;

/**
 * Every property as the JSON array of {@link PropertyJson}, gzipped (a {@code SpliceableGzip}), and how many
 * there are: the list level's value, which the list response wraps without parsing it.
 */
public record PropertyListJson(byte[] gzip, int count) {
}
