package io.propertylistings.properties.entity;

import java.util.Optional;

/**
 * The gzip of the whole body of {@code GET /properties/} ({@link PropertyList} of every property), and how many
 * properties it holds: the list level's value, which the list response sends as it is. A load that has just
 * written the body also has it as it is ({@code identity}, up to a size), for a client without gzip; Redis keeps
 * only the gzip.
 */
public record PropertyListBody(byte[] gzip, int count, Optional<byte[]> identity) {

    public PropertyListBody(byte[] gzip, int count) {
        this(gzip, count, Optional.empty());
    }
}
