package io.propertylistings.properties.entity;

/**
 * The gzip of the whole body of {@code GET /properties/} ({@link PropertyList} of every property), and how many
 * properties it holds: the list level's value, which the list response sends as it is.
 */
public record PropertyListBody(byte[] gzip, int count) {
}
